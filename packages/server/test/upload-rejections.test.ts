import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MiB } from '@heygen-assets/core';
import { makeJpeg, makePng, startTestServer, type TestServer } from '@heygen-assets/testkit';
import { postAssetJson, putBytes, requestUploadUrl } from './support/api.js';
import { sendStreaming } from './support/raw-http.js';

let server: TestServer;

before(async () => {
  server = await startTestServer();
});

after(() => server.close());

interface PresignedError {
  error: string;
  code: string;
  data: null;
}

async function expectRefused(response: Response, status: number, code: string) {
  const body = (await response.json()) as PresignedError;
  assert.equal(response.status, status, JSON.stringify(body));
  assert.equal(body.code, code);
  assert.equal(body.data, null);
  assert.ok(body.error.length > 20, `a message that says what happened: ${body.error}`);
  return body;
}

/** Nothing of a refused upload may be left: no temp file, no servable asset. */
async function assertNothingStored(assetId: string) {
  const temps = await readdir(join(server.dataDir, 'blobs', 'tmp')).catch(() => []);
  assert.deepEqual(temps, []);
  assert.equal((await fetch(`${server.url}/asset/${assetId}`)).status, 404);
}

describe('refused uploads leave nothing behind (SPEC §3, §4.2)', () => {
  test('refuses PNG bytes declared image/jpeg, naming both types', async () => {
    const { url, assetId } = await requestUploadUrl(server, 'image/jpeg');
    const body = await expectRefused(
      await putBytes(url, await makePng()),
      415,
      'content_type_mismatch',
    );

    assert.match(body.error, /image\/png/);
    assert.match(body.error, /image\/jpeg/);
    await assertNothingStored(assetId);
  });

  test('refuses an HTML page declared image/png, naming text/html', async () => {
    const { url, assetId } = await requestUploadUrl(server, 'image/png');
    const html = Buffer.from('<!DOCTYPE html><html><head><title>404</title></head></html>');
    const body = await expectRefused(
      await putBytes(url, html, 'image/png'),
      415,
      'unsupported_media_type',
    );

    assert.match(body.error, /html/i);
    await assertNothingStored(assetId);
  });

  test('refuses an empty body with missing_content', async () => {
    const { url, assetId } = await requestUploadUrl(server, 'image/jpeg');
    await expectRefused(await putBytes(url, new Uint8Array(0)), 400, 'missing_content');
    await assertNothingStored(assetId);
  });

  test('keeps the URL usable after a refusal: correct bytes then succeed', async () => {
    const { url, assetId } = await requestUploadUrl(server, 'image/jpeg');
    await expectRefused(await putBytes(url, new Uint8Array(0)), 400, 'missing_content');

    const retry = await putBytes(url, await makeJpeg(), 'image/jpeg');
    assert.equal(retry.status, 200);
    assert.equal((await fetch(`${server.url}/asset/${assetId}`)).status, 200);
  });

  test('refuses a Content-Length over the type limit before reading the body', async () => {
    const { url, assetId } = await requestUploadUrl(server, 'image/png');
    const response = await sendStreaming(url, {
      method: 'PUT',
      headers: { 'content-length': String(51 * MiB) },
      maxBytes: 51 * MiB,
    });

    assert.equal(response.status, 413);
    assert.equal((JSON.parse(response.body) as PresignedError).code, 'file_too_large');
    assert.ok(response.bytesSent < 51 * MiB, `stopped early, sent ${response.bytesSent}`);
    await assertNothingStored(assetId);
  });

  test('cuts a chunked body off at the type limit and stores nothing', async () => {
    const { url, assetId } = await requestUploadUrl(server, 'image/png');
    const response = await sendStreaming(url, {
      method: 'PUT',
      firstChunk: await makePng(),
      maxBytes: 200 * MiB,
    });

    assert.equal(response.status, 413);
    assert.equal((JSON.parse(response.body) as PresignedError).code, 'file_too_large');
    assert.ok(response.bytesSent < 60 * MiB, `reading stopped at the limit: ${response.bytesSent}`);
    await assertNothingStored(assetId);
  });

  test('cuts a chunked body off once it runs past the declared size_bytes', async () => {
    const png = await makePng();
    const { url, assetId } = await requestUploadUrl(server, 'image/png', {
      size_bytes: png.length,
    });
    const response = await sendStreaming(url, {
      method: 'PUT',
      firstChunk: png,
      maxBytes: 200 * MiB,
    });

    assert.equal(response.status, 400);
    const body = JSON.parse(response.body) as PresignedError;
    assert.equal(body.code, 'size_mismatch');
    assert.equal(
      body.error,
      `More than the declared size_bytes ${png.length} arrived. ` +
        'Send exactly size_bytes bytes, or request a new upload URL with the right size_bytes.',
    );
    assert.ok(response.bytesSent < 20 * MiB, `reading stopped early: ${response.bytesSent}`);
    await assertNothingStored(assetId);
  });

  test('cuts an untyped raw body off at the limit of the type its first bytes show', async () => {
    const response = await sendStreaming(`${server.url}/v1/asset`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-api-key': server.apiKey },
      firstChunk: await makePng(),
      maxBytes: 200 * MiB,
    });
    const body = JSON.parse(response.body) as { code: number; message: string };

    assert.equal(response.status, 413);
    assert.match(body.message, /^file_too_large: /);
    assert.ok(response.bytesSent < 70 * MiB, `cut at the PNG limit: ${response.bytesSent}`);
    assert.deepEqual(await readdir(join(server.dataDir, 'blobs', 'tmp')).catch(() => []), []);
  });

  test('refuses a declared size_bytes over the type limit when the URL is requested', async () => {
    const response = await postAssetJson(server, {
      content_type: 'image/jpeg',
      size_bytes: 50 * MiB + 1,
    });
    await expectRefused(response, 413, 'file_too_large');
  });

  test('refuses a PUT whose Content-Type differs from the declared type with 403', async () => {
    const { url, assetId } = await requestUploadUrl(server, 'image/jpeg');
    const body = await expectRefused(
      await putBytes(url, await makeJpeg(), 'image/png'),
      403,
      'signature_mismatch',
    );

    assert.match(body.error, /Content-Type/);
    await assertNothingStored(assetId);
  });

  test('refuses a PUT sent as JSON with 403, without parsing the body', async () => {
    const { url } = await requestUploadUrl(server, 'image/jpeg');
    await expectRefused(
      await putBytes(url, Buffer.from('{"not":"json'), 'application/json'),
      403,
      'signature_mismatch',
    );
  });

  test('accepts an alias of the declared type on the PUT', async () => {
    const { url } = await requestUploadUrl(server, 'image/jpeg');
    assert.equal((await putBytes(url, await makeJpeg(), 'image/jpg; charset=binary')).status, 200);
  });

  test('refuses a tampered upload URL with 403 signature_mismatch', async () => {
    const { url, assetId } = await requestUploadUrl(server, 'image/jpeg');
    const tampered = [
      url.replace(/signature=([0-9a-f])/, (_, c: string) => `signature=${c === '0' ? '1' : '0'}`),
      url.replace(/expires=(\d+)/, (_, n: string) => `expires=${Number(n) + 3600}`),
      url.replace(assetId, 'f'.repeat(32)),
      url.split('?')[0] ?? '',
    ];
    for (const candidate of tampered) {
      await expectRefused(await putBytes(candidate, await makeJpeg()), 403, 'signature_mismatch');
    }
    await assertNothingStored(assetId);
  });

  test('refuses an expired upload URL with 403 upload_url_expired', async (t) => {
    const shortLived = await startTestServer({ uploadUrlTtlSeconds: 1 });
    t.after(() => shortLived.close());
    const { url } = await requestUploadUrl(shortLived, 'image/jpeg');
    await new Promise((resolve) => setTimeout(resolve, 2100));

    const body = await expectRefused(
      await putBytes(url, await makeJpeg()),
      403,
      'upload_url_expired',
    );
    assert.match(body.error, /new upload URL/);
  });

  test('refuses a second PUT after completion with 409 already_uploaded', async () => {
    const { url } = await requestUploadUrl(server, 'image/jpeg');
    assert.equal((await putBytes(url, await makeJpeg())).status, 200);
    await expectRefused(await putBytes(url, await makeJpeg()), 409, 'already_uploaded');
  });

  test('refuses a missing or wrong key with 401 in the presigned envelope', async () => {
    await expectRefused(
      await postAssetJson(server, { content_type: 'image/jpeg' }, 'nope'),
      401,
      'unauthorized',
    );
    const missing = await fetch(`${server.url}/v1/asset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ content_type: 'image/jpeg' }),
    });
    await expectRefused(missing, 401, 'unauthorized');
  });

  test('refuses an unknown and an unsupported content_type', async () => {
    await expectRefused(await postAssetJson(server, {}), 400, 'invalid_request');
    await expectRefused(
      await postAssetJson(server, { content_type: 'banana' }),
      400,
      'invalid_request',
    );
    await expectRefused(
      await postAssetJson(server, { content_type: 'image/gif' }),
      415,
      'unsupported_media_type',
    );
  });

  test('keeps serving after every refusal', async () => {
    const response = await fetch(`${server.url}/healthz`);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });
});
