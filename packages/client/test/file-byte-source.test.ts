import assert from 'node:assert/strict';
import { open, rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { makeTempDir, writeTempFile } from '@heygen-assets/testkit';
import { fileByteSource } from '../src/source/file-byte-source.js';

describe('fileByteSource', () => {
  let dir: string;
  let path: string;

  before(async () => {
    dir = await makeTempDir('heygen-client-bytes-');
    path = await writeTempFile(dir, 'ten.bin', Buffer.from('0123456789'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  async function withSource<T>(body: (read: (o: number, l: number) => Promise<string>) => T) {
    const handle = await open(path, 'r');
    try {
      const source = fileByteSource(handle, 10);
      return await body(async (offset, length) =>
        Buffer.from(await source.read(offset, length)).toString(),
      );
    } finally {
      await handle.close();
    }
  }

  it('reads the requested range', async () => {
    await withSource(async (read) => assert.equal(await read(2, 3), '234'));
  });

  it('returns fewer bytes for a read that runs past the end', async () => {
    await withSource(async (read) => assert.equal(await read(7, 100), '789'));
  });

  it('returns no bytes for a read that starts past the end', async () => {
    await withSource(async (read) => assert.equal(await read(50, 4), ''));
  });

  it('clamps a negative offset and length to nothing before the start', async () => {
    await withSource(async (read) => {
      assert.equal(await read(-5, 2), '01');
      assert.equal(await read(3, -1), '');
    });
  });

  it('never allocates more than the file holds for a huge length', async () => {
    await withSource(async (read) =>
      assert.equal(await read(0, Number.MAX_SAFE_INTEGER), '0123456789'),
    );
  });
});
