import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { BatchUploadItem, HeygenAssets } from '@heygen-assets/client';
import { MediaRejectedError } from '@heygen-assets/core';
import { makeJpeg, makePng, makeWav, type TestServer, writeTempFile } from '@heygen-assets/testkit';
import {
  fetchServedBytes as download,
  sha256,
  startServedClient,
} from './support/served-client.js';

describe('uploadBatch against a real server', () => {
  let test: TestServer;
  let client: HeygenAssets;
  let jpeg: Buffer;
  let png: Buffer;
  let wav: Buffer;
  let bigJpeg: Buffer;

  before(async () => {
    ({ test, client } = await startServedClient());
    jpeg = await makeJpeg();
    png = await makePng();
    wav = makeWav();
    bigJpeg = await makeJpeg({ width: 4000, height: 4000 });
  });
  after(() => test.close());

  it('uploads good files and reports each bad one with its code, in the order given', async () => {
    const jpegPath = await writeTempFile(test.workDir, 'scene-1.jpg', jpeg);
    const truncated = bigJpeg.subarray(0, 70_000);
    const files = [
      jpegPath,
      Buffer.from('<!DOCTYPE html><html></html>'),
      { source: png, filename: 'logo.png' },
      { source: jpeg, filename: 'tampered.jpg', checksumSha256: sha256(png) },
      { source: Readable.from([truncated]), sizeBytes: truncated.byteLength, filename: 'cut.jpg' },
      `${test.workDir}/missing.wav`,
      wav,
    ];

    const summary = await client.uploadBatch(files, { title: 'Scenes', concurrency: 3 });

    assert.equal(summary.batchIds.length, 1);
    const batchId = summary.batchIds[0] as string;
    assert.match(batchId, /^[0-9a-f]{32}$/);
    assert.equal(summary.completed, 3);
    assert.equal(summary.failed, 4);
    const shapes = summary.items.map((item) => ({
      index: item.index,
      status: item.status,
      filename: item.filename,
      sentInBatch: item.batchId === batchId && /^[0-9a-f]{32}$/.test(item.assetId ?? ''),
      code: item.error?.code ?? null,
    }));
    assert.deepEqual(shapes, [
      { index: 0, status: 'completed', filename: 'scene-1.jpg', sentInBatch: true, code: null },
      {
        index: 1,
        status: 'failed',
        filename: null,
        sentInBatch: false,
        code: 'unsupported_media_type',
      },
      { index: 2, status: 'completed', filename: 'logo.png', sentInBatch: true, code: null },
      {
        index: 3,
        status: 'failed',
        filename: 'tampered.jpg',
        sentInBatch: true,
        code: 'checksum_mismatch',
      },
      { index: 4, status: 'failed', filename: 'cut.jpg', sentInBatch: true, code: 'corrupt_media' },
      { index: 5, status: 'failed', filename: 'missing.wav', sentInBatch: false, code: 'ENOENT' },
      { index: 6, status: 'completed', filename: 'upload.wav', sentInBatch: true, code: null },
    ]);
    assert.ok(summary.items[1]?.cause instanceof MediaRejectedError);
  });

  it('each completed asset serves the bytes of its file', async () => {
    const summary = await client.uploadBatch([jpeg, png, wav]);

    const served = await Promise.all(
      summary.items.map(async (item) => {
        const asset = await client.get(item.assetId ?? '');
        return [asset.status, asset.sha256, (await download(asset.url ?? '')).byteLength];
      }),
    );
    assert.deepEqual(served, [
      ['completed', sha256(jpeg), jpeg.byteLength],
      ['completed', sha256(png), png.byteLength],
      ['completed', sha256(wav), wav.byteLength],
    ]);
  });

  it('getBatch and statuses report what the summary reports', async () => {
    const summary = await client.uploadBatch([jpeg, Buffer.from('not media'), png], {
      title: 'Mixed',
    });
    const batchId = summary.batchIds[0] as string;
    const sent = summary.items.filter((item) => item.assetId !== null);

    const batch = await client.getBatch(batchId);
    const statuses = await client.statuses({ batchIds: [batchId] });

    assert.equal(batch.batchId, batchId);
    assert.equal(batch.title, 'Mixed');
    assert.equal(batch.totalItems, 2);
    assert.equal(batch.status, 'completed');
    assert.equal(batch.countsByStatus.completed, 2);
    assert.deepEqual(
      batch.items.map((item) => [item.itemIndex, item.status, item.assetId]),
      sent.map((item, itemIndex) => [itemIndex, 'completed', item.assetId]),
    );
    assert.deepEqual(
      statuses,
      sent.map((item, itemIndex) => ({
        assetId: item.assetId,
        status: 'completed',
        error: null,
        batchId,
        itemIndex,
      })),
    );
  });

  it('sends 101 files as a batch of 100 and a batch of 1', async () => {
    const files = Array.from({ length: 101 }, () => jpeg);

    const summary = await client.uploadBatch(files, { concurrency: 8 });

    assert.equal(summary.batchIds.length, 2);
    assert.equal(summary.completed, 101);
    assert.equal(summary.failed, 0);
    assert.deepEqual(
      summary.items.map((item) => item.index),
      files.map((_file, index) => index),
    );
    const [first, second] = await Promise.all(summary.batchIds.map((id) => client.getBatch(id)));
    assert.equal(first?.totalItems, 100);
    assert.equal(first?.items.length, 100);
    assert.equal(second?.totalItems, 1);
    assert.deepEqual(
      summary.items.map((item) => item.batchId),
      [...Array(100).fill(first?.batchId), second?.batchId],
    );
  });

  it('makes no batch when every file is refused locally', async () => {
    const summary = await client.uploadBatch([Buffer.from('a'), Buffer.alloc(0)]);

    const expected: BatchUploadItem[] = summary.items.map((item, index) => ({
      index,
      status: 'failed',
      filename: null,
      assetId: null,
      batchId: null,
      error: item.error,
      cause: item.cause,
    }));
    assert.deepEqual(summary.items, expected);
    assert.deepEqual(
      summary.items.map((item) => item.error?.code),
      ['unsupported_media_type', 'missing_content'],
    );
    assert.deepEqual(
      { batchIds: summary.batchIds, completed: summary.completed, failed: summary.failed },
      { batchIds: [], completed: 0, failed: 2 },
    );
  });

  it('refuses a concurrency outside 1–100 before doing anything', async () => {
    await assert.rejects(client.uploadBatch([jpeg], { concurrency: 0 }), {
      name: 'TypeError',
      message: 'concurrency must be a whole number from 1 to 100, not 0.',
    });
  });
});
