import { rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { makeTempDir } from '@heygen-assets/testkit';
import { type RunningServer, type ServerConfig, startServer } from '../../src/index.js';

export const TEST_API_KEY = 'test-key-0123456789';

export interface TestServer {
  url: string;
  apiKey: string;
  dataDir: string;
  server: RunningServer;
  /** Every JSON log line the server wrote so far. */
  logs(): string;
  /** Stops the server, keeping its data directory (for restart tests). */
  stop(): Promise<void>;
  /** Stops the server and removes its data directory. */
  close(): Promise<void>;
}

/** A real server on an ephemeral loopback port with its own data directory. */
export async function startTestServer(options: Partial<ServerConfig> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await makeTempDir('heygen-assets-test-'));
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
    url: server.url,
    apiKey: TEST_API_KEY,
    dataDir,
    server,
    logs: () => logText,
    stop,
    close: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
