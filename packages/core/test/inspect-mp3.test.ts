import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeMp3 } from '@heygen-assets/testkit';
import { bufferSource, inspectMedia, KiB } from '../src/index.js';
import { parseMpegAudioFrame } from '../src/inspect/mpeg-audio-frame.js';

const inspect = (bytes: Uint8Array) => inspectMedia(bufferSource(bytes));

/** An ID3v2.3 tag whose body is `bodyBytes` of padding; the size is syncsafe (7 bits a byte). */
function id3Tag(bodyBytes: number): Buffer {
  const header = Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0]);
  for (let index = 0; index < 4; index++) {
    header[9 - index] = (bodyBytes >> (7 * index)) & 0x7f;
  }
  return Buffer.concat([header, Buffer.alloc(bodyBytes)]);
}

/** ADTS AAC-LC frames, 44.1 kHz stereo, each `frameBytes` long with a silent payload. */
function adtsFrames(count: number, frameBytes = 200): Buffer {
  const frame = Buffer.alloc(frameBytes);
  frame.set([
    0xff,
    0xf1,
    0x50,
    0x80 | ((frameBytes >> 11) & 0x03),
    (frameBytes >> 3) & 0xff,
    ((frameBytes & 0x07) << 5) | 0x1f,
    0xfc,
  ]);
  return Buffer.concat(Array.from({ length: count }, () => frame));
}

/** MPEG-1 Layer II frames at 128 kbit/s, 44.1 kHz (417 bytes each). */
function layerTwoFrames(count: number): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfd, 0x80, 0x00]);
  return Buffer.concat(Array.from({ length: count }, () => frame));
}

/** Length of the ID3v2 tag a file starts with: header plus syncsafe size (ID3v2.3 §3.1). */
function id3Length(mp3: Buffer): number {
  assert.equal(mp3.toString('latin1', 0, 3), 'ID3');
  const size = [6, 7, 8, 9].reduce((total, index) => total * 128 + ((mp3[index] ?? 0) & 0x7f), 0);
  return 10 + size;
}

function withoutFirstFrame(mp3: Buffer): Buffer {
  const frame = parseMpegAudioFrame(mp3, 0);
  assert.ok(frame);
  return mp3.subarray(frame.length);
}

test('reports the duration of an MP3 from its Xing/Info frame count', async () => {
  const facts = await inspect(await makeMp3({ seconds: 1 }));

  assert.equal(facts.mimeType, 'audio/mpeg');
  assert.equal(facts.fileType, 'audio');
  assert.deepEqual(facts.codecs, ['mp3']);
  assert.ok(Math.abs((facts.durationSeconds ?? 0) - 1) < 0.1, `${facts.durationSeconds} s`);
});

test('accepts an MP3 behind an ID3v2 tag', async () => {
  const facts = await inspect(await makeMp3({ id3: true, seconds: 2 }));

  assert.ok(Math.abs((facts.durationSeconds ?? 0) - 2) < 0.1, `${facts.durationSeconds} s`);
});

test('takes a CBR duration from the bitrate when there is no Xing frame', async () => {
  const cbr = withoutFirstFrame(await makeMp3({ seconds: 2 }));

  const facts = await inspect(cbr);

  assert.ok(Math.abs((facts.durationSeconds ?? 0) - 2) < 0.1, `${facts.durationSeconds} s`);
});

test('accepts an MP3 whose ID3 tag was stripped, with the same duration', async () => {
  const tagged = await makeMp3({ id3: true, seconds: 1 });
  const stripped = tagged.subarray(id3Length(tagged));
  assert.equal(stripped[0], 0xff);

  const [before, after] = [await inspect(tagged), await inspect(stripped)];

  assert.equal(after.mimeType, 'audio/mpeg');
  assert.equal(after.durationSeconds, before.durationSeconds);
});

test('accepts MPEG-2 (22.05 kHz) and MPEG-2.5 (11.025 kHz) Layer III, with their durations', async () => {
  for (const [sampleRate, bitrateKbps] of [
    [22050, 64],
    [11025, 32],
  ] as const) {
    const facts = await inspect(await makeMp3({ seconds: 2, sampleRate, bitrateKbps }));

    assert.deepEqual([facts.mimeType, facts.codecs], ['audio/mpeg', ['mp3']]);
    assert.ok(Math.abs((facts.durationSeconds ?? 0) - 2) < 0.15, `${facts.durationSeconds} s`);
  }
});

test('tolerates a few junk bytes before the first frame of an MP3 without a tag', async () => {
  const mp3 = Buffer.concat([Buffer.from([0x00, 0x20, 0x0d, 0x0a]), await makeMp3()]);

  assert.equal((await inspect(mp3)).mimeType, 'audio/mpeg');
});

test('tolerates a junk byte between the ID3 tag and the first frame', async () => {
  const mp3 = Buffer.concat([id3Tag(100), Buffer.from([0x20]), await makeMp3()]);

  assert.equal((await inspect(mp3)).mimeType, 'audio/mpeg');
});

test('accepts an MP3 whose ID3 tag is longer than the sniff window (cover art)', async () => {
  const mp3 = Buffer.concat([id3Tag(100 * KiB), await makeMp3()]);

  assert.equal((await inspect(mp3)).mimeType, 'audio/mpeg');
});

test('looks behind an ID3 tag that ends just before the end of the sniff window', async () => {
  const tag = id3Tag(64 * KiB - 200);

  assert.equal((await inspect(Buffer.concat([tag, await makeMp3()]))).mimeType, 'audio/mpeg');
  await assert.rejects(inspect(Buffer.concat([tag, adtsFrames(20)])), {
    code: 'unsupported_media_type',
    message: /audio\/aac/,
  });
});

test('refuses ADTS AAC behind an ID3 tag as audio/aac', async () => {
  const aac = Buffer.concat([id3Tag(64), adtsFrames(20)]);

  await assert.rejects(inspect(aac), { code: 'unsupported_media_type', message: /audio\/aac/ });
});

test('refuses ADTS AAC behind an ID3 tag longer than the sniff window', async () => {
  const aac = Buffer.concat([id3Tag(100 * KiB), adtsFrames(20)]);

  await assert.rejects(inspect(aac), { code: 'unsupported_media_type', message: /audio\/aac/ });
});

test('refuses ADTS AAC declared as audio/mpeg, naming what it is', async () => {
  const aac = Buffer.concat([id3Tag(100 * KiB), adtsFrames(20)]);

  await assert.rejects(inspectMedia(bufferSource(aac), { declaredType: 'audio/mpeg' }), {
    code: 'unsupported_media_type',
    message: /audio\/aac/,
  });
});

test('refuses MPEG audio Layer II, which is not MP3', async () => {
  await assert.rejects(inspect(layerTwoFrames(10)), {
    code: 'unsupported_media_type',
    message: /Layer II/,
  });
});

test('does not take a lone frame header for an MP3', async () => {
  const bytes = Buffer.alloc(5000, 0x41);
  bytes.set([0xff, 0xfb, 0x90, 0x64]);

  await assert.rejects(inspect(bytes), { code: 'unsupported_media_type' });
});

test('rejects an ID3 tag followed by no audio frames', async () => {
  const bytes = Buffer.concat([id3Tag(100), Buffer.alloc(2000, 0x41)]);

  await assert.rejects(inspect(bytes), {
    code: 'unsupported_media_type',
    message: /ID3 tag without MPEG audio/,
  });
});

test('rejects an ID3 tag that declares more bytes than the file has as incomplete', async () => {
  const mp3 = Buffer.concat([id3Tag(100 * KiB), await makeMp3()]);

  await assert.rejects(inspect(mp3.subarray(0, 90 * KiB)), {
    code: 'incomplete_media',
    message: /ID3 tag/,
  });
});
