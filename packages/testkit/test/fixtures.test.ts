import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import sharp from 'sharp';
import {
  ffmpegPath,
  makeJpeg,
  makeMp3,
  makeMp4,
  makePng,
  makeTempDir,
  makeWav,
  makeWebm,
  WAV_HEADER_BYTES,
  writeTempFile,
} from '../src/index.js';

function ascii(bytes: Buffer, start: number, length: number): string {
  return bytes.subarray(start, start + length).toString('latin1');
}

test('finds an ffmpeg executable', () => {
  assert.ok(existsSync(ffmpegPath()));
});

test('makeWav writes every header field of a 16-bit mono PCM file exactly', () => {
  const wav = makeWav({ seconds: 0.5, sampleRate: 8000 });

  assert.equal(wav.byteLength, WAV_HEADER_BYTES + 8000);
  assert.equal(ascii(wav, 0, 4), 'RIFF');
  assert.equal(wav.readUInt32LE(4), wav.byteLength - 8);
  assert.equal(ascii(wav, 8, 4), 'WAVE');
  assert.equal(ascii(wav, 12, 4), 'fmt ');
  assert.equal(wav.readUInt32LE(16), 16);
  assert.equal(wav.readUInt16LE(20), 1);
  assert.equal(wav.readUInt16LE(22), 1);
  assert.equal(wav.readUInt32LE(24), 8000);
  assert.equal(wav.readUInt32LE(28), 16000);
  assert.equal(wav.readUInt16LE(32), 2);
  assert.equal(wav.readUInt16LE(34), 16);
  assert.equal(ascii(wav, 36, 4), 'data');
  assert.equal(wav.readUInt32LE(40), 8000);
});

test('makeWav writes 32-bit float stereo with format tag 3 and a sine in range', () => {
  const wav = makeWav({
    seconds: 0.1,
    sampleRate: 48000,
    channels: 2,
    bitsPerSample: 32,
    float: true,
  });

  assert.equal(wav.readUInt16LE(20), 3);
  assert.equal(wav.readUInt16LE(22), 2);
  assert.equal(wav.readUInt32LE(28), 48000 * 8);
  assert.equal(wav.readUInt16LE(32), 8);
  assert.equal(wav.readUInt32LE(40), 4800 * 8);
  const firstQuarterPeriodSample = WAV_HEADER_BYTES + 27 * 8;
  assert.ok(Math.abs(wav.readFloatLE(firstQuarterPeriodSample) - 0.5) < 0.01);
});

test('makeWav refuses float samples that are not 32-bit', () => {
  assert.throws(() => makeWav({ float: true, bitsPerSample: 16 }), RangeError);
});

test('makeJpeg writes a JPEG of the asked size with the asked EXIF orientation', async () => {
  const jpeg = await makeJpeg({ width: 40, height: 30, orientation: 6, progressive: true });
  const metadata = await sharp(jpeg).metadata();

  assert.deepEqual([...jpeg.subarray(0, 3)], [0xff, 0xd8, 0xff]);
  assert.equal(metadata.format, 'jpeg');
  assert.equal(metadata.width, 40);
  assert.equal(metadata.height, 30);
  assert.equal(metadata.orientation, 6);
  assert.equal(metadata.isProgressive, true);
});

test('makePng writes an RGBA PNG when alpha is asked for', async () => {
  const png = await makePng({ width: 16, height: 8, alpha: true });
  const metadata = await sharp(png).metadata();

  assert.equal(ascii(png, 12, 4), 'IHDR');
  assert.equal(png.readUInt32BE(16), 16);
  assert.equal(png.readUInt32BE(20), 8);
  assert.equal(png[25], 6);
  assert.equal(metadata.hasAlpha, true);
});

test('makeMp4 writes a faststart MP4 that starts with an ftyp box and has moov before mdat', async () => {
  const mp4 = await makeMp4();

  assert.equal(ascii(mp4, 4, 4), 'ftyp');
  const moov = mp4.indexOf('moov');
  const mdat = mp4.indexOf('mdat');
  assert.ok(moov > 0 && mdat > moov, `moov at ${moov}, mdat at ${mdat}`);
  assert.ok(mp4.includes('avc1') || mp4.includes('mp4v'));
  assert.ok(mp4.includes('mp4a'));
});

test('makeMp4 writes a fragmented MP4 with moof boxes when asked', async () => {
  const mp4 = await makeMp4({ fragmented: true, audio: false });

  assert.equal(ascii(mp4, 4, 4), 'ftyp');
  assert.ok(mp4.includes('moof'));
  assert.ok(!mp4.includes('mp4a'));
});

test('makeMp4 hands out copies, so patching one does not change the next', async () => {
  const first = await makeMp4();
  first.fill(0);
  const second = await makeMp4();

  assert.equal(ascii(second, 4, 4), 'ftyp');
});

test('makeMp3 starts with a frame sync without a tag and with ID3 when asked', async () => {
  const bare = await makeMp3();
  const tagged = await makeMp3({ id3: true });

  assert.equal(bare[0], 0xff);
  assert.equal((bare[1] ?? 0) & 0xe0, 0xe0);
  assert.equal(ascii(tagged, 0, 3), 'ID3');
});

test('writeTempFile writes bytes into a directory made by makeTempDir', async () => {
  const dir = await makeTempDir('heygen-assets-testkit-');
  try {
    assert.ok(dir.startsWith(tmpdir()));
    const path = await writeTempFile(dir, 'tone.wav', makeWav({ seconds: 0.01 }));
    assert.equal((await readFile(path)).byteLength, WAV_HEADER_BYTES + 160);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('makeWebm writes an EBML file with DocType webm, without Duration when live', async () => {
  const webm = await makeWebm({ seconds: 0.5 });
  const live = await makeWebm({ seconds: 0.5, live: true });
  const durationElementId = Buffer.from([0x44, 0x89]);

  assert.deepEqual([...webm.subarray(0, 4)], [0x1a, 0x45, 0xdf, 0xa3]);
  assert.ok(webm.includes('webm'));
  assert.ok(webm.includes(durationElementId));
  assert.ok(!live.subarray(0, 400).includes(durationElementId));
});
