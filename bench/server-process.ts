/**
 * Child-process entry: a heygen-assets server on an ephemeral loopback port, in a process of its
 * own so that its peak RSS is the server's alone. The API key comes from `BENCH_API_KEY`; logs at
 * `warn` and above go to stderr, keeping stdout for the ready message.
 * The upload benchmark runs it compiled (see `compile-for-node.ts`); by hand:
 * `BENCH_API_KEY=… node --conditions=source --import tsx bench/server-process.ts <dataDir>`.
 */
import { startServer, tuneHeapForUploads } from '@heygen-assets/server';
import { announceReady, sendExitReport, untilParentCloses } from './child-protocol.js';
import { startGcTally } from './gc-tally.js';

const dataDir = process.argv[2];
const apiKey = process.env.BENCH_API_KEY;
if (!dataDir || !apiKey) {
  throw new Error('Usage: BENCH_API_KEY=<key> server-process.ts <data directory>');
}

// As `heygen-assets serve` does, so the benchmark measures the server as it runs.
tuneHeapForUploads();
const server = await startServer({
  host: '127.0.0.1',
  port: 0,
  dataDir,
  apiKey,
  logLevel: 'warn',
  logStream: process.stderr,
});
const gcTally = startGcTally();
announceReady(server.url);

await untilParentCloses();
await server.close();
sendExitReport({ gc: gcTally() });
