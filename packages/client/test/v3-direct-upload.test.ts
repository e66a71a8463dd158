import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { ApiError, type HeygenAssets } from '@heygen-assets/client';
import { MediaRejectedError } from '@heygen-assets/core';
import { makeJpeg, makeMp3, type TestServer, writeTempFile } from '@heygen-assets/testkit';
import {
  fetchServedBytes as download,
  makeBigJpeg,
  sha256,
  startServedClient,
} from './support/served-client.js';

describe('uploadFileDirect against a real server', () => {
  let test: TestServer;
  let client: HeygenAssets;
  let jpeg: Buffer;
  let bigJpeg: Buffer;

  before(async () => {
    ({ test, client } = await startServedClient());
    jpeg = await makeJpeg();
    bigJpeg = await makeBigJpeg();
  });
  after(() => test.close());

  it('uploads a file path; the asset is completed and serves the identical bytes', async () => {
    const path = await writeTempFile(test.workDir, 'portrait.jpg', jpeg);
    const progress: Array<[number, number]> = [];

    const asset = await client.uploadFileDirect(path, {
      onProgress: (sent, total) => progress.push([sent, total]),
    });

    assert.match(asset.assetId, /^[0-9a-f]{32}$/);
    assert.deepEqual(asset, {
      assetId: asset.assetId,
      url: `${test.url}/asset/${asset.assetId}`,
      mimeType: 'image/jpeg',
      sizeBytes: jpeg.byteLength,
      sha256: sha256(jpeg),
    });
    assert.deepEqual(await download(asset.url), jpeg);
    assert.deepEqual(progress.at(-1), [jpeg.byteLength, jpeg.byteLength]);
    const stored = await client.get(asset.assetId);
    assert.equal(stored.name, 'portrait.jpg');
    assert.equal(stored.sha256, sha256(jpeg));
  });

  it('uploads a Buffer under the name it is given', async () => {
    const mp3 = await makeMp3();

    const asset = await client.uploadFileDirect(mp3, { filename: 'voice-over.mp3' });

    assert.equal(asset.mimeType, 'audio/mpeg');
    assert.equal(asset.sizeBytes, mp3.byteLength);
    assert.deepEqual(await download(asset.url), mp3);
    assert.equal((await client.get(asset.assetId)).name, 'voice-over.mp3');
  });

  it('uploads a Readable with sizeBytes; the server gets every byte', async () => {
    const chunks = [bigJpeg.subarray(0, 1000), bigJpeg.subarray(1000)];

    const asset = await client.uploadFileDirect(Readable.from(chunks), {
      sizeBytes: bigJpeg.byteLength,
    });

    assert.equal(asset.sha256, sha256(bigJpeg));
    assert.deepEqual(await download(asset.url), bigJpeg);
  });

  it('a checksum that does not match the bytes is refused with checksum_mismatch', async () => {
    const wrong = sha256(Buffer.from('other bytes'));

    const error = await client
      .uploadFileDirect(jpeg, { checksumSha256: wrong })
      .catch((caught: unknown) => caught);

    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.code, 'checksum_mismatch');
    assert.equal(error.status, 400);
  });

  it('a stream whose head passes but whose rest is cut short fails on the server', async () => {
    const truncated = bigJpeg.subarray(0, 70_000);

    const error = await client
      .uploadFileDirect(Readable.from([truncated]), { sizeBytes: truncated.byteLength })
      .catch((caught: unknown) => caught);

    assert.ok(error instanceof ApiError, String(error));
    assert.equal(error.code, 'corrupt_media');
    assert.equal(error.status, 422);
    assert.match(error.url, new RegExp(`^${test.url}/v3/assets/[0-9a-f]{32}/complete$`));
  });

  it('a file refused locally fails with MediaRejectedError and creates no asset', async () => {
    const before = await client.list({ status: 'all', limit: 100 });

    const error = await client
      .uploadFileDirect(Buffer.from('<!DOCTYPE html><html></html>'))
      .catch((caught: unknown) => caught);

    assert.ok(error instanceof MediaRejectedError);
    assert.equal(error.code, 'unsupported_media_type');
    const afterwards = await client.list({ status: 'all', limit: 100 });
    assert.deepEqual(afterwards.assets, before.assets);
  });
});
