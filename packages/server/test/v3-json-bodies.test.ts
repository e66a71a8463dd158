import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makeJpeg, startTestServer, type TestServer } from '@heygen-assets/testkit';
import { directUploadBody, putToSlot, type UploadSlot, v3 } from './support/v3.js';

let server: TestServer;
let jpeg: Buffer;
let batchId: string;

before(async () => {
  server = await startTestServer();
  jpeg = await makeJpeg({ width: 24, height: 16 });
  const batch = await v3<{ batch_id: string }>(
    server,
    'POST',
    '/v3/assets/direct-uploads/batches',
    { files: [directUploadBody('one.jpg', 'image/jpeg', jpeg)] },
  );
  assert.equal(batch.status, 200, JSON.stringify(batch.body));
  batchId = batch.body.data.batch_id;
});

after(() => server.close());

/** Posts `body` as it is to `path`, under `contentType` if one is given. */
async function postRaw(path: string, body: string | Uint8Array, contentType?: string) {
  const headers: Record<string, string> = { 'x-api-key': server.apiKey };
  if (contentType !== undefined) headers['content-type'] = contentType;
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * Each /v3 route that takes a JSON body, with a body it accepts, the status it answers and the
 * id field its `data` holds.
 */
const JSON_ROUTES: { path: string; body: () => unknown; status: number; id: string }[] = [
  {
    path: '/v3/assets/direct-uploads',
    body: () => directUploadBody('photo.jpg', 'image/jpeg', jpeg),
    status: 200,
    id: 'asset_id',
  },
  {
    path: '/v3/assets/direct-uploads/batches',
    body: () => ({ files: [directUploadBody('photo.jpg', 'image/jpeg', jpeg)] }),
    status: 200,
    id: 'batch_id',
  },
  {
    path: '/v3/assets/complete/batches',
    body: () => ({ batch_id: batchId }),
    status: 202,
    id: 'batch_id',
  },
];

const REFUSED: [string | undefined, string][] = [
  ['text/plain;charset=UTF-8', 'Content-Type text/plain'],
  ['application/x-www-form-urlencoded', 'Content-Type application/x-www-form-urlencoded'],
  [undefined, 'no Content-Type'],
];

describe('v3 JSON bodies must come as application/json', () => {
  for (const route of JSON_ROUTES) {
    test(`POST ${route.path} refuses a body not sent as application/json`, async () => {
      for (const [contentType, found] of REFUSED) {
        const text = JSON.stringify(route.body());
        // fetch labels a string body text/plain by itself: send bytes when there is no header.
        const body = contentType === undefined ? new TextEncoder().encode(text) : text;
        const response = await postRaw(route.path, body, contentType);

        assert.equal(response.status, 400, found);
        assert.deepEqual(
          response.body,
          {
            error: {
              code: 'invalid_request',
              message:
                'The body must be JSON sent with Content-Type: application/json; the request ' +
                `has ${found}. Add the header "Content-Type: application/json" (with curl: -H).`,
            },
          },
          found,
        );
      }
    });

    test(`POST ${route.path} refuses a form-encoded body in its own syntax`, async () => {
      const response = await postRaw(
        route.path,
        'filename=photo.jpg&batch_id=x',
        'application/x-www-form-urlencoded',
      );

      assert.equal(response.status, 400);
      assert.equal(
        (response.body.error as { message: string }).message,
        'The body must be JSON sent with Content-Type: application/json; the request has ' +
          'Content-Type application/x-www-form-urlencoded. Add the header ' +
          '"Content-Type: application/json" (with curl: -H).',
      );
    });

    test(`POST ${route.path} accepts application/json with a charset`, async () => {
      const response = await postRaw(
        route.path,
        JSON.stringify(route.body()),
        'application/json; charset=utf-8',
      );

      assert.equal(response.status, route.status, JSON.stringify(response.body));
      const id = (response.body.data as Record<string, unknown>)[route.id];
      assert.match(String(id), /^[0-9a-f]{32}$/);
    });
  }

  test('an empty application/json body still names the missing field', async () => {
    const response = await postRaw('/v3/assets/complete/batches', '', 'application/json');

    assert.equal(response.status, 400);
    assert.deepEqual(response.body, {
      error: {
        code: 'invalid_request',
        message:
          'Invalid batch_id: Invalid input: expected string, received undefined. ' +
          'Send JSON such as {"batch_id": "…"}.',
        param: 'batch_id',
      },
    });
  });
});

describe('v3 routes without a body', () => {
  test('POST /v3/assets/{id}/complete works with no body and no Content-Type', async () => {
    const slotResponse = await v3<UploadSlot>(
      server,
      'POST',
      '/v3/assets/direct-uploads',
      directUploadBody('bodiless.jpg', 'image/jpeg', jpeg),
    );
    assert.equal(slotResponse.status, 200);
    const slot = slotResponse.body.data;
    assert.equal((await putToSlot(slot, jpeg)).status, 200);

    const response = await fetch(`${server.url}/v3/assets/${slot.asset_id}/complete`, {
      method: 'POST',
      headers: { 'x-api-key': server.apiKey },
    });
    const body = (await response.json()) as { data: Record<string, unknown> };

    assert.equal(response.status, 200, JSON.stringify(body));
    assert.equal(body.data.asset_id, slot.asset_id);
    assert.equal(body.data.status, 'completed');
    assert.equal(body.data.mime_type, 'image/jpeg');
    assert.equal(body.data.size_bytes, jpeg.length);
  });
});
