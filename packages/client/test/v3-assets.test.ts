import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { ApiError, HeygenAssets } from '@heygen-assets/client';
import {
  makeJpeg,
  makePng,
  makeWav,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
  writeTempFile,
} from '@heygen-assets/testkit';

const UNKNOWN_ID = '0123456789abcdef0123456789abcdef';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Asks for a direct upload and sends nothing, leaving a `pending_upload` asset. */
async function createPendingAsset(test: TestServer, filename: string): Promise<string> {
  const response = await fetch(`${test.url}/v3/assets/direct-uploads`, {
    method: 'POST',
    headers: { 'x-api-key': TEST_API_KEY, 'content-type': 'application/json' },
    body: JSON.stringify({ filename, content_type: 'image/png', size_bytes: 1234 }),
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { data: { asset_id: string } }).data.asset_id;
}

interface Uploaded {
  bytes: Buffer;
  id: string;
}

describe('get, list and delete against a real server', () => {
  let test: TestServer;
  let client: HeygenAssets;
  const jpeg: Uploaded = { bytes: Buffer.alloc(0), id: '' };
  const png: Uploaded = { bytes: Buffer.alloc(0), id: '' };
  const wav: Uploaded = { bytes: Buffer.alloc(0), id: '' };
  let pendingId: string;
  let startedSeconds: number;

  before(async () => {
    test = await startTestServer();
    client = new HeygenAssets({ apiKey: TEST_API_KEY, baseUrl: test.url });
    startedSeconds = Math.floor(Date.now() / 1000);

    jpeg.bytes = await makeJpeg();
    png.bytes = await makePng();
    wav.bytes = makeWav();
    const jpegPath = await writeTempFile(test.workDir, 'photo.jpg', jpeg.bytes);
    jpeg.id = (await client.uploadFileDirect(jpegPath)).assetId;
    png.id = (await client.uploadFileDirect(png.bytes, { folderId: 'folder-1' })).assetId;
    wav.id = (await client.uploadFileDirect(wav.bytes, { filename: 'voice.wav' })).assetId;
    pendingId = await createPendingAsset(test, 'never-sent.png');
  });
  after(() => test.close());

  it('get returns every field of a completed asset, in camelCase, with dates', async () => {
    const asset = await client.get(jpeg.id);

    assert.deepEqual(asset, {
      id: jpeg.id,
      name: 'photo.jpg',
      type: 'image',
      owner: null,
      spaceId: 'default',
      uploadedAt: asset.uploadedAt,
      createdAt: asset.createdAt,
      folderId: null,
      url: `${test.url}/asset/${jpeg.id}`,
      status: 'completed',
      error: null,
      mimeType: 'image/jpeg',
      sizeBytes: jpeg.bytes.byteLength,
      sha256: sha256(jpeg.bytes),
      width: 320,
      height: 240,
      hasAlpha: false,
    });
    for (const date of [asset.createdAt, asset.uploadedAt]) {
      assert.ok(date instanceof Date);
      const seconds = date.getTime() / 1000;
      assert.ok(Number.isInteger(seconds), 'v3 timestamps are whole seconds');
      assert.ok(seconds >= startedSeconds && seconds <= Date.now() / 1000, String(date));
    }
  });

  it('get returns a pending asset with no url and no upload time', async () => {
    const asset = await client.get(pendingId);

    assert.equal(asset.status, 'pending_upload');
    assert.equal(asset.name, 'never-sent.png');
    assert.equal(asset.url, null);
    assert.equal(asset.uploadedAt, null);
    assert.equal(asset.error, null);
  });

  it('get of an unknown id fails with ApiError 404 not_found and the server message', async () => {
    const error = await client.get(UNKNOWN_ID).catch((caught: unknown) => caught);

    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 404);
    assert.equal(error.code, 'not_found');
    assert.equal(error.serverCode, 'not_found');
    assert.equal(error.method, 'GET');
    assert.equal(error.url, `${test.url}/v3/assets/${UNKNOWN_ID}`);
    assert.ok(error.serverMessage.includes(UNKNOWN_ID), error.serverMessage);
    assert.match(error.requestId ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(
      error.message,
      `GET ${test.url}/v3/assets/${UNKNOWN_ID} failed with 404 not_found: ${error.serverMessage}`,
    );
  });

  it('list returns completed assets newest first, a page at a time', async () => {
    const first = await client.list({ limit: 2 });

    assert.deepEqual(
      first.assets.map((asset) => asset.id),
      [wav.id, png.id],
    );
    assert.equal(first.hasMore, true);
    assert.equal(typeof first.nextToken, 'string');

    const second = await client.list({ limit: 2, token: first.nextToken ?? '' });
    assert.deepEqual(
      second.assets.map((asset) => asset.id),
      [jpeg.id],
    );
    assert.equal(second.hasMore, false);
    assert.equal(second.nextToken, null);
  });

  it('list assets equal what get returns for each', async () => {
    const { assets } = await client.list();

    assert.deepEqual(assets, [
      await client.get(wav.id),
      await client.get(png.id),
      await client.get(jpeg.id),
    ]);
  });

  it('list filters by type and by folder', async () => {
    const audio = await client.list({ type: 'audio' });
    const folder = await client.list({ folderId: 'folder-1' });

    assert.deepEqual(
      audio.assets.map((asset) => [asset.id, asset.type, asset.name]),
      [[wav.id, 'audio', 'voice.wav']],
    );
    assert.deepEqual(
      folder.assets.map((asset) => [asset.id, asset.folderId, asset.name]),
      [[png.id, 'folder-1', 'upload.png']],
    );
  });

  it('list with status all includes the pending asset', async () => {
    const { assets } = await client.list({ status: 'all' });

    assert.deepEqual(
      assets.map((asset) => [asset.id, asset.status]),
      [
        [pendingId, 'pending_upload'],
        [wav.id, 'completed'],
        [png.id, 'completed'],
        [jpeg.id, 'completed'],
      ],
    );
  });

  it('listAll walks every page, newest first', async () => {
    const seen: string[] = [];
    for await (const asset of client.listAll({ limit: 1 })) seen.push(asset.id);

    assert.deepEqual(seen, [wav.id, png.id, jpeg.id]);
  });

  it('a bad list parameter fails with ApiError invalid_request naming the parameter', async () => {
    const error = await client.list({ limit: 101 }).catch((caught: unknown) => caught);

    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 400);
    assert.equal(error.code, 'invalid_request');
    assert.equal(error.param, 'limit');
  });

  it('delete answers the id; the asset and its files URL are gone afterwards', async () => {
    const uploaded = await client.uploadFileDirect(await makeJpeg({ width: 64, height: 64 }));

    const deleted = await client.delete(uploaded.assetId);

    assert.deepEqual(deleted, { id: uploaded.assetId });
    assert.equal((await fetch(uploaded.url)).status, 404);
    const error = await client.get(uploaded.assetId).catch((caught: unknown) => caught);
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 404);
    const again = await client.delete(uploaded.assetId).catch((caught: unknown) => caught);
    assert.ok(again instanceof ApiError);
    assert.equal(again.code, 'not_found');
    assert.equal(again.method, 'DELETE');
  });

  it('statuses answers each asset id in order; an unknown one is not_found', async () => {
    const entries = await client.statuses({ assetIds: [jpeg.id, UNKNOWN_ID, pendingId] });

    assert.deepEqual(entries, [
      { assetId: jpeg.id, status: 'completed', error: null },
      {
        assetId: UNKNOWN_ID,
        status: 'not_found',
        error: { code: 'not_found', message: entries[1]?.error?.message },
      },
      { assetId: pendingId, status: 'pending_upload', error: null },
    ]);
    assert.ok(entries[1]?.error?.message.includes(UNKNOWN_ID));
  });

  it('statuses answers an unknown batch id with one not_found entry naming the batch', async () => {
    const entries = await client.statuses({ batchIds: [UNKNOWN_ID] });

    assert.deepEqual(entries, [
      {
        assetId: null,
        status: 'not_found',
        error: { code: 'not_found', message: entries[0]?.error?.message },
        batchId: UNKNOWN_ID,
      },
    ]);
  });
});
