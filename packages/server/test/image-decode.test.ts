import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { bufferSource, inspectMedia } from '@heygen-assets/core';
import {
  makeJpeg,
  makeLosslessJpeg,
  makePng,
  startTestServer,
  type TestServer,
} from '@heygen-assets/testkit';
import sharp from 'sharp';
import { ConcurrencyLimit } from '../src/media/concurrency-limit.js';
import { verifyMedia } from '../src/media/verify-media.js';
import { postRaw, putBytes, requestUploadUrl } from './support/api.js';
import {
  jpegWithGarbledScan,
  jpegWithStrayBytes,
  pngWithDamagedIdat,
  removeJpegSegments,
} from './support/damaged-images.js';

let server: TestServer;

before(async () => {
  server = await startTestServer();
});

after(() => server.close());

/** A photo-like JPEG or PNG: a gradient with shapes, so its compressed data is not trivial. */
async function detailedImage(format: 'jpeg' | 'png'): Promise<Buffer> {
  const svg = Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="120">' +
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#123"/>' +
      '<stop offset="1" stop-color="#fc6"/></linearGradient></defs>' +
      '<rect width="160" height="120" fill="url(#g)"/><circle cx="60" cy="50" r="30" fill="#c33"/>' +
      '</svg>',
  );
  const image = sharp(svg);
  return format === 'jpeg' ? image.jpeg().toBuffer() : image.png().toBuffer();
}

async function rawRejection(bytes: Buffer): Promise<{ status: number; message: string }> {
  const response = await postRaw(server, bytes, 'application/octet-stream');
  const body = (await response.json()) as { message: string };
  return { status: response.status, message: body.message };
}

async function assertNothingStored(): Promise<void> {
  assert.deepEqual(await readdir(join(server.dataDir, 'blobs', 'tmp')).catch(() => []), []);
}

describe('JPEG and PNG are decoded in full before they are stored (SPEC §3)', () => {
  test('refuses a JPEG whose scan is overwritten with garbage but still ends in EOI', async () => {
    const damaged = jpegWithGarbledScan(await detailedImage('jpeg'));
    assert.equal((await inspectMedia(bufferSource(damaged))).mimeType, 'image/jpeg');

    const { status, message } = await rawRejection(damaged);

    assert.equal(status, 422);
    assert.match(message, /^corrupt_media: The JPEG cannot be decoded/);
    assert.match(message, /libjpeg stops with “Corrupt JPEG data: bad Huffman code”/);
    await assertNothingStored();
  });

  test('refuses a PNG whose IDAT zlib stream is damaged under a recomputed CRC', async () => {
    const damaged = pngWithDamagedIdat(await detailedImage('png'));
    assert.equal((await inspectMedia(bufferSource(damaged))).mimeType, 'image/png');

    const { status, message } = await rawRejection(damaged);

    assert.equal(status, 422);
    assert.match(message, /^corrupt_media: The PNG cannot be decoded: libpng stops with “.+”/);
    await assertNothingStored();
  });

  test('refuses a JPEG whose harmless first warning hides a missing quantization table', async () => {
    const withoutTables = removeJpegSegments(await detailedImage('jpeg'), 0xdb);
    const jpeg = jpegWithStrayBytes(withoutTables, 3);

    await assert.rejects(verifyMedia(bufferSource(jpeg)), {
      code: 'corrupt_media',
      message: /Quantization table 0x00 was not defined/,
    });
  });

  test('refuses the damaged JPEG on a presigned PUT too, leaving the asset pending', async () => {
    const damaged = jpegWithGarbledScan(await detailedImage('jpeg'));
    const { url, assetId } = await requestUploadUrl(server, 'image/jpeg');

    const response = await putBytes(url, damaged, 'image/jpeg');
    const body = (await response.json()) as { code: string };

    assert.equal(response.status, 422);
    assert.equal(body.code, 'corrupt_media');
    assert.equal((await fetch(`${server.url}/asset/${assetId}`)).status, 404);
    const retry = await putBytes(url, await detailedImage('jpeg'), 'image/jpeg');
    assert.equal(retry.status, 200);
  });

  test('accepts a JPEG with stray bytes between segments, as libjpeg and core do', async () => {
    const jpeg = jpegWithStrayBytes(await detailedImage('jpeg'), 3);

    const facts = await verifyMedia(bufferSource(jpeg));

    assert.deepEqual([facts.width, facts.height], [160, 120]);
  });

  test('accepts every JPEG and PNG variant cameras and editors write, reporting its facts', async () => {
    const variants = [
      makeJpeg({ width: 40, height: 30, progressive: true }),
      makeJpeg({ width: 40, height: 30, orientation: 6 }),
      makeJpeg({ width: 40, height: 30, cmyk: true }),
      makeLosslessJpeg({ width: 40, height: 30 }),
      makePng({ width: 40, height: 30, alpha: true }),
      makePng({ width: 40, height: 30, bitDepth: 16 }),
      makePng({ width: 40, height: 30, alpha: true, interlaced: true }),
    ];

    const facts = [];
    for (const bytes of await Promise.all(variants))
      facts.push(await verifyMedia(bufferSource(bytes)));

    assert.deepEqual(
      facts.map((fact) => [fact.mimeType, fact.width, fact.height, fact.hasAlpha]),
      [
        ['image/jpeg', 40, 30, false],
        ['image/jpeg', 30, 40, false],
        ['image/jpeg', 40, 30, false],
        ['image/jpeg', 40, 30, false],
        ['image/png', 40, 30, true],
        ['image/png', 40, 30, false],
        ['image/png', 40, 30, true],
      ],
    );
  });

  test('refuses a baseline JPEG whose sample precision libjpeg cannot decode', async () => {
    const jpeg = Buffer.from(await makeJpeg({ width: 40, height: 30 }));
    jpeg[jpeg.indexOf(Buffer.from([0xff, 0xc0])) + 4] = 9;
    assert.equal((await inspectMedia(bufferSource(jpeg))).width, 40);

    await assert.rejects(verifyMedia(bufferSource(jpeg)), {
      code: 'corrupt_media',
      message: /Unsupported JPEG data precision 9/,
    });
  });

  test('keeps the structural verdict of a lossless JPEG beyond libjpeg (YCbCr or over 8 bits)', async () => {
    const jpeg = await makeLosslessJpeg({ width: 24, height: 16 });
    const sharpSays = await sharp(jpeg)
      .raw()
      .toBuffer()
      .then(
        () => 'decoded',
        (error: Error) => error.message,
      );
    assert.match(sharpSays, /Unsupported color conversion request/);

    assert.deepEqual((await verifyMedia(bufferSource(jpeg))).width, 24);
  });

  test('does not decode types other than JPEG and PNG', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n', 'latin1');

    assert.equal((await verifyMedia(bufferSource(pdf))).mimeType, 'application/pdf');
  });
});

describe('ConcurrencyLimit', () => {
  test('never runs more tasks at once than its limit, and runs them all in order', async () => {
    const limit = new ConcurrencyLimit(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];

    await Promise.all(
      Array.from({ length: 7 }, (_, index) =>
        limit.run(async () => {
          started.push(index);
          running++;
          most = Math.max(most, running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running--;
        }),
      ),
    );

    assert.equal(most, 2);
    assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6]);
  });

  test('frees the slot of a task that fails', async () => {
    const limit = new ConcurrencyLimit(1);

    await assert.rejects(
      limit.run(() => Promise.reject(new Error('boom'))),
      /boom/,
    );

    assert.equal(await limit.run(async () => 'next'), 'next');
  });
});
