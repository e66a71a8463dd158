import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { HeygenAssets } from '@heygen-assets/client';
import { makeJpeg, makePng, makeWav, type TestServer, writeTempFile } from '@heygen-assets/testkit';
import {
  fetchServed as download,
  makeBigJpeg,
  sha256,
  startServedClient,
} from './support/served-client.js';

describe('uploadFile against a real server', () => {
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

  it('uploads a file path; its files URL serves the identical bytes', async () => {
    const path = await writeTempFile(test.workDir, 'photo.jpg', jpeg);

    const asset = await client.uploadFile(path);

    assert.match(asset.assetId, /^[0-9a-f]{32}$/);
    assert.deepEqual(asset, {
      assetId: asset.assetId,
      url: `${test.url}/asset/${asset.assetId}`,
      mimeType: 'image/jpeg',
      sizeBytes: jpeg.byteLength,
      sha256: sha256(jpeg),
    });
    const served = await download(asset.url);
    assert.deepEqual(served.bytes, jpeg);
    assert.equal(served.contentType, 'image/jpeg');
  });

  it('uploads a Buffer; its files URL serves the identical bytes', async () => {
    const png = await makePng();

    const asset = await client.uploadFile(png);

    assert.equal(asset.mimeType, 'image/png');
    assert.equal(asset.sizeBytes, png.byteLength);
    assert.equal(asset.sha256, sha256(png));
    assert.deepEqual((await download(asset.url)).bytes, png);
  });

  it('uploads a Readable with sizeBytes; its files URL serves the identical bytes', async () => {
    const chunks = [
      bigJpeg.subarray(0, 1000),
      bigJpeg.subarray(1000, 70_000),
      bigJpeg.subarray(70_000),
    ];

    const asset = await client.uploadFile(Readable.from(chunks), { sizeBytes: bigJpeg.byteLength });

    assert.equal(asset.mimeType, 'image/jpeg');
    assert.equal(asset.sizeBytes, bigJpeg.byteLength);
    assert.equal(asset.sha256, sha256(bigJpeg));
    assert.deepEqual((await download(asset.url)).bytes, bigJpeg);
  });

  it('uploads a stream shorter than the sniff window, checked whole', async () => {
    const asset = await client.uploadFile(Readable.from([jpeg]), { sizeBytes: jpeg.byteLength });

    assert.equal(asset.sha256, sha256(jpeg));
  });

  it('uploads audio read from a path', async () => {
    const wav = makeWav({ seconds: 2 });
    const path = await writeTempFile(test.workDir, 'tone.wav', wav);

    const asset = await client.uploadFile(path);

    assert.equal(asset.mimeType, 'audio/wav');
    assert.deepEqual((await download(asset.url)).bytes, wav);
  });

  it('gives each upload its own asset id, even for the same bytes', async () => {
    const first = await client.uploadFile(jpeg);
    const second = await client.uploadFile(jpeg);

    assert.notEqual(first.assetId, second.assetId);
  });

  it('accepts a declared alias that names the detected type', async () => {
    const asset = await client.uploadFile(jpeg, { contentType: 'image/jpg; charset=binary' });

    assert.equal(asset.mimeType, 'image/jpeg');
  });

  it('reports progress in bytes, ending at the total', async () => {
    const calls: Array<[number, number]> = [];

    await client.uploadFile(bigJpeg, { onProgress: (sent, total) => calls.push([sent, total]) });

    assert.ok(calls.length > 1, `expected several progress calls, got ${calls.length}`);
    assert.deepEqual(calls.at(-1), [bigJpeg.byteLength, bigJpeg.byteLength]);
    for (const [index, [sent, total]] of calls.entries()) {
      assert.equal(total, bigJpeg.byteLength);
      if (index > 0) assert.ok(sent > (calls[index - 1]?.[0] ?? 0));
    }
  });
});
