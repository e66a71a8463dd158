import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeJpeg, startTestServer, type TestServer } from '@heygen-assets/testkit';
import { itemStatus } from '../src/assets/item-status.js';
import { directUploadBody, putToSlot, type UploadSlot } from './support/v3.js';
import { addSpace, call, keysOf, uploadRaw } from './support/v3-api.js';

const UNKNOWN_ID = '0'.repeat(32);

let server: TestServer;
let otherKey: string;
let jpeg: Buffer;

before(async () => {
  server = await startTestServer();
  otherKey = await addSpace(server, 'other');
  jpeg = await makeJpeg({ width: 48, height: 32 });
});

after(() => server.close());

function statuses(query: string, apiKey = server.apiKey) {
  return call(server, 'GET', `/v3/assets/statuses?${query}`, { apiKey });
}

async function createBatch(files: unknown[]) {
  const response = await call(server, 'POST', '/v3/assets/direct-uploads/batches', {
    body: { files },
  });
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.data as { batch_id: string; items: UploadSlot[] };
}

/** Polls until no entry is `queued` or `processing` (the batch worker runs in the background). */
async function settledStatuses(query: string) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const response = await statuses(query);
    const busy = response.body.data.some((entry: { status: string }) =>
      ['queued', 'processing'].includes(entry.status),
    );
    if (!busy) return response;
    await sleep(50);
  }
  assert.fail('the statuses did not settle within 10 s');
}

describe('GET /v3/assets/statuses (SPEC §6)', () => {
  test('answers one entry per asset id, in the order given', async () => {
    const done = await uploadRaw(server, jpeg, 'image/jpeg');
    const pending = await createBatch([directUploadBody('p.jpg', 'image/jpeg', jpeg)]);
    const pendingId = pending.items[0]?.asset_id;

    const response = await statuses(`asset_ids=${pendingId},${done}`);

    assert.equal(response.status, 200);
    assert.deepEqual(keysOf(response.body), ['data']);
    assert.deepEqual(response.body.data, [
      {
        video_id: pendingId,
        status: 'pending_upload',
        error: null,
        batch_id: pending.batch_id,
        item_index: 0,
      },
      { video_id: done, status: 'completed', error: null },
    ]);
  });

  test('answers one entry per item of a batch, with batch_id and item_index', async () => {
    const bad = Buffer.from('<!doctype html><html>not an image</html>');
    const batch = await createBatch([
      directUploadBody('good.jpg', 'image/jpeg', jpeg),
      directUploadBody('bad.jpg', 'image/jpeg', bad),
      directUploadBody('never.jpg', 'image/jpeg', jpeg),
    ]);
    const [good, broken, never] = batch.items as [UploadSlot, UploadSlot, UploadSlot];
    assert.equal((await putToSlot(good, jpeg)).status, 200);
    assert.equal((await putToSlot(broken, bad)).status, 200);

    const before = await statuses(`batch_ids=${batch.batch_id}`);
    assert.deepEqual(
      before.body.data.map((entry: object) => keysOf(entry)),
      Array(3).fill(['batch_id', 'error', 'item_index', 'status', 'video_id']),
    );
    assert.deepEqual(
      before.body.data.map((entry: { status: string }) => entry.status),
      ['pending_upload', 'pending_upload', 'pending_upload'],
    );

    const completion = await call(server, 'POST', '/v3/assets/complete/batches', {
      body: { batch_id: batch.batch_id },
    });
    assert.equal(completion.status, 202);
    const after = await settledStatuses(`batch_ids=${batch.batch_id}`);

    const [first, second, third] = after.body.data;
    assert.deepEqual(first, {
      video_id: good.asset_id,
      status: 'completed',
      error: null,
      batch_id: batch.batch_id,
      item_index: 0,
    });
    assert.equal(second.video_id, broken.asset_id);
    assert.equal(second.status, 'failed');
    assert.equal(second.item_index, 1);
    assert.deepEqual(keysOf(second.error), ['code', 'message']);
    assert.equal(second.error.code, 'unsupported_media_type');
    assert.equal(third.video_id, never.asset_id);
    assert.equal(third.status, 'failed');
    assert.equal(third.error.code, 'upload_not_found');
  });

  test('answers asset ids first, then the items of each batch', async () => {
    const single = await uploadRaw(server, jpeg, 'image/jpeg');
    const batch = await createBatch([
      directUploadBody('a.jpg', 'image/jpeg', jpeg),
      directUploadBody('b.jpg', 'image/jpeg', jpeg),
    ]);

    const response = await statuses(`batch_ids=${batch.batch_id}&asset_ids=${single}`);

    assert.deepEqual(
      response.body.data.map((entry: { video_id: string }) => entry.video_id),
      [single, ...batch.items.map((item) => item.asset_id)],
    );
  });

  test('answers an unknown asset id and an unknown batch id with not_found entries', async () => {
    const response = await statuses(`asset_ids=${UNKNOWN_ID},junk&batch_ids=nope`);

    assert.equal(response.status, 200);
    assert.deepEqual(
      response.body.data.map((entry: { status: string }) => entry.status),
      ['not_found', 'not_found', 'not_found'],
    );
    const [asset, , batch] = response.body.data;
    assert.deepEqual(keysOf(asset), ['error', 'status', 'video_id']);
    assert.equal(asset.video_id, UNKNOWN_ID);
    assert.equal(asset.error.code, 'not_found');
    assert.deepEqual(keysOf(batch), ['batch_id', 'error', 'status', 'video_id']);
    assert.equal(batch.video_id, null);
    assert.equal(batch.batch_id, 'nope');
  });

  test("answers another space's asset and batch ids exactly like unknown ids", async () => {
    const asset = await uploadRaw(server, jpeg, 'image/jpeg');
    const batch = await createBatch([directUploadBody('x.jpg', 'image/jpeg', jpeg)]);

    const foreign = await statuses(`asset_ids=${asset}&batch_ids=${batch.batch_id}`, otherKey);
    const unknown = await statuses(`asset_ids=${UNKNOWN_ID}&batch_ids=${UNKNOWN_ID}`, otherKey);

    assert.equal(foreign.status, 200);
    assert.equal(
      JSON.stringify(foreign.body).replaceAll(asset, 'ID').replaceAll(batch.batch_id, 'ID'),
      JSON.stringify(unknown.body).replaceAll(UNKNOWN_ID, 'ID'),
    );
  });

  test('answers a repeated id once', async () => {
    const id = await uploadRaw(server, jpeg, 'image/jpeg');

    const response = await statuses(`asset_ids=${id},${id},,${id}`);

    assert.equal(response.body.data.length, 1);
  });

  test('takes 100 ids and refuses 101 with 400 invalid_request', async () => {
    const hundred = Array.from({ length: 100 }, (_, n) => n.toString(16).padStart(32, '0'));
    const batchIds = ['b'.repeat(32)];

    const ok = await statuses(`asset_ids=${hundred.join(',')}`);
    const tooMany = await statuses(`asset_ids=${hundred.join(',')}&batch_ids=${batchIds}`);

    assert.equal(ok.status, 200);
    assert.equal(ok.body.data.length, 100);
    assert.equal(tooMany.status, 400);
    assert.equal(tooMany.body.error.code, 'invalid_request');
    assert.equal(tooMany.body.error.param, 'asset_ids');
  });

  for (const query of ['', 'asset_ids=', 'asset_ids=,,', 'batch_ids=', 'asset_ids=a&asset_ids=b']) {
    test(`refuses "${query}" with 400 invalid_request`, async () => {
      const response = await statuses(query);

      assert.equal(response.status, 400);
      assert.equal(response.body.error.code, 'invalid_request');
      assert.ok(['asset_ids', 'batch_ids'].includes(response.body.error.param));
    });
  }
});

describe('itemStatus', () => {
  const at = new Date();

  test('is pending_upload until completion is asked for, then queued', () => {
    assert.equal(
      itemStatus({ status: 'pending_upload', completionRequestedAt: null }),
      'pending_upload',
    );
    assert.equal(itemStatus({ status: 'pending_upload', completionRequestedAt: at }), 'queued');
  });

  test("is the asset's own status from processing on", () => {
    for (const status of ['processing', 'completed', 'failed'] as const) {
      assert.equal(itemStatus({ status, completionRequestedAt: at }), status);
    }
  });
});
