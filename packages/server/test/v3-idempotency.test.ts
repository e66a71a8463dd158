import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeJpeg, startTestServer, type TestServer } from '@heygen-assets/testkit';
import { IDEMPOTENCY_KEY_TTL_MS, IDEMPOTENT_REQUEST_TIMEOUT_MS } from '../src/http/idempotency.js';
import { directUploadBody, putToSlot, type UploadSlot } from './support/v3.js';
import { call } from './support/v3-api.js';

let server: TestServer;
let jpeg: Buffer;

before(async () => {
  server = await startTestServer();
  jpeg = await makeJpeg({ width: 50, height: 40 });
});

after(() => server.close());

function postWithKey(path: string, key: string, body?: unknown, target = server) {
  return call(target, 'POST', path, { body, headers: { 'idempotency-key': key } });
}

/** The body of a one-file `multipart/form-data` request, cut in two so it can be held open. */
function multipartHalves(bytes: Buffer): [Buffer, Buffer] {
  const boundary = 'heygen-assets-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n` +
      'Content-Type: image/jpeg\r\n\r\n',
  );
  const whole = Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const middle = head.length + 10;
  return [whole.subarray(0, middle), whole.subarray(middle)];
}

describe('Idempotency-Key on the v3 POSTs (SPEC §6)', () => {
  test('replays the first direct upload with the identical body, creating one asset', async () => {
    const key = `direct-${randomUUID()}`;
    const body = directUploadBody('a.jpg', 'image/jpeg', jpeg);

    const first = await postWithKey('/v3/assets/direct-uploads', key, body);
    const second = await postWithKey('/v3/assets/direct-uploads', key, body);

    assert.equal(first.status, 200);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal(second.status, 200);
    assert.equal(second.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(second.body, first.body);
    const pending = await call(server, 'GET', '/v3/assets?status=pending_upload&limit=100');
    const created = pending.body.data.filter((asset: { name: string }) => asset.name === 'a.jpg');
    assert.equal(created.length, 1);
  });

  test('refuses the same key with another body with 400 invalid_request', async () => {
    const key = `direct-${randomUUID()}`;
    await postWithKey(
      '/v3/assets/direct-uploads',
      key,
      directUploadBody('a.jpg', 'image/jpeg', jpeg),
    );

    const other = await postWithKey(
      '/v3/assets/direct-uploads',
      key,
      directUploadBody('b.jpg', 'image/jpeg', jpeg),
    );

    assert.equal(other.status, 400);
    assert.equal(other.body.error.code, 'invalid_request');
    assert.equal(other.body.error.param, 'Idempotency-Key');
  });

  test('replays /complete, which has no body, and refuses the key for another asset', async () => {
    const slots = await Promise.all(
      ['x.jpg', 'y.jpg'].map(async (name) => {
        const issued = await call(server, 'POST', '/v3/assets/direct-uploads', {
          body: directUploadBody(name, 'image/jpeg', jpeg),
        });
        const slot = issued.body.data as UploadSlot;
        assert.equal((await putToSlot(slot, jpeg)).status, 200);
        return slot;
      }),
    );
    const [one, two] = slots as [UploadSlot, UploadSlot];
    const key = `complete-${randomUUID()}`;

    const first = await postWithKey(`/v3/assets/${one.asset_id}/complete`, key);
    const again = await postWithKey(`/v3/assets/${one.asset_id}/complete`, key);
    const otherAsset = await postWithKey(`/v3/assets/${two.asset_id}/complete`, key);

    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(again.body, first.body);
    assert.equal(otherAsset.status, 400);
    assert.equal(otherAsset.body.error.param, 'Idempotency-Key');
  });

  test('answers a concurrent duplicate with 409 request_in_progress', async () => {
    const key = `proxy-${randomUUID()}`;
    const requestId = `slow-${randomUUID()}`;
    const [firstHalf, secondHalf] = multipartHalves(jpeg);
    let finish = () => {};
    const held = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const slowBody = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(firstHalf);
        await held;
        controller.enqueue(secondHalf);
        controller.close();
      },
    });
    const headers = {
      'x-api-key': server.apiKey,
      'idempotency-key': key,
      'content-type': 'multipart/form-data; boundary=heygen-assets-test-boundary',
    };

    const slow = fetch(`${server.url}/v3/assets`, {
      method: 'POST',
      headers: { ...headers, 'x-request-id': requestId },
      body: slowBody,
      duplex: 'half',
    } as RequestInit);
    await waitForLog(requestId);
    const duplicate = await fetch(`${server.url}/v3/assets`, {
      method: 'POST',
      headers,
      body: Buffer.concat([firstHalf, secondHalf]),
    });
    finish();
    const first = await slow;
    const firstBody = await first.text();
    const retry = await fetch(`${server.url}/v3/assets`, {
      method: 'POST',
      headers,
      body: Buffer.concat([firstHalf, secondHalf]),
    });

    assert.equal(duplicate.status, 409);
    assert.equal(
      ((await duplicate.json()) as { error: { code: string } }).error.code,
      'request_in_progress',
    );
    assert.equal(first.status, 200, firstBody);
    assert.equal(retry.status, 200);
    assert.equal(retry.headers.get('idempotent-replayed'), 'true');
    assert.equal(await retry.text(), firstBody);
  });

  test('replays the first response after a restart', async () => {
    const first = await startTestServer();
    const key = `restart-${randomUUID()}`;
    const body = directUploadBody('r.jpg', 'image/jpeg', jpeg);
    const before = await postWithKey('/v3/assets/direct-uploads', key, body, first);
    await first.stop();

    const second = await startTestServer({ dataDir: first.dataDir });
    try {
      const replayed = await postWithKey('/v3/assets/direct-uploads', key, body, second);

      assert.equal(before.status, 200);
      assert.equal(replayed.status, 200);
      assert.equal(replayed.headers.get('idempotent-replayed'), 'true');
      assert.deepEqual(replayed.body, before.body);
    } finally {
      await second.close();
      await first.close();
    }
  });

  test('after a crash, a key whose request never finished is freed once it is timed out', async () => {
    const crashed = await startTestServer();
    const route = 'POST /v3/assets/direct-uploads';
    const lostKey = `lost-${randomUUID()}`;
    const recentKey = `recent-${randomUUID()}`;
    const startedAt = (ageMs: number) => new Date(Date.now() - ageMs);
    // What a server stopped mid-request leaves: keys begun and never finished.
    const { catalog } = crashed.server;
    const begin = (key: string, ageMs: number) =>
      catalog.beginIdempotentRequest(
        { spaceId: 'default', route, key },
        'hash-of-the-lost-request',
        startedAt(ageMs),
        IDEMPOTENCY_KEY_TTL_MS,
      );
    await begin(lostKey, IDEMPOTENT_REQUEST_TIMEOUT_MS + 1000);
    await begin(recentKey, 1000);
    await crashed.stop();

    const restarted = await startTestServer({ dataDir: crashed.dataDir });
    try {
      const body = directUploadBody('l.jpg', 'image/jpeg', jpeg);
      const lost = await postWithKey('/v3/assets/direct-uploads', lostKey, body, restarted);
      const recent = await postWithKey('/v3/assets/direct-uploads', recentKey, body, restarted);

      assert.equal(lost.status, 200);
      assert.equal(lost.headers.get('idempotent-replayed'), null);
      assert.equal(recent.status, 409);
      assert.equal(recent.body.error.code, 'request_in_progress');
    } finally {
      await restarted.close();
      await crashed.close();
    }
  });

  test('refuses a malformed key with 400 naming Idempotency-Key, creating nothing', async () => {
    const response = await postWithKey(
      '/v3/assets/direct-uploads',
      'has spaces',
      directUploadBody('m.jpg', 'image/jpeg', jpeg),
    );

    assert.equal(response.status, 400);
    assert.deepEqual(response.body.error.param, 'Idempotency-Key');
  });
});

/** Waits until the server logged the request (its hooks run right after). */
async function waitForLog(requestId: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (server.logs().includes(requestId)) {
      await sleep(100);
      return;
    }
    await sleep(20);
  }
  assert.fail(`request ${requestId} was never logged`);
}
