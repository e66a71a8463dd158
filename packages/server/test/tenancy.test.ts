import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makeJpeg, startTestServer, type TestServer } from '@heygen-assets/testkit';
import { putBytes, requestUploadUrl } from './support/api.js';
import { addSpace } from './support/v3-api.js';

let otherKey: string;

let server: TestServer;

before(async () => {
  server = await startTestServer();
  otherKey = await addSpace(server, 'other');
});

after(() => server.close());

function deleteAsset(id: string, apiKey: string) {
  return fetch(`${server.url}/v1/asset/${id}`, {
    method: 'DELETE',
    headers: { 'x-api-key': apiKey },
  });
}

describe('spaces (SPEC §2)', () => {
  test("answers another space's asset exactly like an unknown id", async () => {
    const { url, assetId } = await requestUploadUrl(server, 'image/jpeg');
    assert.equal((await putBytes(url, await makeJpeg())).status, 200);

    const foreign = await deleteAsset(assetId, otherKey);
    const unknown = await deleteAsset('0'.repeat(32), otherKey);
    const foreignBody = (await foreign.json()) as { code: number; message: string };
    const unknownBody = (await unknown.json()) as { code: number; message: string };

    assert.equal(foreign.status, 404);
    assert.equal(unknown.status, 404);
    assert.equal(foreignBody.code, unknownBody.code);
    assert.equal(
      foreignBody.message.replace(assetId, 'ID'),
      unknownBody.message.replace('0'.repeat(32), 'ID'),
    );
    assert.equal((await fetch(`${server.url}/asset/${assetId}`)).status, 200, 'still there');
  });

  test('deletes its own asset, after which the files URL answers 404', async () => {
    const { url, assetId } = await requestUploadUrl(server, 'image/jpeg');
    assert.equal((await putBytes(url, await makeJpeg({ width: 40 }))).status, 200);

    const response = await deleteAsset(assetId, server.apiKey);

    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      code: 100,
      data: { id: assetId },
      msg: null,
      message: null,
    });
    assert.equal((await fetch(`${server.url}/asset/${assetId}`)).status, 404);
    assert.equal((await deleteAsset(assetId, server.apiKey)).status, 404);
  });

  test('answers a missing key on delete with 401', async () => {
    const response = await fetch(`${server.url}/v1/asset/${'0'.repeat(32)}`, { method: 'DELETE' });
    assert.equal(response.status, 401);
  });
});
