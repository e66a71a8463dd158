import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, test } from 'node:test';
import { AssetError, SNIFF_WINDOW_BYTES } from '@heygen-assets/core';
import { makeTempDir } from '@heygen-assets/testkit';
import { DiskBlobStore } from '../src/blobs/disk-blob-store.js';
import { TempFileWriter } from '../src/blobs/temp-file-writer.js';

async function setUp(t: { after(fn: () => Promise<void>): void }) {
  const dir = await makeTempDir('heygen-assets-disk-blobs-');
  t.after(() => rm(dir, { recursive: true, force: true }));
  return { blobs: new DiskBlobStore(dir), tempDir: join(dir, 'tmp') };
}

/** `count` chunks of `size` bytes, each filled with its own index, so order mistakes show. */
function chunks(count: number, size: number): Buffer[] {
  return Array.from({ length: count }, (_, index) => Buffer.alloc(size, index % 251));
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

describe('DiskBlobStore.writeTemp', () => {
  test('stores every chunk in order with its size and SHA-256, also when chunks queue up', async (t) => {
    const { blobs } = await setUp(t);
    // Pushed all at once, so the writer gets them batched (writev) as well as one by one.
    const parts = chunks(300, 64 * 1024 + 7);
    const expected = Buffer.concat(parts);

    const temp = await blobs.writeTemp(Readable.from(parts), { maxBytes: expected.length });
    const source = await blobs.openTemp(temp);
    const stored = await source.read(0, source.size).finally(() => source.close());

    assert.equal(temp.sizeBytes, expected.length);
    assert.equal(temp.sha256, sha256(expected));
    assert.equal(source.size, expected.length);
    assert.ok(Buffer.from(stored).equals(expected));
  });

  test('a body one byte over the limit fails with file_too_large and leaves no file', async (t) => {
    const { blobs, tempDir } = await setUp(t);
    const parts = chunks(10, 1000);

    const error = await errorOf(blobs.writeTemp(Readable.from(parts), { maxBytes: 9999 }));

    assert.ok(error instanceof AssetError);
    assert.equal(error.code, 'file_too_large');
    assert.deepEqual(await readdir(tempDir), []);
  });

  test('the limit the first bytes give applies to the rest of the body', async (t) => {
    const { blobs, tempDir } = await setUp(t);
    const parts = chunks(8, SNIFF_WINDOW_BYTES / 4);
    const heads: number[] = [];

    const error = await errorOf(
      blobs.writeTemp(Readable.from(parts), {
        maxBytes: 10 * SNIFF_WINDOW_BYTES,
        limitForHead: (head) => {
          heads.push(head.length);
          return SNIFF_WINDOW_BYTES + 1;
        },
      }),
    );

    assert.deepEqual(heads, [SNIFF_WINDOW_BYTES]);
    assert.ok(error instanceof AssetError);
    assert.equal(error.code, 'file_too_large');
    assert.deepEqual(await readdir(tempDir), []);
  });

  test('a body that fails midway leaves no file', async (t) => {
    const { blobs, tempDir } = await setUp(t);
    const body = new PassThrough();
    // As on a request body (`requestBody`): the error may come before the store reads from it.
    body.on('error', () => {});
    const written = blobs.writeTemp(body, { maxBytes: 1 << 30 });
    body.write(Buffer.alloc(256 * 1024, 1));
    setImmediate(() => body.destroy(new Error('connection reset')));

    const error = await errorOf(written);

    assert.equal((error as Error).message, 'connection reset');
    assert.deepEqual(await readdir(tempDir), []);
  });

  test('an abort signal stops the write and leaves no file', async (t) => {
    const { blobs, tempDir } = await setUp(t);
    const body = new PassThrough();
    const controller = new AbortController();
    const written = blobs.writeTemp(body, { maxBytes: 1 << 30, signal: controller.signal });
    body.write(Buffer.alloc(128 * 1024, 2));
    setImmediate(() => controller.abort());

    const error = await errorOf(written);

    assert.equal((error as Error).name, 'AbortError');
    assert.deepEqual(await readdir(tempDir), []);
  });

  test('an empty body is stored as an empty file with the SHA-256 of nothing', async (t) => {
    const { blobs, tempDir } = await setUp(t);

    const temp = await blobs.writeTemp(Readable.from([]), { maxBytes: 10 });

    assert.equal(temp.sizeBytes, 0);
    assert.equal(temp.sha256, sha256(Buffer.alloc(0)));
    assert.equal((await readFile(join(tempDir, temp.id))).length, 0);
  });
});

describe('TempFileWriter background flushes', () => {
  const WRITE_BACK_BYTES = 64 * 1024;

  test('flushing every 64 KiB keeps every byte in order with its size and SHA-256', async (t) => {
    const { tempDir } = await setUp(t);
    await mkdir(tempDir, { recursive: true });
    const path = join(tempDir, 'flushed');
    // Uneven chunks, so flushes start mid-batch and at odd offsets.
    const parts = chunks(120, 48 * 1024 + 13);
    const expected = Buffer.concat(parts);
    const writer = new TempFileWriter(path, {
      maxBytes: expected.length,
      writeBackBytes: WRITE_BACK_BYTES,
    });

    await pipeline(Readable.from(parts), writer);

    assert.equal(writer.sizeBytes, expected.length);
    assert.equal(writer.digest(), sha256(expected));
    assert.ok((await readFile(path)).equals(expected));
  });

  test('a body that fails while flushes run leaves no file', async (t) => {
    const { tempDir } = await setUp(t);
    await mkdir(tempDir, { recursive: true });
    const path = join(tempDir, 'failed');
    const writer = new TempFileWriter(path, {
      maxBytes: 1 << 30,
      writeBackBytes: WRITE_BACK_BYTES,
    });
    async function* failingBody() {
      for (const part of chunks(40, 64 * 1024)) yield part;
      throw new Error('connection reset');
    }

    const error = await errorOf(pipeline(Readable.from(failingBody()), writer));

    // The writer deletes its file on its way to 'close', which may come after the pipeline fails.
    if (!writer.closed) await new Promise((resolve) => writer.once('close', resolve));
    assert.equal((error as Error).message, 'connection reset');
    assert.deepEqual(await readdir(tempDir), []);
  });
});
