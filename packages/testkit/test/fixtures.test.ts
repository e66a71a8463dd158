import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { test } from 'node:test';
import sharp from 'sharp';
import {
  ffmpegPath,
  makeApng,
  makeJpeg,
  makeLosslessJpeg,
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

test('makePng writes 16-bit and Adam7-interlaced PNGs when asked', async () => {
  const deep = await makePng({ width: 8, height: 4, bitDepth: 16 });
  const interlaced = await makePng({ width: 8, height: 4, alpha: true, interlaced: true });

  assert.deepEqual([deep[24], deep[25], deep[28]], [16, 2, 0]);
  assert.deepEqual([interlaced[24], interlaced[25], interlaced[28]], [8, 6, 1]);
});

test('makeMp4 writes moov after mdat without faststart, and audio-only, HEVC and QuickTime files', async () => {
  const moovLast = await makeMp4({ faststart: false });
  const audioOnly = await makeMp4({ video: false });
  const hevc = await makeMp4({ videoCodec: 'hevc', audio: false });
  const mov = await makeMp4({ container: 'mov' });

  assert.ok(moovLast.indexOf('moov') > moovLast.indexOf('mdat'));
  assert.ok(!audioOnly.includes('vide') && audioOnly.includes('soun'));
  assert.ok(hevc.includes('hev1') || hevc.includes('hvc1'));
  assert.equal(ascii(mov, 8, 4), 'qt  ');
});

test('makeWebm writes no Duration to a pipe, and a Matroska DocType when asked', async () => {
  const piped = await makeWebm({ seconds: 0.5, pipe: true });
  const matroska = await makeWebm({ seconds: 0.5, docType: 'matroska' });

  assert.deepEqual([...piped.subarray(0, 4)], [0x1a, 0x45, 0xdf, 0xa3]);
  assert.ok(!piped.subarray(0, 400).includes(Buffer.from([0x44, 0x89])));
  assert.ok(matroska.subarray(0, 64).includes('matroska'));
});

test('makeMp3 writes MPEG-2 frames at 22.05 kHz and MPEG-2.5 frames at 11.025 kHz', async () => {
  const mpeg2 = await makeMp3({ sampleRate: 22050, bitrateKbps: 64 });
  const mpeg25 = await makeMp3({ sampleRate: 11025, bitrateKbps: 32 });

  // Frame header bits 20–19 are the version: 10 is MPEG-2, 00 is MPEG-2.5 (ISO/IEC 13818-3).
  assert.equal((mpeg2[1] ?? 0) & 0x18, 0x10);
  assert.equal((mpeg25[1] ?? 0) & 0x18, 0x00);
});

test('makeLosslessJpeg writes an SOF3 frame header and makeApng an acTL chunk', async () => {
  const lossless = await makeLosslessJpeg({ width: 20, height: 10 });
  const apng = await makeApng({ frames: 3 });

  assert.ok(lossless.includes(Buffer.from([0xff, 0xc3])));
  assert.ok(apng.indexOf('acTL') > 0 && apng.indexOf('acTL') < apng.indexOf('IDAT'));
  assert.equal(apng.readUInt32BE(apng.indexOf('acTL') + 4), 3);
});
