/**
 * Child-process entry: the bare Node server the upload throughput is compared with. It streams
 * each request body into a file with `pipeline()` and answers 200 — the least any upload server
 * must do. The upload benchmark runs it compiled (see `compile-for-node.ts`); by hand:
 * `node --conditions=source --import tsx bench/baseline-server.ts <dir>`.
 */
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { announceReady, sendExitReport, untilParentCloses } from './child-protocol.js';
import { startGcTally } from './gc-tally.js';

const directory = process.argv[2];
if (!directory) throw new Error('Usage: baseline-server.ts <directory for uploaded files>');

let uploadCount = 0;

async function receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
  uploadCount += 1;
  const path = join(directory as string, `upload-${uploadCount}`);
  try {
    await pipeline(request, createWriteStream(path));
    response.end('stored\n');
  } catch (error) {
    response.statusCode = 500;
    response.end(`${(error as Error).message}\n`);
  }
  // Deleted after answering (outside the timed window) so the kernel drops its dirty pages
  // instead of writing them back in the middle of the next measurement.
  await unlink(path).catch(() => undefined);
}

const server = createServer((request, response) => void receive(request, response));
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
const gcTally = startGcTally();
announceReady(`http://127.0.0.1:${port}`);

await untilParentCloses();
server.close();
sendExitReport({ gc: gcTally() });
