import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeJpeg, startTestServer } from '@heygen-assets/testkit';
import Fastify from 'fastify';
import { COMPLETE_ASSET_JOB } from '../src/assets/asset-completion.js';
import { SqliteCatalog } from '../src/index.js';
import { JobWorker } from '../src/jobs/job-worker.js';
import { directUploadBody, putToSlot, type UploadSlot, v3 } from './support/v3.js';

const silentLog = Fastify({ logger: false }).log;

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = await read();
    if (done(value)) return value;
    await sleep(25);
  }
  assert.fail('timed out');
}

describe('the job queue', () => {
  test('retries a failing job with backoff, then records it as failed', async (t) => {
    const catalog = new SqliteCatalog(':memory:');
    await catalog.migrate();
    const attemptsAt: number[] = [];
    const worker = new JobWorker(
      catalog,
      {
        flaky: async () => {
          attemptsAt.push(performance.now());
          throw new Error('the store is down');
        },
      },
      { pollIntervalMs: 10, retryBaseMs: 40 },
    );
    t.after(async () => {
      await worker.stop();
      await catalog.close();
    });

    const id = await catalog.enqueueJob({ kind: 'flaky', payload: {}, maxAttempts: 3 });
    worker.start(silentLog);
    const job = await waitFor(
      () => catalog.findJob(id),
      (found) => found?.status === 'failed',
    );

    assert.equal(job?.attempts, 3);
    assert.equal(job?.lastError, 'the store is down');
    assert.equal(attemptsAt.length, 3);
  });

  test('a job cut off by a restart is picked up again and completes once', async (t) => {
    const first = await startTestServer();
    t.after(() => first.close());
    const jpeg = await makeJpeg();
    const created = await v3<UploadSlot>(
      first,
      'POST',
      '/v3/assets/direct-uploads',
      directUploadBody('a.jpg', 'image/jpeg', jpeg),
    );
    const slot = created.body.data;
    assert.equal((await putToSlot(slot, jpeg)).status, 200);
    await first.stop();

    // What a crash mid-job leaves: the job claimed by a worker that no longer exists.
    const catalog = new SqliteCatalog(join(first.dataDir, 'catalog.sqlite3'));
    const jobId = await catalog.enqueueJob({
      kind: COMPLETE_ASSET_JOB,
      payload: { assetId: slot.asset_id },
    });
    const claimed = await catalog.claimJob('worker-that-crashed', new Date(), 60_000);
    assert.equal(claimed?.id, jobId);
    await catalog.close();

    const restarted = await startTestServer({ dataDir: first.dataDir });
    t.after(() => restarted.stop());
    const job = await waitFor(
      () => restarted.server.catalog.findJob(jobId),
      (found) => found?.status === 'succeeded',
    );
    const asset = await restarted.server.catalog.findAsset(slot.asset_id);

    assert.equal(job?.attempts, 2);
    assert.equal(asset?.status, 'completed');
    const completedAt = asset?.completedAt?.getTime();
    const again = await v3(restarted, 'POST', `/v3/assets/${slot.asset_id}/complete`);
    assert.equal(again.status, 200);
    const after = await restarted.server.catalog.findAsset(slot.asset_id);
    assert.equal(after?.completedAt?.getTime(), completedAt, 'completed once');
  });
});
