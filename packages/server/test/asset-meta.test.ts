import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  makeJpeg,
  makeMp3,
  makeMp4,
  makePng,
  makeWav,
  makeWebm,
  startTestServer,
  type TestServer,
} from '@heygen-assets/testkit';
import { assetMeta } from '../src/media/asset-meta.js';
import { postRaw, sha256Hex } from './support/api.js';
import type { MetaJson } from './support/meta-facts.js';

let server: TestServer;

before(async () => {
  server = await startTestServer();
});

after(() => server.close());

const SUBRIP = Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nHello\n');
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n', 'latin1');

/** Uploads `bytes` in the raw dialect and returns the `meta` of the answer. */
async function uploadedMeta(bytes: Buffer): Promise<MetaJson> {
  const response = await postRaw(server, bytes, 'application/octet-stream');
  const body = (await response.json()) as { data: { meta: MetaJson } };
  assert.equal(response.status, 200, JSON.stringify(body));
  return body.data.meta;
}

/** What every asset's meta starts with. */
async function common(bytes: Buffer, mimeType: string) {
  return { mime_type: mimeType, size_bytes: bytes.byteLength, sha256: await sha256Hex(bytes) };
}

function assertDuration(meta: MetaJson, seconds: number, tolerance = 0.05): void {
  assert.ok(Math.abs((meta.duration ?? 0) - seconds) <= tolerance, `duration ${meta.duration}`);
}

describe('the raw upload returns the probed metadata in meta', () => {
  test('gives a JPEG its displayed size (EXIF orientation 6 swaps it) and no alpha', async () => {
    const jpeg = await makeJpeg({ width: 40, height: 30, orientation: 6 });

    assert.deepEqual(await uploadedMeta(jpeg), {
      ...(await common(jpeg, 'image/jpeg')),
      width: 30,
      height: 40,
      has_alpha: false,
    });
  });

  test('gives an RGBA PNG its size and has_alpha', async () => {
    const png = await makePng({ width: 33, height: 17, alpha: true });

    assert.deepEqual(await uploadedMeta(png), {
      ...(await common(png, 'image/png')),
      width: 33,
      height: 17,
      has_alpha: true,
    });
  });

  test('gives an MP4 its size, duration, codecs and has_audio', async () => {
    const mp4 = await makeMp4({ seconds: 1, width: 320, height: 240 });

    const { duration, ...meta } = await uploadedMeta(mp4);

    assertDuration({ ...meta, duration }, 1);
    assert.deepEqual(meta, {
      ...(await common(mp4, 'video/mp4')),
      width: 320,
      height: 240,
      codecs: ['h264', 'aac'],
      has_audio: true,
    });
  });

  test('gives a WebM without audio has_audio false', async () => {
    const webm = await makeWebm({ seconds: 1, width: 160, height: 120, audio: false });

    const meta = await uploadedMeta(webm);

    assertDuration(meta, 1, 0.1);
    assert.deepEqual(
      [meta.mime_type, meta.width, meta.height, meta.codecs, meta.has_audio],
      ['video/webm', 160, 120, ['vp8'], false],
    );
  });

  test('gives MP3 and WAV audio a duration and codecs, and no size or alpha', async () => {
    const mp3 = await makeMp3({ seconds: 2 });
    const wav = makeWav({ seconds: 1.5 });

    const mp3Meta = await uploadedMeta(mp3);
    const wavMeta = await uploadedMeta(wav);

    assertDuration(mp3Meta, 2, 0.1);
    assert.deepEqual(Object.keys(mp3Meta).sort(), [
      'codecs',
      'duration',
      'mime_type',
      'sha256',
      'size_bytes',
    ]);
    assert.deepEqual(wavMeta, {
      ...(await common(wav, 'audio/wav')),
      duration: 1.5,
      codecs: ['pcm_s16le'],
    });
  });

  test('gives a PDF and a SubRip file only their type, size and checksum', async () => {
    assert.deepEqual(await uploadedMeta(PDF), await common(PDF, 'application/pdf'));
    assert.deepEqual(await uploadedMeta(SUBRIP), await common(SUBRIP, 'application/x-subrip'));
  });
});

describe('assetMeta', () => {
  test('is null until the bytes are verified', () => {
    assert.equal(assetMeta({ facts: null, sha256: null }), null);
  });

  test('rounds the duration to the millisecond', () => {
    const meta = assetMeta({
      facts: { mimeType: 'audio/mpeg', fileType: 'audio', sizeBytes: 10, durationSeconds: 9.91666 },
      sha256: 'ab',
    });

    assert.equal(meta?.duration, 9.917);
  });
});
