import { rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { type RunningServer, type ServerConfig, startServer } from '@heygen-assets/server';
import { makeTempDir } from './temp-files.js';

/** The key every test server registers for its default space. */
export const TEST_API_KEY = 'test-key-0123456789';

export interface TestServer {
  server: RunningServer;
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  apiKey: string;
  dataDir: string;
  /** A scratch directory for the test's own files, removed by `close`. */
  workDir: string;
  /** Every JSON log line the server wrote so far. */
  logs(): string;
  /** Stops the server, keeping its data directory (for restart tests). */
  stop(): Promise<void>;
  /** Stops the server and removes its data and scratch directories. */
  close(): Promise<void>;
}

/**
 * A real server on an ephemeral loopback port, with its own data directory (unless one is
 * given) and its logs captured in memory.
 */
export async function startTestServer(options: Partial<ServerConfig> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await makeTempDir('heygen-assets-data-'));
  const workDir = await makeTempDir('heygen-assets-work-');
  let logText = '';
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logText += chunk.toString();
      done();
    },
  });
  const server = await startServer({
    host: '127.0.0.1',
    port: 0,
    apiKey: TEST_API_KEY,
    logLevel: 'info',
    logStream,
    ...options,
    dataDir,
  });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.close();
  };
  return {
    server,
    url: server.url,
    apiKey: TEST_API_KEY,
    dataDir,
    workDir,
    logs: () => logText,
    stop,
    close: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
