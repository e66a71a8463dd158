import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeMp4 } from '@heygen-assets/testkit';
import { bufferSource, GiB, inspectMedia } from '../src/index.js';
import {
  box,
  handlerTypeOffset,
  pickBoxes,
  replaceFourcc,
  topLevelBoxes,
} from './support/iso-bmff-boxes.js';
import { recordingSource, virtualSource } from './support/recording-source.js';

const inspect = (bytes: Uint8Array) => inspectMedia(bufferSource(bytes));

test('reports size, duration, codecs and audio of a faststart MP4', async () => {
  const facts = await inspect(await makeMp4({ seconds: 1, width: 320, height: 240 }));

  assert.equal(facts.mimeType, 'video/mp4');
  assert.equal(facts.fileType, 'video');
  assert.deepEqual([facts.width, facts.height], [320, 240]);
  assert.ok(Math.abs((facts.durationSeconds ?? 0) - 1) < 0.05, `${facts.durationSeconds} s`);
  assert.deepEqual(facts.codecs, ['h264', 'aac']);
  assert.equal(facts.hasAudio, true);
});

test('reports a video without an audio track as having no audio', async () => {
  const facts = await inspect(await makeMp4({ audio: false }));

  assert.equal(facts.hasAudio, false);
  assert.deepEqual(facts.codecs, ['h264']);
});

test('accepts an MP4 with its moov after the mdat', async () => {
  const mp4 = await makeMp4();
  const moovLast = pickBoxes(mp4, ['ftyp', 'mdat', 'moov']);

  const facts = await inspect(moovLast);

  assert.deepEqual([facts.width, facts.height], [320, 240]);
});

test('accepts an MP4 as ffmpeg writes it by default, with moov after mdat', async () => {
  const mp4 = await makeMp4({ seconds: 2, width: 160, height: 120, faststart: false });
  const order = topLevelBoxes(mp4).map((candidate) => candidate.type);
  assert.ok(order.indexOf('moov') > order.indexOf('mdat'), order.join(' '));

  const facts = await inspect(mp4);

  assert.deepEqual([facts.width, facts.height, facts.hasAudio], [160, 120, true]);
  assert.ok(Math.abs((facts.durationSeconds ?? 0) - 2) < 0.05, `${facts.durationSeconds} s`);
});

test('reports HEVC video without audio', async () => {
  const mp4 = await makeMp4({ videoCodec: 'hevc', audio: false, width: 192, height: 108 });

  const facts = await inspect(mp4);

  assert.deepEqual(
    [facts.width, facts.height, facts.codecs, facts.hasAudio],
    [192, 108, ['hevc'], false],
  );
  assert.ok(Math.abs((facts.durationSeconds ?? 0) - 1) < 0.05, `${facts.durationSeconds} s`);
});

test('accepts the M4V brand as an MP4 video', async () => {
  const m4v = replaceFourcc(await makeMp4({ width: 64, height: 48 }), 'isom', 'M4V ');

  assert.deepEqual((await inspect(m4v)).width, 64);
});

test('takes the duration of a fragmented MP4 from its fragments when mvhd says 0', async () => {
  const mp4 = await makeMp4({ fragmented: true, audio: false, seconds: 3 });
  assert.ok(topLevelBoxes(mp4).some((candidate) => candidate.type === 'moof'));

  const facts = await inspect(mp4);

  assert.ok(Math.abs((facts.durationSeconds ?? 0) - 3) < 0.05, `${facts.durationSeconds} s`);
});

test('takes the duration of a fragmented MP4 with audio from the video fragments', async () => {
  const facts = await inspect(await makeMp4({ fragmented: true, seconds: 2 }));

  assert.ok(Math.abs((facts.durationSeconds ?? 0) - 2) < 0.05, `${facts.durationSeconds} s`);
  assert.equal(facts.hasAudio, true);
});

test('reads each movie fragment in one read when summing fragment durations', async () => {
  const fragmented = await makeMp4({ fragmented: true, audio: false, seconds: 1 });
  const single = await inspect(fragmented);
  const fragments = 200;
  const mp4 = Buffer.concat([
    pickBoxes(fragmented, ['ftyp', 'moov']),
    ...Array.from({ length: fragments }, () => pickBoxes(fragmented, ['moof', 'mdat'])),
  ]);
  const source = recordingSource(bufferSource(mp4));

  const facts = await inspectMedia(source);

  const expected = fragments * (single.durationSeconds ?? 0);
  assert.ok(Math.abs((facts.durationSeconds ?? 0) - expected) < 0.01, `${facts.durationSeconds} s`);
  assert.ok(source.reads.length <= 3 * fragments + 50, `${source.reads.length} reads`);
});

test('reports a portrait size when the track matrix turns the picture a quarter', async () => {
  const mp4 = Buffer.from(await makeMp4({ audio: false, width: 320, height: 240 }));
  const tkhd = mp4.indexOf('tkhd');
  // Version 0 tkhd: the matrix starts 40 bytes into the payload (a, b, u, c, d, …).
  const matrix = tkhd + 4 + 40;
  mp4.writeInt32BE(0, matrix);
  mp4.writeInt32BE(0x10000, matrix + 4);
  mp4.writeInt32BE(-0x10000, matrix + 12);
  mp4.writeInt32BE(0, matrix + 16);

  const facts = await inspect(mp4);

  assert.deepEqual([facts.width, facts.height], [240, 320]);
});

test('accepts a box with a 64-bit size', async () => {
  const mp4 = await makeMp4();
  const mdat = topLevelBoxes(mp4).find((candidate) => candidate.type === 'mdat');
  assert.ok(mdat);
  const largeHeader = Buffer.alloc(16);
  largeHeader.writeUInt32BE(1);
  largeHeader.write('mdat', 4, 'latin1');
  largeHeader.writeBigUInt64BE(BigInt(mdat.bytes.byteLength + 8), 8);
  const patched = Buffer.concat([
    pickBoxes(mp4, ['ftyp', 'moov']),
    largeHeader,
    mdat.bytes.subarray(8),
  ]);

  assert.equal((await inspect(patched)).width, 320);
});

test('inspects a 2 GiB MP4 with its moov at the end reading only box headers', async () => {
  const mp4 = await makeMp4();
  const ftyp = pickBoxes(mp4, ['ftyp']);
  const moov = pickBoxes(mp4, ['moov']);
  const size = 2 * GiB;
  const mdatHeader = Buffer.alloc(16);
  mdatHeader.writeUInt32BE(1);
  mdatHeader.write('mdat', 4, 'latin1');
  mdatHeader.writeBigUInt64BE(BigInt(size - ftyp.byteLength - moov.byteLength), 8);
  const source = recordingSource(virtualSource(size, Buffer.concat([ftyp, mdatHeader]), moov));

  const facts = await inspectMedia(source);

  assert.equal(facts.sizeBytes, size);
  assert.equal(facts.width, 320);
  assert.ok(source.bytesRequested() < 256 * 1024, `${source.bytesRequested()} bytes requested`);
});

test('refuses an MP4 over 2 GiB before inspecting it', async () => {
  const mp4 = await makeMp4();
  const source = recordingSource(virtualSource(2 * GiB + 1, mp4));

  await assert.rejects(inspectMedia(source), { code: 'file_too_large', message: /video\/mp4/ });
  assert.ok(source.bytesRequested() <= 64 * 1024);
});

test('rejects an MP4 without a moov box as incomplete', async () => {
  const mp4 = pickBoxes(await makeMp4(), ['ftyp', 'mdat']);

  await assert.rejects(inspect(mp4), { code: 'incomplete_media', message: /no moov/ });
});

test('rejects an MP4 cut short inside its mdat as incomplete', async () => {
  const mp4 = pickBoxes(await makeMp4(), ['ftyp', 'mdat', 'moov']);

  await assert.rejects(inspect(mp4.subarray(0, mp4.byteLength / 2)), {
    code: 'incomplete_media',
    message: /'mdat' box at offset \d+ declares \d+ bytes but only \d+ remain/,
  });
});

test('rejects a bare media segment (styp, moof, mdat) as incomplete', async () => {
  const fragmented = await makeMp4({ fragmented: true, audio: false });
  const segment = Buffer.concat([
    box('styp', Buffer.from('msdh\0\0\0\0msdhmsix')),
    pickBoxes(fragmented, ['moof', 'mdat']),
  ]);

  await assert.rejects(inspect(segment), { code: 'incomplete_media', message: /media segment/ });
});

test('rejects movie fragments without their moov as incomplete', async () => {
  const fragmented = await makeMp4({ fragmented: true, audio: false });

  await assert.rejects(inspect(pickBoxes(fragmented, ['ftyp', 'moof', 'mdat'])), {
    code: 'incomplete_media',
    message: /init segment/,
  });
});

test('rejects a box whose size is smaller than its header', async () => {
  const mp4 = Buffer.from(await makeMp4());
  const moov = mp4.indexOf('moov') - 4;
  mp4.writeUInt32BE(4, moov);

  await assert.rejects(inspect(mp4), { code: 'corrupt_media' });
});

test('refuses an MP4 with only an audio track as audio/mp4', async () => {
  const mp4 = Buffer.from(await makeMp4());
  mp4.write('meta', handlerTypeOffset(mp4, 'vide'), 'latin1');

  await assert.rejects(inspect(mp4), { code: 'unsupported_media_type', message: /audio\/mp4/ });
});

test('answers unsupported_codec for an audio-only MP4 declared as video/mp4', async () => {
  const mp4 = Buffer.from(await makeMp4());
  mp4.write('meta', handlerTypeOffset(mp4, 'vide'), 'latin1');

  await assert.rejects(inspectMedia(bufferSource(mp4), { declaredType: 'video/mp4' }), {
    code: 'unsupported_codec',
    message: /only an audio track/,
  });
});

test('refuses an audio-only MP4 as ffmpeg writes it, naming audio/mp4', async () => {
  const mp4 = await makeMp4({ video: false, seconds: 0.5 });

  await assert.rejects(inspect(mp4), { code: 'unsupported_media_type', message: /audio\/mp4/ });
  await assert.rejects(inspectMedia(bufferSource(mp4), { declaredType: 'video/mp4' }), {
    code: 'unsupported_codec',
  });
});

test('refuses an M4A by its brand', async () => {
  const m4a = replaceFourcc(await makeMp4(), 'isom', 'M4A ');

  await assert.rejects(inspect(m4a), {
    code: 'unsupported_media_type',
    message: /audio\/mp4 \(M4A\)/,
  });
});

test('refuses a QuickTime movie by its brand and suggests MP4', async () => {
  const mov = replaceFourcc(await makeMp4(), 'isom', 'qt  ');

  await assert.rejects(inspect(mov), {
    code: 'unsupported_media_type',
    message: /QuickTime.*MP4/,
  });
});

test('refuses a QuickTime movie written by ffmpeg’s mov muxer', async () => {
  const mov = await makeMp4({ container: 'mov', seconds: 0.5 });

  await assert.rejects(inspect(mov), { code: 'unsupported_media_type', message: /QuickTime.*MP4/ });
});

test('refuses a QuickTime movie without ftyp that starts with its mdat or a wide atom', async () => {
  const mp4 = await makeMp4();
  for (const movie of [
    pickBoxes(mp4, ['mdat', 'moov']),
    Buffer.concat([box('wide'), pickBoxes(mp4, ['mdat', 'moov'])]),
  ]) {
    await assert.rejects(inspect(movie), { code: 'unsupported_media_type', message: /QuickTime/ });
  }
});

test('refuses a HEIC image by its brand', async () => {
  const heic = replaceFourcc(await makeMp4(), 'isom', 'heic');

  await assert.rejects(inspect(heic), { code: 'unsupported_media_type', message: /HEIC\/HEIF/ });
});

test('rejects an encrypted video track as an unsupported codec', async () => {
  const mp4 = replaceFourcc(await makeMp4(), 'avc1', 'encv', (await makeMp4()).indexOf('stsd'));

  await assert.rejects(inspect(mp4), { code: 'unsupported_codec', message: /encrypted/ });
});
