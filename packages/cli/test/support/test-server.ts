import { rm } from 'node:fs/promises';
import { type RunningServer, startServer } from '@heygen-assets/server';
import { makeTempDir } from '@heygen-assets/testkit';

/** The key the test server registers for its default space. */
export const TEST_API_KEY = 'test-key';

export interface TestServer {
  server: RunningServer;
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** A scratch directory for the test's own files, removed by `close`. */
  workDir: string;
  close(): Promise<void>;
}

/** A real server on an ephemeral loopback port with a fresh data directory. */
export async function startTestServer(): Promise<TestServer> {
  const dataDir = await makeTempDir('heygen-cli-data-');
  const workDir = await makeTempDir('heygen-cli-work-');
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    apiKey: TEST_API_KEY,
    logLevel: 'silent',
  });

  return {
    server,
    url: server.url,
    workDir,
    close: async () => {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
