import assert from 'node:assert/strict';
import { readdir, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { MiB } from '@heygen-assets/core';
import {
  makeJpeg,
  makePng,
  makeTempDir,
  startTestServer,
  TEST_API_KEY,
} from '@heygen-assets/testkit';
import { putBytes, requestUploadUrl } from './support/api.js';
import { startChildServer } from './support/child-server.js';

const tempFiles = (dataDir: string) =>
  readdir(join(dataDir, 'blobs', 'tmp')).catch(() => [] as string[]);

/** Starts a PUT announcing `totalBytes`, sends `sendBytes` of them and leaves it hanging. */
function startPartialPut(url: string, head: Buffer, totalBytes: number, sendBytes: number) {
  const req = request(url, { method: 'PUT', headers: { 'content-length': String(totalBytes) } });
  req.on('error', () => {});
  req.write(head);
  req.write(Buffer.alloc(sendBytes - head.length, 0x42));
  return req;
}

async function waitFor(check: () => Promise<boolean>, what: string) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (await check()) return;
    await sleep(50);
  }
  assert.fail(`timed out waiting for ${what}`);
}

describe('interrupted uploads (SPEC §4.2)', () => {
  test('a client that aborts halfway leaves no asset and no temp file', async (t) => {
    const server = await startTestServer();
    t.after(() => server.close());
    const { url, assetId } = await requestUploadUrl(server, 'image/png');

    const req = startPartialPut(url, await makePng(), 8 * MiB, 4 * MiB);
    await waitFor(async () => (await tempFiles(server.dataDir)).length === 1, 'the temp file');
    req.destroy();

    await waitFor(async () => (await tempFiles(server.dataDir)).length === 0, 'temp clean-up');
    assert.equal((await fetch(`${server.url}/asset/${assetId}`)).status, 404);

    const other = await requestUploadUrl(server, 'image/jpeg');
    assert.equal((await putBytes(other.url, await makeJpeg())).status, 200);
    assert.equal((await putBytes(url, await makePng())).status, 200, 'the URL can be retried');
  });

  test('a server killed mid-upload leaves no temp file after the next start', async (t) => {
    const dataDir = await makeTempDir('heygen-assets-crash-');
    t.after(() => rm(dataDir, { recursive: true, force: true }));
    const child = await startChildServer(dataDir, TEST_API_KEY);
    t.after(() => child.kill());

    const response = await fetch(`${child.url}/v1/asset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': TEST_API_KEY },
      body: JSON.stringify({ content_type: 'image/png' }),
    });
    const { data } = (await response.json()) as { data: { url: string; asset_id: string } };
    startPartialPut(data.url, await makePng(), 8 * MiB, 4 * MiB);
    await waitFor(async () => (await tempFiles(dataDir)).length === 1, 'the temp file');
    await child.kill();
    assert.equal((await tempFiles(dataDir)).length, 1, 'the crash left a temp file');

    const restarted = await startTestServer({ dataDir });
    t.after(() => restarted.stop());

    assert.deepEqual(await tempFiles(dataDir), []);
    assert.equal((await fetch(`${restarted.url}/asset/${data.asset_id}`)).status, 404);
    const upload = await requestUploadUrl(restarted, 'image/jpeg');
    assert.equal((await putBytes(upload.url, await makeJpeg())).status, 200);
  });
});
