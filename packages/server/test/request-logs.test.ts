import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeJpeg, startTestServer } from '@heygen-assets/testkit';
import { postAssetJson, postRaw, putBytes, requestUploadUrl } from './support/api.js';

test('writes JSON request logs with request ids and no key or signature', async (t) => {
  const server = await startTestServer();
  t.after(() => server.close());

  const { url } = await requestUploadUrl(server, 'image/jpeg');
  assert.equal((await putBytes(url, await makeJpeg())).status, 200);
  await postRaw(server, await makeJpeg(), 'image/jpeg');
  await postAssetJson(server, { content_type: 'image/jpeg' }, 'a-wrong-key-that-must-not-leak');
  const signature = new URL(url).searchParams.get('signature') ?? '';

  const lines = server
    .logs()
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const text = server.logs();

  assert.ok(signature.length === 64);
  assert.equal(text.includes(signature), false, 'the upload signature is not logged');
  assert.equal(text.includes(server.apiKey), false, 'the API key is not logged');
  assert.equal(text.includes('a-wrong-key-that-must-not-leak'), false);
  const completed = lines.filter((line) => line.msg === 'upload completed');
  assert.equal(completed.length, 2);
  assert.ok(completed.every((line) => typeof line.reqId === 'string' && line.sizeBytes));
});
