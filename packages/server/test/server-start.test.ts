import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { makeTempDir, startTestServer } from '@heygen-assets/testkit';
import { postAssetJson } from './support/api.js';

describe('starting the server', () => {
  test('rotating HEYGEN_API_KEY revokes the key the previous value registered', async (t) => {
    const dataDir = await makeTempDir('heygen-assets-keys-');
    t.after(() => rm(dataDir, { recursive: true, force: true }));
    const first = await startTestServer({ dataDir, apiKey: 'old-key-123456' });
    await first.stop();

    const second = await startTestServer({ dataDir, apiKey: 'new-key-123456' });
    t.after(() => second.stop());
    const body = { content_type: 'image/jpeg' };

    assert.equal((await postAssetJson(second, body, 'new-key-123456')).status, 200);
    assert.equal((await postAssetJson(second, body, 'old-key-123456')).status, 401);
  });

  test('refuses a second server on a data directory that is in use', async (t) => {
    const running = await startTestServer();
    t.after(() => running.close());

    await assert.rejects(startTestServer({ dataDir: running.dataDir }), /data directory/);
    assert.equal((await fetch(`${running.url}/healthz`)).status, 200);
  });

  test('releases the data directory when it cannot listen', async (t) => {
    const running = await startTestServer();
    t.after(() => running.close());
    const dataDir = await makeTempDir('heygen-assets-port-');
    t.after(() => rm(dataDir, { recursive: true, force: true }));
    const port = Number(new URL(running.url).port);

    await assert.rejects(startTestServer({ dataDir, port }), /EADDRINUSE/);
    const retried = await startTestServer({ dataDir });
    await retried.stop();
  });

  test('a first start that cannot listen stores no key, so the next start generates one', async (t) => {
    const running = await startTestServer();
    t.after(() => running.close());
    const dataDir = await makeTempDir('heygen-assets-first-key-');
    t.after(() => rm(dataDir, { recursive: true, force: true }));
    const port = Number(new URL(running.url).port);

    await assert.rejects(startTestServer({ dataDir, port, apiKey: undefined }), /EADDRINUSE/);
    const retried = await startTestServer({ dataDir, apiKey: undefined });
    t.after(() => retried.stop());

    const key = retried.server.generatedApiKey;
    assert.match(key ?? '', /^\S{20,}$/);
    const listed = await fetch(`${retried.url}/v1/asset/list`, {
      headers: { 'x-api-key': key ?? '' },
    });
    assert.equal(listed.status, 200);
  });
});
