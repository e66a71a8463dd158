import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makePng, startTestServer, type TestServer } from '@heygen-assets/testkit';
import { putBytes, requestUploadUrl, sha256Hex } from './support/api.js';

let server: TestServer;
let bytes: Buffer;
let assetId: string;

before(async () => {
  server = await startTestServer();
  bytes = await makePng({ width: 64, height: 48 });
  const upload = await requestUploadUrl(server, 'image/png');
  assetId = upload.assetId;
  assert.equal((await putBytes(upload.url, bytes, 'image/png')).status, 200);
});

after(() => server.close());

const fileUrl = () => `${server.url}/asset/${assetId}`;

describe('files host (SPEC §7)', () => {
  test('serves every header the spec lists', async () => {
    const response = await fetch(fileUrl());
    await response.arrayBuffer();

    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    assert.ok(response.headers.get('last-modified'));
    assert.match(response.headers.get('x-request-id') ?? '', /.+/);
  });

  test('serves a byte range with 206 and Content-Range', async () => {
    const response = await fetch(fileUrl(), { headers: { range: 'bytes=8-23' } });
    const part = Buffer.from(await response.arrayBuffer());

    assert.equal(response.status, 206);
    assert.equal(response.headers.get('content-range'), `bytes 8-23/${bytes.length}`);
    assert.equal(response.headers.get('content-length'), '16');
    assert.deepEqual(part, bytes.subarray(8, 24));
  });

  test('serves an open-ended and a suffix range', async () => {
    const tail = await fetch(fileUrl(), { headers: { range: 'bytes=-10' } });
    assert.deepEqual(Buffer.from(await tail.arrayBuffer()), bytes.subarray(bytes.length - 10));

    const rest = await fetch(fileUrl(), { headers: { range: `bytes=${bytes.length - 5}-` } });
    assert.equal(rest.status, 206);
    assert.deepEqual(Buffer.from(await rest.arrayBuffer()), bytes.subarray(bytes.length - 5));
  });

  test('answers 416 with the size for a range past the end', async () => {
    const response = await fetch(fileUrl(), { headers: { range: `bytes=${bytes.length}-` } });
    const body = (await response.json()) as { error: { code: string } };

    assert.equal(response.status, 416);
    assert.equal(response.headers.get('content-range'), `bytes */${bytes.length}`);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(response.headers.get('cache-control'), null, 'an error is not cached for a year');
    assert.equal(body.error.code, 'range_not_satisfiable');
  });

  test('answers 304 to If-None-Match with the ETag', async () => {
    const etag = `"${await sha256Hex(bytes)}"`;
    const response = await fetch(fileUrl(), { headers: { 'if-none-match': etag } });

    assert.equal(response.status, 304);
    assert.equal(response.headers.get('etag'), etag);
  });

  test('answers HEAD with the headers and no body', async () => {
    const response = await fetch(fileUrl(), { method: 'HEAD' });

    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-length'), String(bytes.length));
    assert.equal((await response.arrayBuffer()).byteLength, 0);
  });

  test('serves the same bytes at /asset/{id}.{ext}', async () => {
    const response = await fetch(`${fileUrl()}.png`);
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), bytes);
  });

  test('answers 404 with a JSON body for an unknown id and a pending asset', async () => {
    const pending = await requestUploadUrl(server, 'image/png');
    for (const id of ['0'.repeat(32), pending.assetId, 'not-an-id']) {
      const response = await fetch(`${server.url}/asset/${id}`);
      const body = (await response.json()) as { error: { code: string } };
      assert.equal(response.status, 404);
      assert.equal(body.error.code, 'not_found');
    }
  });
});
