import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeTempDir } from '@heygen-assets/testkit';
import { BlobReferences } from '../src/blobs/blob-references.js';
import { DiskBlobStore } from '../src/blobs/disk-blob-store.js';
import { SqliteCatalog } from '../src/index.js';

async function setUp(t: { after(fn: () => Promise<void>): void }) {
  const dir = await makeTempDir('heygen-assets-refs-');
  const catalog = new SqliteCatalog(':memory:');
  await catalog.migrate();
  const blobs = new DiskBlobStore(join(dir, 'blobs'));
  t.after(async () => {
    await catalog.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { blobs, catalog, references: new BlobReferences(blobs, catalog) };
}

const readAll = async (stream: Readable) => Buffer.concat(await stream.toArray());

describe('shared blobs', () => {
  test('a release while another upload commits the same bytes leaves them in place', async (t) => {
    const { blobs, catalog, references } = await setUp(t);
    const space = await catalog.defaultSpace();
    const now = new Date();
    await catalog.createAsset({
      id: 'a'.repeat(32),
      spaceId: space.id,
      declaredType: 'image/png',
      filename: null,
      folderId: '',
      declaredSizeBytes: null,
      declaredSha256: null,
      createdAt: now,
      uploadExpiresAt: now,
    });
    const temp = await blobs.writeTemp(Readable.from([Buffer.from('same bytes')]), {
      maxBytes: 100,
    });

    const commit = references.commitTemp(temp, 'sha256/aa/bb/same', async () => {
      await sleep(100);
      return catalog.completeAsset('a'.repeat(32), {
        facts: { mimeType: 'image/png', fileType: 'image', sizeBytes: 10 },
        sha256: 'same',
        blobKey: 'sha256/aa/bb/same',
        completedAt: new Date(),
      });
    });
    await sleep(10);
    // A deletion of another asset that used these bytes, while the upload is between
    // committing its blob and recording its asset: it must wait, then see the new reference.
    const release = references.release('sha256/aa/bb/same');
    const [recorded] = await Promise.all([commit, release]);

    assert.equal(recorded, true);
    assert.equal(String(await readAll(await blobs.read('sha256/aa/bb/same'))), 'same bytes');
  });

  test('bytes that no asset took are removed again', async (t) => {
    const { blobs, references } = await setUp(t);
    const temp = await blobs.writeTemp(Readable.from([Buffer.from('orphan')]), { maxBytes: 100 });

    const recorded = await references.commitTemp(temp, 'sha256/cc/dd/orphan', async () => false);

    assert.equal(recorded, false);
    await assert.rejects(blobs.read('sha256/cc/dd/orphan'), { code: 'ENOENT' });
  });
});
