import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import type { BatchUploadItem, HeygenAssets } from '@heygen-assets/client';
import {
  makeJpeg,
  makeMp3,
  makePng,
  TEST_API_KEY,
  type TestServer,
  writeTempFile,
} from '@heygen-assets/testkit';
import sharp from 'sharp';
import { fetchServed, sha256, startServedClient } from './support/served-client.js';
import { requestsLogged } from './support/server-log.js';
import { CLIENT_SOURCE_URL, runWithoutSharp } from './support/without-sharp.js';

/**
 * `uploadBatch({ optimize })` against a real server (SPEC §6 batches, SPEC §10 optimise
 * images): every image of the batch is optimised as `uploadFile` would, and what each item
 * declares and sends are the bytes the server then serves.
 */

const TO_320x240 = { width: 320, height: 240 } as const;

/** What an asset serves, and what the server says about it. */
async function servedOf(client: HeygenAssets, item: BatchUploadItem | undefined) {
  assert.equal(item?.status, 'completed', JSON.stringify(item?.error));
  const asset = await client.get(item?.assetId ?? '');
  const { bytes, contentType } = await fetchServed(asset.url ?? '');
  return {
    asset,
    bytes,
    contentType,
    image: await sharp(bytes)
      .metadata()
      .catch(() => null),
  };
}

describe('uploadBatch with optimize, against a real server', () => {
  let test: TestServer;
  let client: HeygenAssets;
  /** 4000×3000 stored, EXIF orientation 6: 3000×4000 upright. */
  let bigJpeg: Buffer;
  /** 1280×960, every pixel half transparent. */
  let overlay: Buffer;
  let mp3: Buffer;
  /** 16×16: any 320×240 rendering of it is larger. */
  let tinyJpeg: Buffer;

  const batchesCreated = () => requestsLogged(test, 'POST', '/v3/assets/direct-uploads/batches');

  before(async () => {
    ({ test, client } = await startServedClient({ cache: false }));
    bigJpeg = await makeJpeg({ width: 4000, height: 3000, orientation: 6 });
    overlay = await makePng({ width: 1280, height: 960, alpha: true });
    mp3 = await makeMp3();
    tinyJpeg = await makeJpeg({ width: 16, height: 16 });
  });
  after(() => test.close());

  it('stores a large JPEG at 320×240, a transparent PNG as a PNG and an MP3 byte for byte', async () => {
    const jpegPath = await writeTempFile(test.workDir, 'scene.jpg', bigJpeg);
    const mp3Path = await writeTempFile(test.workDir, 'voice.mp3', mp3);

    const summary = await client.uploadBatch(
      [jpegPath, { source: overlay, filename: 'overlay.png' }, mp3Path],
      { optimize: TO_320x240 },
    );

    assert.deepEqual([summary.batchIds.length, summary.completed, summary.failed], [1, 3, 0]);
    const [jpeg, png, audio] = await Promise.all(summary.items.map((i) => servedOf(client, i)));

    assert.deepEqual(
      [jpeg?.contentType, jpeg?.image?.format, jpeg?.image?.width, jpeg?.image?.height],
      ['image/jpeg', 'jpeg', 320, 240],
    );
    // Orientation applied, then every piece of metadata dropped.
    assert.deepEqual(
      [jpeg?.image?.orientation, jpeg?.image?.exif, jpeg?.image?.icc],
      [undefined, undefined, undefined],
    );
    assert.deepEqual(
      [png?.contentType, png?.image?.format, png?.image?.width, png?.image?.height],
      ['image/png', 'png', 320, 240],
    );
    assert.equal(png?.image?.hasAlpha, true);
    assert.deepEqual(audio?.bytes, mp3);

    assert.deepEqual(
      summary.items.map((item) => [item.filename, item.optimization]),
      [
        [
          'scene.jpg',
          {
            chosen: 'optimized',
            sourceBytes: bigJpeg.byteLength,
            optimizedBytes: jpeg?.bytes.byteLength,
            optimizedType: 'image/jpeg',
            width: 320,
            height: 240,
          },
        ],
        [
          'overlay.png',
          {
            chosen: 'optimized',
            sourceBytes: overlay.byteLength,
            optimizedBytes: png?.bytes.byteLength,
            optimizedType: 'image/png',
            width: 320,
            height: 240,
          },
        ],
        ['voice.mp3', undefined],
      ],
    );
    assert.equal('optimization' in (summary.items[2] ?? {}), false);
    // The sizes and checksums declared were those of the bytes sent: the server agrees.
    for (const served of [jpeg, png, audio]) {
      assert.deepEqual(
        [served?.asset.sizeBytes, served?.asset.sha256],
        [served?.bytes.byteLength, sha256(served?.bytes ?? Buffer.alloc(0))],
      );
    }
    assert.ok((jpeg?.bytes.byteLength ?? Infinity) < bigJpeg.byteLength);
  });

  it('keeps the source, from a path, bytes or a stream, when the result is not smaller', async () => {
    const path = await writeTempFile(test.workDir, 'tiny.jpg', tinyJpeg);
    const stream = Readable.from([tinyJpeg]);

    const summary = await client.uploadBatch(
      [
        path,
        tinyJpeg,
        { source: stream, sizeBytes: tinyJpeg.byteLength, filename: 'streamed.jpg' },
      ],
      { optimize: TO_320x240 },
    );

    assert.equal(summary.completed, 3);
    const served = await Promise.all(summary.items.map((item) => servedOf(client, item)));
    assert.deepEqual(
      served.map(({ asset, bytes }) => [asset.name, asset.sizeBytes, asset.sha256, bytes]),
      [
        ['tiny.jpg', tinyJpeg.byteLength, sha256(tinyJpeg), tinyJpeg],
        ['upload.jpg', tinyJpeg.byteLength, sha256(tinyJpeg), tinyJpeg],
        ['streamed.jpg', tinyJpeg.byteLength, sha256(tinyJpeg), tinyJpeg],
      ],
    );
    const optimizedBytes = summary.items[0]?.optimization?.optimizedBytes ?? 0;
    assert.ok(optimizedBytes >= tinyJpeg.byteLength, `${optimizedBytes} bytes`);
    const kept = {
      chosen: 'original',
      sourceBytes: tinyJpeg.byteLength,
      optimizedBytes,
      optimizedType: 'image/jpeg',
      width: 320,
      height: 240,
    };
    assert.deepEqual(
      summary.items.map((item) => item.optimization),
      [kept, kept, kept],
    );
  });

  it('optimises an image given as a stream, named upload.jpg rather than after a temporary file', async () => {
    const stream = Readable.from([bigJpeg]);

    const summary = await client.uploadBatch([{ source: stream, sizeBytes: bigJpeg.byteLength }], {
      optimize: TO_320x240,
    });

    const [item] = summary.items;
    const served = await servedOf(client, item);
    assert.deepEqual(
      [item?.filename, served.asset.name, served.image?.width, served.image?.height],
      ['upload.jpg', 'upload.jpg', 320, 240],
    );
    assert.deepEqual(
      [item?.optimization?.chosen, served.asset.sizeBytes],
      ['optimized', served.bytes.byteLength],
    );
  });

  it("takes a file's own optimize in place of the batch's, and false to send it as it is", async () => {
    const summary = await client.uploadBatch(
      [
        bigJpeg,
        { source: bigJpeg, optimize: { width: 200, height: 200, fit: 'inside' } },
        { source: bigJpeg, optimize: false },
      ],
      { optimize: TO_320x240 },
    );

    const served = await Promise.all(summary.items.map((item) => servedOf(client, item)));
    assert.deepEqual(
      served.map(({ image }) => [image?.width, image?.height]),
      [
        [320, 240],
        [150, 200],
        [4000, 3000],
      ],
    );
    assert.deepEqual(served[2]?.bytes, bigJpeg);
    assert.deepEqual(
      summary.items.map((item) => item.optimization?.chosen),
      ['optimized', 'optimized', undefined],
    );
  });

  it('checks a declared checksum against the source and declares that of the optimised bytes', async () => {
    const summary = await client.uploadBatch(
      [
        { source: bigJpeg, filename: 'right.jpg', checksumSha256: sha256(bigJpeg) },
        { source: bigJpeg, filename: 'wrong.jpg', checksumSha256: 'ab'.repeat(32) },
      ],
      { optimize: TO_320x240 },
    );

    const accepted = await servedOf(client, summary.items[0]);
    assert.equal(accepted.asset.sha256, sha256(accepted.bytes));
    assert.notEqual(accepted.asset.sha256, sha256(bigJpeg));
    const refused = summary.items[1];
    assert.deepEqual(
      [refused?.status, refused?.error?.code, refused?.assetId, refused?.filename],
      ['failed', 'checksum_mismatch', null, 'wrong.jpg'],
    );
  });

  it('keeps optimised images in a private temporary directory until sent, then deletes it', async () => {
    const temporary = join(test.workDir, 'tmp');
    await mkdir(temporary);
    const previousTmpdir = process.env.TMPDIR;
    process.env.TMPDIR = temporary;
    let whileSending: Array<{ name: string; mode: number; files: number[] }> | undefined;

    try {
      const summary = await client.uploadBatch([bigJpeg, overlay, mp3], {
        optimize: TO_320x240,
        concurrency: 1,
        onProgress: () => {
          whileSending ??= readdirSync(temporary).map((name) => {
            const directory = join(temporary, name);
            const files = readdirSync(directory).sort();
            return {
              name,
              mode: statSync(directory).mode & 0o777,
              files: files.map((file) => statSync(join(directory, file)).size),
            };
          });
        },
      });

      const optimized = summary.items.map((item) => item.optimization?.optimizedBytes);
      assert.equal(whileSending?.length, 1);
      assert.match(whileSending?.[0]?.name ?? '', /^heygen-assets-batch-/);
      assert.equal(whileSending?.[0]?.mode, 0o700);
      assert.deepEqual(whileSending?.[0]?.files, optimized.slice(0, 2));
      assert.deepEqual(await readdir(temporary), []);
    } finally {
      if (previousTmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previousTmpdir;
    }
  });

  it('refuses a bad optimize, the batch’s or a file’s, before any request', async () => {
    const before = batchesCreated();

    await assert.rejects(client.uploadBatch([bigJpeg], { optimize: { width: 0, height: 240 } }), {
      name: 'TypeError',
      message: 'optimize.width must be a whole number from 1 to 8192, not 0.',
    });
    await assert.rejects(
      client.uploadBatch([bigJpeg, { source: bigJpeg, optimize: { ...TO_320x240, quality: 101 } }]),
      {
        name: 'TypeError',
        message: 'optimize.quality must be a whole number from 1 to 100, not 101.',
      },
    );
    assert.equal(batchesCreated(), before);
  });
});

describe('uploadBatch with optimize without a usable sharp', () => {
  let test: TestServer;

  before(async () => {
    ({ test } = await startServedClient());
  });
  after(() => test.close());

  it('fails each image with optimizer_unavailable and still sends the other files', async () => {
    const jpegPath = await writeTempFile(test.workDir, 'photo.jpg', await makeJpeg());
    const mp3Path = await writeTempFile(test.workDir, 'voice.mp3', await makeMp3());
    const script = `
      import { HeygenAssets } from ${JSON.stringify(CLIENT_SOURCE_URL)};
      const [baseUrl, apiKey, ...paths] = process.argv.slice(2);
      const assets = new HeygenAssets({ apiKey, baseUrl, cache: false });
      const summary = await assets.uploadBatch(paths, { optimize: { width: 10, height: 10 } });
      process.stdout.write(JSON.stringify(summary.items.map((item) => ({
        status: item.status,
        filename: item.filename,
        code: item.error?.code ?? null,
        cause: item.cause?.name ?? null,
        sent: item.assetId !== null,
      }))));
    `;

    const items = await runWithoutSharp(test.workDir, 'missing', script, [
      test.url,
      TEST_API_KEY,
      jpegPath,
      mp3Path,
    ]);

    assert.deepEqual(items, [
      {
        status: 'failed',
        filename: 'photo.jpg',
        code: 'optimizer_unavailable',
        cause: 'OptimizerUnavailableError',
        sent: false,
      },
      { status: 'completed', filename: 'voice.mp3', code: null, cause: null, sent: true },
    ]);
  });
});
