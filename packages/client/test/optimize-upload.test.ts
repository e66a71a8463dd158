import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import {
  type HeygenAssets,
  MemoryAssetIdCache,
  OptimizerUnavailableError,
  type UploadedAsset,
} from '@heygen-assets/client';
import { MediaRejectedError } from '@heygen-assets/core';
import {
  makeMp3,
  startStubServer,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
  writeTempFile,
} from '@heygen-assets/testkit';
import sharp from 'sharp';
import {
  clientOf,
  fetchServed as download,
  sha256,
  startServedClient,
} from './support/served-client.js';
import { requestsLogged } from './support/server-log.js';
import { CLIENT_SOURCE_URL, type NoSharpMode, runWithoutSharp } from './support/without-sharp.js';

/**
 * `uploadFile({ optimize })` against a real server (SPEC §10, optimise images; cache asset ids):
 * what is stored, declared and cached are the optimised bytes.
 */

/** Each channel of the test photo varies this much around its colour, so it compresses like one. */
const GRAIN_LEVELS = 16;

/**
 * A 1600×1200 photo-like JPEG (grainy, so larger than the 64 KiB sniff window) stored a quarter
 * turn anticlockwise (1200×1600) with EXIF orientation 6; upright, its left half is red and its
 * right half blue.
 */
async function sidewaysJpeg(): Promise<Buffer> {
  const [width, height] = [1600, 1200];
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const colour = x < width / 2 ? [208, 48, 32] : [32, 64, 192];
      for (let channel = 0; channel < 3; channel++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const grain = (seed % (2 * GRAIN_LEVELS + 1)) - GRAIN_LEVELS;
        pixels[(y * width + x) * 3 + channel] = (colour[channel] ?? 0) + grain;
      }
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .rotate(270)
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** Mean of each channel over a 40×40 square centred at (x, y) of a 320-pixel-wide RGB image. */
function meanAround(data: Buffer, x: number, y: number): number[] {
  const sums = [0, 0, 0];
  for (let row = y - 20; row < y + 20; row++) {
    for (let column = x - 20; column < x + 20; column++) {
      for (let channel = 0; channel < 3; channel++) {
        sums[channel] = (sums[channel] ?? 0) + (data[(row * 320 + column) * 3 + channel] ?? 0);
      }
    }
  }
  return sums.map((sum) => Math.round(sum / 1600));
}

/** Asserts the stored image is the upright 320×240 JPEG: red on the left, blue on the right. */
async function assertUprightJpeg(asset: UploadedAsset): Promise<Buffer> {
  const { bytes, contentType } = await download(asset.url);
  assert.equal(contentType, 'image/jpeg');
  assert.equal(sha256(bytes), asset.sha256);
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  assert.deepEqual([info.width, info.height], [320, 240]);
  const [leftRed = 0, , leftBlue = 0] = meanAround(data, 80, 120);
  const [rightRed = 0, , rightBlue = 0] = meanAround(data, 240, 120);
  assert.ok(leftRed > 180 && leftBlue < 80, `left ${meanAround(data, 80, 120)}`);
  assert.ok(rightBlue > 160 && rightRed < 80, `right ${meanAround(data, 240, 120)}`);
  return bytes;
}

const TO_320x240 = { width: 320, height: 240 } as const;

describe('uploadFile with optimize, against a real server', () => {
  let test: TestServer;
  let client: HeygenAssets;
  let sideways: Buffer;

  const puts = () => requestsLogged(test, 'PUT', '/v1/uploads/');
  const creates = () => requestsLogged(test, 'POST', '/v1/asset');

  before(async () => {
    ({ test, client } = await startServedClient({ cache: false }));
    sideways = await sidewaysJpeg();
  });
  after(() => test.close());

  it('stores the optimised image: upright, at the size asked, and reports it', async () => {
    const source = await sharp(sideways).metadata();
    assert.deepEqual([source.width, source.height, source.orientation], [1200, 1600, 6]);
    const path = await writeTempFile(test.workDir, 'shot.jpg', sideways);

    const asset = await client.uploadFile(path, { optimize: TO_320x240 });

    const stored = await assertUprightJpeg(asset);
    assert.deepEqual(asset.optimization, {
      chosen: 'optimized',
      sourceBytes: sideways.byteLength,
      optimizedBytes: stored.byteLength,
      optimizedType: 'image/jpeg',
      width: 320,
      height: 240,
    });
    assert.deepEqual([asset.mimeType, asset.sizeBytes], ['image/jpeg', stored.byteLength]);
    const described = await client.get(asset.assetId);
    assert.deepEqual([described.width, described.height, described.name], [320, 240, 'shot.jpg']);
  });

  it('answers a second upload of the same file from the cache, keyed by the optimised bytes', async () => {
    const cache = new MemoryAssetIdCache();
    const cached = clientOf(test, { cache });
    const path = await writeTempFile(test.workDir, 'again.jpg', sideways);
    const putsBefore = puts();

    const first = await cached.uploadFile(path, { optimize: TO_320x240 });
    const second = await cached.uploadFile(path, { optimize: TO_320x240 });

    assert.equal(puts() - putsBefore, 1);
    assert.deepEqual(second, first);
    const entries = await cache.list();
    assert.deepEqual(
      entries.map((entry) => entry.sha256),
      [first.sha256],
    );
    assert.notEqual(first.sha256, sha256(sideways));
    // The same source uploaded without optimize is other bytes: not the cached asset.
    const plain = await cached.uploadFile(path);
    assert.equal(plain.sha256, sha256(sideways));
    assert.notEqual(plain.assetId, first.assetId);
  });

  it('declares and names a PNG written as JPEG as a JPEG', async () => {
    const png = await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#40a060' },
    })
      .png({ compressionLevel: 0 })
      .toBuffer();
    const path = await writeTempFile(test.workDir, 'graphic.png', png);

    const asset = await client.uploadFile(path, {
      contentType: 'image/png',
      optimize: TO_320x240,
    });

    assert.equal(asset.mimeType, 'image/jpeg');
    const { bytes, contentType } = await download(asset.url);
    assert.equal(contentType, 'image/jpeg');
    assert.equal((await sharp(bytes).metadata()).format, 'jpeg');
    assert.equal((await client.get(asset.assetId)).name, 'graphic.jpg');
  });

  it('keeps a PNG that uses transparency as a PNG', async () => {
    const png = await sharp({
      create: {
        width: 640,
        height: 480,
        channels: 4,
        background: { r: 0, g: 0, b: 0, alpha: 0.25 },
      },
    })
      .png({ compressionLevel: 0 })
      .toBuffer();

    const asset = await client.uploadFile(png, { filename: 'overlay.png', optimize: TO_320x240 });

    assert.equal(asset.mimeType, 'image/png');
    const { bytes, contentType } = await download(asset.url);
    assert.equal(contentType, 'image/png');
    const written = await sharp(bytes).metadata();
    assert.deepEqual([written.width, written.height, written.hasAlpha], [320, 240, true]);
  });

  it('uploads audio unchanged, without an optimisation report', async () => {
    const mp3 = await makeMp3();
    const path = await writeTempFile(test.workDir, 'voice.mp3', mp3);

    const asset = await client.uploadFile(path, { optimize: TO_320x240 });

    assert.equal(asset.sha256, sha256(mp3));
    assert.equal(asset.optimization, undefined);
    assert.deepEqual((await download(asset.url)).bytes, mp3);
  });

  it('uploads audio from a stream unchanged', async () => {
    const mp3 = await makeMp3({ seconds: 3 });

    const asset = await client.uploadFile(Readable.from([mp3]), {
      sizeBytes: mp3.byteLength,
      optimize: TO_320x240,
    });

    assert.equal(asset.sha256, sha256(mp3));
  });

  it('optimises an image given as a stream longer than the sniff window', async () => {
    assert.ok(sideways.byteLength > 64 * 1024);

    const asset = await client.uploadFile(Readable.from([sideways]), {
      sizeBytes: sideways.byteLength,
      optimize: TO_320x240,
    });

    await assertUprightJpeg(asset);
  });

  it('refuses a stream longer than its declared size', async () => {
    const createsBefore = creates();

    const refused = await client
      .uploadFile(Readable.from([sideways]), { sizeBytes: 70_000, optimize: TO_320x240 })
      .catch((error: unknown) => error);

    assert.ok(refused instanceof MediaRejectedError);
    assert.equal(refused.code, 'size_mismatch');
    assert.equal(creates(), createsBefore);
  });

  it('optimises through uploadFileDirect as well', async () => {
    const asset = await client.uploadFileDirect(sideways, { optimize: TO_320x240 });

    await assertUprightJpeg(asset);
    assert.equal(asset.optimization?.chosen, 'optimized');
  });

  it('checks a declared checksum against the source, then declares the optimised bytes', async () => {
    const createsBefore = creates();

    const accepted = await client.uploadFile(sideways, {
      checksumSha256: sha256(sideways),
      optimize: TO_320x240,
    });
    const refused = await client
      .uploadFile(sideways, { checksumSha256: 'ab'.repeat(32), optimize: TO_320x240 })
      .catch((error: unknown) => error);

    await assertUprightJpeg(accepted);
    assert.ok(refused instanceof MediaRejectedError);
    assert.equal(refused.code, 'checksum_mismatch');
    assert.equal(creates() - createsBefore, 1);
  });

  it('uploads the source unchanged when the optimised image would be larger', async () => {
    const tiny = await sharp({
      create: { width: 16, height: 16, channels: 3, background: '#808080' },
    })
      .jpeg({ quality: 30 })
      .toBuffer();

    const asset = await client.uploadFile(tiny, { optimize: { width: 1920, height: 1080 } });

    assert.equal(asset.optimization?.chosen, 'original');
    assert.equal(asset.sha256, sha256(tiny));
    assert.deepEqual((await download(asset.url)).bytes, tiny);
  });

  it('optimises an image fetched by uploadFromUrl', async () => {
    const source = await startStubServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      response.end(sideways);
    });

    const asset = await client
      .uploadFromUrl(`${source.url}/photos/shot.jpg`, {
        allowPrivateNetworks: true,
        optimize: TO_320x240,
      })
      .finally(() => source.close());

    await assertUprightJpeg(asset);
    assert.equal(asset.optimization?.chosen, 'optimized');
  });

  it('refuses bad optimize options before any request', async () => {
    const createsBefore = creates();

    await assert.rejects(client.uploadFile(sideways, { optimize: { width: 0, height: 240 } }), {
      name: 'TypeError',
      message: /optimize\.width must be a whole number from 1 to 8192, not 0/,
    });
    assert.equal(creates(), createsBefore);
  });
});

describe('optimize without a usable sharp', () => {
  let test: TestServer;
  let jpegPath: string;

  before(async () => {
    test = await startTestServer();
    jpegPath = await writeTempFile(test.workDir, 'photo.jpg', await sidewaysJpeg());
  });
  after(() => test.close());

  /** What the child process saw: the plain upload's type, and the optimised upload's error. */
  interface ChildOutcome {
    plainMimeType: string;
    name: string;
    code: string;
    message: string;
    hint: string;
    causeCode: string | null;
  }

  /** Runs a plain upload, then an optimised one, in a child process without a usable sharp. */
  async function uploadWithoutSharp(mode: NoSharpMode): Promise<ChildOutcome> {
    const script = `
      import { HeygenAssets } from ${JSON.stringify(CLIENT_SOURCE_URL)};
      const [baseUrl, apiKey, path] = process.argv.slice(2);
      const assets = new HeygenAssets({ apiKey, baseUrl, cache: false });
      const plain = await assets.uploadFile(path);
      const error = await assets.uploadFile(path, { optimize: { width: 10, height: 10 } }).then(
        () => new Error('uploaded'),
        (refusal) => refusal,
      );
      process.stdout.write(JSON.stringify({
        plainMimeType: plain.mimeType,
        name: error.name,
        code: error.code,
        message: error.message,
        hint: error.hint,
        causeCode: error.cause?.code ?? null,
      }));
    `;
    const args = [test.url, TEST_API_KEY, jpegPath];
    return (await runWithoutSharp(test.workDir, mode, script, args)) as ChildOutcome;
  }

  it('without sharp installed, fails with optimizer_unavailable and a hint, before any request', async () => {
    const createsBefore = requestsLogged(test, 'POST', '/v1/asset');

    const outcome = await uploadWithoutSharp('missing');

    // The SDK loads without sharp, and uploads without optimize work.
    assert.equal(outcome.plainMimeType, 'image/jpeg');
    assert.deepEqual(outcome, {
      plainMimeType: 'image/jpeg',
      name: 'OptimizerUnavailableError',
      code: 'optimizer_unavailable',
      message: 'Image optimisation needs sharp, which is not installed.',
      hint: 'Install it next to the SDK (npm install sharp), or upload without optimize.',
      causeCode: 'ERR_MODULE_NOT_FOUND',
    });
    // One upload: the plain one.
    assert.equal(requestsLogged(test, 'POST', '/v1/asset') - createsBefore, 1);
  });

  it('with a sharp that cannot load, says so and suggests reinstalling it', async () => {
    const outcome = await uploadWithoutSharp('broken');

    assert.equal(outcome.code, 'optimizer_unavailable');
    assert.equal(
      outcome.message,
      'Image optimisation needs sharp, which is installed but could not be loaded.',
    );
    assert.match(outcome.hint, /Reinstall sharp/);
  });

  it('is exported as a class with a stable code', () => {
    const error = new OptimizerUnavailableError(false, new Error('gone'));
    assert.equal(error.code, 'optimizer_unavailable');
    assert.ok(error instanceof Error);
  });
});
