import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makeJpeg, startTestServer, type TestServer } from '@heygen-assets/testkit';
import { postRaw, sha256Hex } from './support/api.js';
import { MEDIA_FIXTURES } from './support/media-fixtures.js';

let server: TestServer;

before(async () => {
  server = await startTestServer();
});

after(() => server.close());

describe('raw upload dialect (SPEC §5)', () => {
  for (const fixture of MEDIA_FIXTURES) {
    test(`stores a ${fixture.contentType} body and answers with the legacy envelope`, async () => {
      const bytes = await fixture.make();
      const response = await postRaw(server, bytes, fixture.contentType);
      const body = (await response.json()) as { code: number; data: Record<string, unknown> };

      assert.equal(response.status, 200, JSON.stringify(body));
      assert.deepEqual(Object.keys(body).sort(), ['code', 'data', 'message', 'msg']);
      assert.equal(body.code, 100);
      const { data } = body;
      assert.deepEqual(Object.keys(data).sort(), [
        'created_ts',
        'file_type',
        'folder_id',
        'id',
        'image_key',
        'meta',
        'name',
        'url',
      ]);
      assert.equal(data.file_type, fixture.fileType);
      assert.equal(data.folder_id, '');
      assert.equal(data.url, `${server.url}/asset/${data.id}`);
      const extension = fixture.contentType === 'image/png' ? 'png' : 'jpg';
      const expectedKey =
        fixture.fileType === 'image' ? `image/${data.id}/original.${extension}` : null;
      assert.equal(data.image_key, expectedKey);

      const served = await fetch(String(data.url));
      assert.equal(
        await sha256Hex(new Uint8Array(await served.arrayBuffer())),
        await sha256Hex(bytes),
      );
    });
  }

  test('detects the type itself when the body is sent as application/octet-stream', async () => {
    const response = await postRaw(server, await makeJpeg(), 'application/octet-stream');
    const body = (await response.json()) as { data: { file_type: string } };

    assert.equal(response.status, 200);
    assert.equal(body.data.file_type, 'image');
  });

  test('refuses a multipart body with 400, code 40001 and a hint', async () => {
    const form = new FormData();
    form.append('file', new Blob([await makeJpeg()], { type: 'image/jpeg' }), 'photo.jpg');
    const response = await fetch(`${server.url}/v1/asset`, {
      method: 'POST',
      headers: { 'x-api-key': server.apiKey },
      body: form,
    });
    const body = (await response.json()) as { code: number; message: string; data: null };

    assert.equal(response.status, 400);
    assert.equal(body.code, 40001);
    assert.match(body.message, /^asset data must be provided/);
    assert.match(body.message, /file bytes themselves as the body/);
    assert.equal(body.data, null);
  });

  test('refuses an empty body with 400 and code 40001', async () => {
    const response = await postRaw(server, new Uint8Array(0), 'image/jpeg');
    const body = (await response.json()) as { code: number; message: string };

    assert.equal(response.status, 400);
    assert.equal(body.code, 40001);
    assert.match(body.message, /^asset data must be provided/);
  });

  test('refuses a wrong key with 401 and code 40009', async () => {
    const response = await postRaw(server, await makeJpeg(), 'image/jpeg', 'wrong-key');
    const body = (await response.json()) as { code: number };

    assert.equal(response.status, 401);
    assert.equal(body.code, 40009);
  });

  test('refuses a media rejection with its HTTP status, code 400175 and the spec code', async () => {
    const html = Buffer.from('<!doctype html><html><body>Not found</body></html>');
    const response = await postRaw(server, html, 'image/png');
    const body = (await response.json()) as { code: number; message: string };

    assert.equal(response.status, 415);
    assert.equal(body.code, 400175);
    assert.match(body.message, /^unsupported_media_type: /);
  });
});
