import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeJpeg, makePng, startTestServer, type TestServer } from '@heygen-assets/testkit';
import { directUploadBody, putToSlot, type UploadSlot, v3 } from './support/v3.js';
import { addSpace } from './support/v3-api.js';

let otherKey: string;

let server: TestServer;

before(async () => {
  server = await startTestServer();
  otherKey = await addSpace(server, 'other');
});

after(() => server.close());

interface BatchStatus {
  batch_id: string;
  status: string;
  total_items: number;
  counts_by_status: Record<string, number>;
  created_at: number;
  title: string | null;
  items: { item_index: number; status: string; video_id: string; error: unknown }[];
  has_more: boolean;
  next_token: string | null;
}

async function createBatch(files: unknown[], title?: string) {
  const response = await v3<{ batch_id: string; items: UploadSlot[] }>(
    server,
    'POST',
    '/v3/assets/direct-uploads/batches',
    { files, ...(title ? { title } : {}) },
  );
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.data;
}

async function waitUntilSettled(batchId: string): Promise<BatchStatus> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const { body } = await v3<BatchStatus>(server, 'GET', `/v3/assets/batches/${batchId}`);
    const busy = body.data.counts_by_status;
    if ((busy.queued ?? 0) + (busy.processing ?? 0) === 0) return body.data;
    await sleep(50);
  }
  assert.fail('the batch did not settle within 10 s');
}

describe('v3 batches (SPEC §6)', () => {
  test('a 100-file batch with 3 bad files ends with 97 completed and 3 failed', async () => {
    const jpeg = await makeJpeg({ width: 40, height: 30 });
    const png = await makePng();
    const html = Buffer.from('<!doctype html><html><body>Access denied</body></html>');
    const truncated = jpeg.subarray(0, jpeg.length - 40);
    const bad = new Map<number, { bytes: Buffer; type: string; code: string }>([
      [7, { bytes: png, type: 'image/jpeg', code: 'content_type_mismatch' }],
      [42, { bytes: html, type: 'image/png', code: 'unsupported_media_type' }],
      [99, { bytes: truncated, type: 'image/jpeg', code: 'corrupt_media' }],
    ]);
    const files = Array.from({ length: 100 }, (_, index) => {
      const file = bad.get(index) ?? { bytes: jpeg, type: 'image/jpeg' };
      return { index, ...file };
    });

    const batch = await createBatch(
      files.map((file) => directUploadBody(`f${file.index}`, file.type, file.bytes)),
      'launch assets',
    );
    assert.equal(batch.items.length, 100);
    assert.deepEqual(
      batch.items.map((item) => item.item_index),
      files.map((file) => file.index),
    );
    for (const file of files) {
      const slot = batch.items[file.index] as UploadSlot;
      assert.equal((await putToSlot(slot, file.bytes)).status, 200);
    }

    const accepted = await v3(server, 'POST', '/v3/assets/complete/batches', {
      batch_id: batch.batch_id,
    });
    assert.equal(accepted.status, 202);
    assert.deepEqual(accepted.body, { data: { batch_id: batch.batch_id } });

    const settled = await waitUntilSettled(batch.batch_id);
    assert.equal(settled.status, 'partially_completed');
    assert.equal(settled.total_items, 100);
    assert.deepEqual(settled.counts_by_status, {
      pending_upload: 0,
      queued: 0,
      processing: 0,
      completed: 97,
      failed: 3,
    });
    for (const item of settled.items) {
      const expected = bad.get(item.item_index);
      assert.equal(item.status, expected ? 'failed' : 'completed');
      assert.equal((item.error as { code: string } | null)?.code, expected?.code);
    }
  });

  test('reports the batch with exactly the documented fields and pages its items', async () => {
    const jpeg = await makeJpeg();
    const files = Array.from({ length: 5 }, (_, index) =>
      directUploadBody(`p${index}.jpg`, 'image/jpeg', jpeg),
    );
    const batch = await createBatch(files, 'paged');

    const first = await v3<BatchStatus>(
      server,
      'GET',
      `/v3/assets/batches/${batch.batch_id}?limit=2`,
    );
    assert.deepEqual(Object.keys(first.body.data).sort(), [
      'batch_id',
      'counts_by_status',
      'created_at',
      'has_more',
      'items',
      'next_token',
      'status',
      'title',
      'total_items',
    ]);
    assert.deepEqual(Object.keys(first.body.data.items[0] ?? {}).sort(), [
      'error',
      'item_index',
      'status',
      'video_id',
    ]);
    assert.equal(first.body.data.status, 'pending_upload');
    assert.equal(first.body.data.title, 'paged');
    assert.equal(first.body.data.has_more, true);

    const indexes: number[] = [];
    let token: string | null = null;
    do {
      const query: string = token ? `?limit=2&token=${token}` : '?limit=2';
      const page = await v3<BatchStatus>(
        server,
        'GET',
        `/v3/assets/batches/${batch.batch_id}${query}`,
      );
      indexes.push(...page.body.data.items.map((item) => item.item_index));
      token = page.body.data.next_token;
    } while (token);
    assert.deepEqual(indexes, [0, 1, 2, 3, 4]);
  });

  test('fails items whose bytes never arrived with upload_not_found', async () => {
    const jpeg = await makeJpeg();
    const batch = await createBatch([
      directUploadBody('a.jpg', 'image/jpeg', jpeg),
      directUploadBody('b.jpg', 'image/jpeg', jpeg),
    ]);
    await putToSlot(batch.items[0] as UploadSlot, jpeg);
    await v3(server, 'POST', '/v3/assets/complete/batches', { batch_id: batch.batch_id });

    const settled = await waitUntilSettled(batch.batch_id);
    assert.deepEqual(
      settled.items.map((item) => [item.status, (item.error as { code?: string } | null)?.code]),
      [
        ['completed', undefined],
        ['failed', 'upload_not_found'],
      ],
    );
  });

  test('refuses a batch over 100 files naming the field, and a bad item naming its index', async () => {
    const jpeg = await makeJpeg();
    const tooMany = Array.from({ length: 101 }, () =>
      directUploadBody('a.jpg', 'image/jpeg', jpeg),
    );
    const response = await v3(server, 'POST', '/v3/assets/direct-uploads/batches', {
      files: tooMany,
    });
    assert.equal(response.status, 400);
    assert.equal(response.body.error?.param, 'files');

    const badItem = await v3(server, 'POST', '/v3/assets/direct-uploads/batches', {
      files: [
        directUploadBody('a.jpg', 'image/jpeg', jpeg),
        { filename: 'b', content_type: 'image/jpeg' },
      ],
    });
    assert.equal(badItem.status, 400);
    assert.equal(badItem.body.error?.param, 'files[1].size_bytes');
  });

  test("answers another space's batch and asset ids exactly like unknown ones", async () => {
    const jpeg = await makeJpeg();
    const batch = await createBatch([directUploadBody('a.jpg', 'image/jpeg', jpeg)]);
    const assetId = batch.items[0]?.asset_id ?? '';
    await putToSlot(batch.items[0] as UploadSlot, jpeg);
    const unknownId = '0'.repeat(32);

    const pairs: [string, string, unknown, unknown][] = [
      ['GET', `/v3/assets/batches/${batch.batch_id}`, undefined, `/v3/assets/batches/${unknownId}`],
      [
        'POST',
        '/v3/assets/complete/batches',
        { batch_id: batch.batch_id },
        { batch_id: unknownId },
      ],
      ['POST', `/v3/assets/${assetId}/complete`, undefined, `/v3/assets/${unknownId}/complete`],
    ];
    for (const [method, path, body, unknown] of pairs) {
      const foreign = await v3(server, method, path, body, otherKey);
      const missing =
        typeof unknown === 'string'
          ? await v3(server, method, unknown, body, otherKey)
          : await v3(server, method, path, unknown, otherKey);
      assert.equal(foreign.status, 404, path);
      assert.equal(missing.status, 404, path);
      assert.equal(foreign.body.error?.code, missing.body.error?.code);
      assert.equal(
        foreign.body.error?.message.replaceAll(batch.batch_id, 'ID').replaceAll(assetId, 'ID'),
        missing.body.error?.message.replaceAll(unknownId, 'ID'),
      );
    }
  });
});
