import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { type FileHandle, open, rm } from 'node:fs/promises';
import { type Readable, Transform } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { makeTempDir, startStubServer, writeTempFile } from '@heygen-assets/testkit';
import { sendRequest } from '../src/http/send-request.js';
import { ChunkPool, recycleChunk } from '../src/retry/chunk-pool.js';
import { fileRangeStream } from '../src/retry/file-range-stream.js';

const MIB = 1024 * 1024;

/** Size of the file sent, in bytes: 256 chunks of 64 KiB. */
const FILE_BYTES = 16 * MIB;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Passes chunks through unchanged, noting the ArrayBuffer under each. */
function bufferSpy(seen: Set<ArrayBufferLike>): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen.add(chunk.buffer);
      callback(null, chunk);
    },
  });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('fileRangeStream', () => {
  let dir: string;
  let bytes: Buffer;
  let handle: FileHandle;

  before(async () => {
    dir = await makeTempDir('heygen-client-range-');
    bytes = randomBytes(FILE_BYTES);
    handle = await open(await writeTempFile(dir, 'random.bin', bytes), 'r');
  });
  after(async () => {
    await handle.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends a file through a few recycled buffers, every byte intact', async () => {
    let received = '';
    const stub = await startStubServer((request, response) => {
      const hash = createHash('sha256');
      request.on('data', (chunk: Buffer) => hash.update(chunk));
      request.on('end', () => {
        received = hash.digest('hex');
        response.end('{}');
      });
    });
    const buffers = new Set<ArrayBufferLike>();

    const response = await sendRequest(
      {
        method: 'PUT',
        url: new URL(stub.url),
        headers: { 'content-length': String(FILE_BYTES) },
        body: () => fileRangeStream(handle, FILE_BYTES).pipe(bufferSpy(buffers)),
      },
      { timeoutMs: 30_000 },
    );
    await stub.close();

    assert.equal(response.status, 200);
    assert.equal(received, sha256(bytes));
    // 256 chunks went out; without recycling each would have had a buffer of its own.
    assert.ok(buffers.size <= 17, `${buffers.size} buffers for 256 chunks`);
  });

  it('makes a new buffer for each chunk nobody recycles', async () => {
    const buffers = new Set<ArrayBufferLike>();

    for await (const chunk of fileRangeStream(handle, 4 * MIB))
      buffers.add((chunk as Buffer).buffer);

    assert.equal(buffers.size, 64);
  });

  it('can be made again after one was destroyed midway, from the same open file', async () => {
    const first = fileRangeStream(handle, FILE_BYTES);
    for await (const _chunk of first) break;

    const again = await readAll(fileRangeStream(handle, FILE_BYTES));

    assert.ok(first.destroyed);
    assert.equal(sha256(again), sha256(bytes));
  });

  it('stops at the size it was given, even in a longer file', async () => {
    const head = await readAll(fileRangeStream(handle, 100_000));

    assert.deepEqual(head, bytes.subarray(0, 100_000));
  });
});

describe('ChunkPool', () => {
  it('hands a recycled buffer out again, and only its own', () => {
    const pool = new ChunkPool(1024, 2);
    const first = pool.take();

    recycleChunk(first.subarray(0, 10));
    recycleChunk(Buffer.alloc(1024));
    recycleChunk('not a chunk');

    assert.equal(pool.take().buffer, first.buffer);
    assert.notEqual(pool.take().buffer, first.buffer);
  });

  it('keeps no more than maxFree buffers for reuse', () => {
    const pool = new ChunkPool(16, 1);
    const [a, b] = [pool.take(), pool.take()];

    recycleChunk(a);
    recycleChunk(b);

    assert.equal(pool.take().buffer, a.buffer);
    const fresh = pool.take();
    assert.notEqual(fresh.buffer, a.buffer);
    assert.notEqual(fresh.buffer, b.buffer);
  });
});
