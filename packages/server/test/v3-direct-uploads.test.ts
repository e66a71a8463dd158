import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { MiB } from '@heygen-assets/core';
import {
  makeJpeg,
  makePng,
  makeWav,
  startTestServer,
  type TestServer,
  WAV_HEADER_BYTES,
} from '@heygen-assets/testkit';
import { sha256Hex } from './support/api.js';
import { directUploadBody, putToSlot, type UploadSlot, v3 } from './support/v3.js';

let server: TestServer;
let jpeg: Buffer;

before(async () => {
  server = await startTestServer();
  jpeg = await makeJpeg({ width: 48, height: 32 });
});

after(() => server.close());

async function newSlot(bytes: Uint8Array, contentType = 'image/jpeg', extra = {}) {
  const body = { ...directUploadBody('photo.jpg', contentType, bytes), ...extra };
  const response = await v3<UploadSlot>(server, 'POST', '/v3/assets/direct-uploads', body);
  assert.equal(response.status, 200, JSON.stringify(response.body));
  return response.body.data;
}

describe('v3 direct uploads (SPEC §6)', () => {
  test('issues a slot with exactly the documented fields and headers', async () => {
    const slot = await newSlot(jpeg);

    assert.deepEqual(Object.keys(slot).sort(), [
      'asset_id',
      'expires_in_seconds',
      'max_bytes',
      'status',
      'upload_headers',
      'upload_url',
    ]);
    assert.deepEqual(slot.upload_headers, {
      'Content-Type': 'image/jpeg',
      'Content-Length': String(jpeg.length),
    });
    assert.equal(slot.max_bytes, jpeg.length);
    assert.equal(slot.status, 'pending_upload');
    assert.ok(slot.expires_in_seconds > 3590 && slot.expires_in_seconds <= 3600);
  });

  test('stages the PUT, then completes into a servable asset', async () => {
    const slot = await newSlot(jpeg);
    const put = await putToSlot(slot, jpeg);
    assert.equal(put.status, 200);
    assert.deepEqual(await put.json(), {
      asset_id: slot.asset_id,
      status: 'pending_upload',
      size_bytes: jpeg.length,
    });
    assert.equal((await fetch(`${server.url}/asset/${slot.asset_id}`)).status, 404, 'not yet');

    const completed = await v3(server, 'POST', `/v3/assets/${slot.asset_id}/complete`);

    assert.equal(completed.status, 200);
    assert.deepEqual(completed.body, {
      data: {
        asset_id: slot.asset_id,
        url: `${server.url}/asset/${slot.asset_id}`,
        mime_type: 'image/jpeg',
        size_bytes: jpeg.length,
        status: 'completed',
      },
    });
    const served = await fetch(`${server.url}/asset/${slot.asset_id}`);
    assert.equal(
      await sha256Hex(new Uint8Array(await served.arrayBuffer())),
      await sha256Hex(jpeg),
    );
  });

  test('a second PUT before /complete replaces the staged bytes', async () => {
    const tone = makeWav();
    const silence = Buffer.concat([
      tone.subarray(0, WAV_HEADER_BYTES),
      Buffer.alloc(tone.length - WAV_HEADER_BYTES),
    ]);
    // No checksum, so both files of the same size fit the slot.
    const slot = await newSlot(tone, 'audio/wav', { checksum_sha256: undefined });
    assert.equal((await putToSlot(slot, tone)).status, 200);
    assert.equal((await putToSlot(slot, silence)).status, 200);

    const completed = await v3(server, 'POST', `/v3/assets/${slot.asset_id}/complete`);

    assert.equal(completed.status, 200);
    const served = await fetch(`${server.url}/asset/${slot.asset_id}`);
    assert.equal(
      await sha256Hex(new Uint8Array(await served.arrayBuffer())),
      await sha256Hex(silence),
    );
  });

  test('answers a repeated /complete with the identical body', async () => {
    const slot = await newSlot(jpeg);
    await putToSlot(slot, jpeg);
    const first = await v3(server, 'POST', `/v3/assets/${slot.asset_id}/complete`);
    const second = await v3(server, 'POST', `/v3/assets/${slot.asset_id}/complete`);

    assert.equal(second.status, 200);
    assert.deepEqual(second.body, first.body);
  });

  test('refuses /complete with 409 upload_not_found before any bytes arrived', async () => {
    const slot = await newSlot(jpeg);
    const response = await v3(server, 'POST', `/v3/assets/${slot.asset_id}/complete`);

    assert.equal(response.status, 409);
    assert.equal(response.body.error?.code, 'upload_not_found');
  });

  test('refuses a PUT one byte longer or shorter than size_bytes', async () => {
    const slot = await newSlot(jpeg);
    for (const bytes of [Buffer.concat([jpeg, Buffer.from([0])]), jpeg.subarray(0, -1)]) {
      const response = await fetch(slot.upload_url, {
        method: 'PUT',
        headers: { 'content-type': 'image/jpeg' },
        body: bytes,
      });
      const body = (await response.json()) as { code: string };
      assert.equal(response.status, 400);
      assert.equal(body.code, 'size_mismatch');
    }
    assert.equal((await v3(server, 'POST', `/v3/assets/${slot.asset_id}/complete`)).status, 409);
  });

  test('refuses a chunked PUT longer than size_bytes while it streams', async () => {
    const slot = await newSlot(jpeg);
    const longer = Buffer.concat([jpeg, Buffer.alloc(2 * MiB)]);
    const response = await fetch(slot.upload_url, {
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg' },
      body: new Blob([longer]).stream(),
      duplex: 'half',
    } as RequestInit);
    const body = (await response.json()) as { code: string };

    assert.equal(response.status, 400);
    assert.equal(body.code, 'size_mismatch');
  });

  test('refuses a PUT whose bytes do not match checksum_sha256', async () => {
    const other = await makeJpeg({ width: 48, height: 32, color: '#123456' });
    const slot = await newSlot(jpeg, 'image/jpeg', { size_bytes: other.length });
    const response = await putToSlot(slot, other);
    const body = (await response.json()) as { code: string; error: string };

    assert.equal(response.status, 400);
    assert.equal(body.code, 'checksum_mismatch');
    assert.match(body.error, /SHA-256/);
  });

  test('refuses a PUT without the Content-Type listed in upload_headers', async () => {
    const slot = await newSlot(jpeg);
    const response = await fetch(slot.upload_url, { method: 'PUT', body: jpeg });
    const body = (await response.json()) as { code: string };

    assert.equal(response.status, 403);
    assert.equal(body.code, 'signature_mismatch');
  });

  test('marks an asset failed when /complete finds the wrong type, and says so again', async () => {
    const png = await makePng();
    const slot = await newSlot(png, 'image/jpeg');
    assert.equal((await putToSlot(slot, png)).status, 200);

    const first = await v3(server, 'POST', `/v3/assets/${slot.asset_id}/complete`);
    const second = await v3(server, 'POST', `/v3/assets/${slot.asset_id}/complete`);

    assert.equal(first.status, 415);
    assert.equal(first.body.error?.code, 'content_type_mismatch');
    assert.deepEqual(second.body, first.body);
    assert.equal((await fetch(`${server.url}/asset/${slot.asset_id}`)).status, 404);
  });

  test('refuses invalid bodies naming the field', async () => {
    const missing = await v3(server, 'POST', '/v3/assets/direct-uploads', { filename: 'a.jpg' });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.error?.code, 'invalid_request');
    assert.equal(missing.body.error?.param, 'content_type');

    const tooBig = await v3(server, 'POST', '/v3/assets/direct-uploads', {
      filename: 'a.jpg',
      content_type: 'image/jpeg',
      size_bytes: 51 * MiB,
    });
    assert.equal(tooBig.status, 413);
    assert.equal(tooBig.body.error?.param, 'size_bytes');

    const gif = await v3(server, 'POST', '/v3/assets/direct-uploads', {
      filename: 'a.gif',
      content_type: 'image/gif',
      size_bytes: 10,
    });
    assert.equal(gif.status, 415);
    assert.equal(gif.body.error?.code, 'unsupported_media_type');
  });
});

describe('v3 proxy upload (SPEC §6)', () => {
  function postForm(form: FormData) {
    return fetch(`${server.url}/v3/assets`, {
      method: 'POST',
      headers: { 'x-api-key': server.apiKey },
      body: form,
    });
  }

  test('stores a multipart file part and answers with the documented fields', async () => {
    const form = new FormData();
    form.append('file', new Blob([jpeg], { type: 'application/octet-stream' }), 'photo.jpg');
    const response = await postForm(form);
    const body = (await response.json()) as { data: Record<string, unknown> };

    assert.equal(response.status, 200);
    assert.deepEqual(Object.keys(body.data).sort(), ['asset_id', 'mime_type', 'size_bytes', 'url']);
    assert.equal(body.data.mime_type, 'image/jpeg');
    assert.equal(body.data.size_bytes, jpeg.length);
    const served = await fetch(String(body.data.url));
    assert.equal(
      await sha256Hex(new Uint8Array(await served.arrayBuffer())),
      await sha256Hex(jpeg),
    );
  });

  test('refuses a file over 32 MiB with file_too_large and stores nothing', async () => {
    const form = new FormData();
    const big = Buffer.concat([await makePng(), Buffer.alloc(33 * MiB)]);
    form.append('file', new Blob([big]), 'big.png');
    const response = await postForm(form);
    const body = (await response.json()) as { error: { code: string } };

    assert.equal(response.status, 413);
    assert.equal(body.error.code, 'file_too_large');
  });

  test('refuses a body that is not multipart, and a part not named file', async () => {
    const raw = await fetch(`${server.url}/v3/assets`, {
      method: 'POST',
      headers: { 'x-api-key': server.apiKey, 'content-type': 'image/jpeg' },
      body: jpeg,
    });
    assert.equal(raw.status, 400);

    const form = new FormData();
    form.append('upload', new Blob([jpeg]), 'photo.jpg');
    const misnamed = await postForm(form);
    const body = (await misnamed.json()) as { error: { code: string; param: string } };
    assert.equal(misnamed.status, 400);
    assert.equal(body.error.param, 'file');
  });
});
