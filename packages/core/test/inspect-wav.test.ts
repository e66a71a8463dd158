import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeWav, WAV_HEADER_BYTES } from '@heygen-assets/testkit';
import { bufferSource, inspectMedia } from '../src/index.js';

const inspect = (bytes: Uint8Array) => inspectMedia(bufferSource(bytes));

/** The 16-byte PCM part of the canonical fmt chunk of a testkit WAV. */
const FMT_PAYLOAD = { start: 20, end: 36 } as const;

/** A chunk: id, little-endian size, payload and the pad byte of odd sizes. */
function chunk(id: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(payload.byteLength, 4);
  return Buffer.concat([header, payload, Buffer.alloc(payload.byteLength % 2)]);
}

/** A WAV from the RIFF header and chunks, with a correct RIFF size. */
function riff(chunks: Buffer[], form = 'RIFF'): Buffer {
  const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), ...chunks]);
  const header = Buffer.alloc(8);
  header.write(form, 0, 'latin1');
  header.writeUInt32LE(body.byteLength, 4);
  return Buffer.concat([header, body]);
}

/** The fmt and data payloads of a testkit WAV. */
function parts(wav: Buffer): { fmt: Buffer; data: Buffer } {
  return {
    fmt: Buffer.from(wav.subarray(FMT_PAYLOAD.start, FMT_PAYLOAD.end)),
    data: wav.subarray(WAV_HEADER_BYTES),
  };
}

/** A WAVE_FORMAT_EXTENSIBLE fmt payload around a PCM (1) or float (3) sub-format. */
function extensibleFmt(pcmFmt: Buffer, subFormat: number): Buffer {
  const fmt = Buffer.alloc(40);
  pcmFmt.copy(fmt);
  fmt.writeUInt16LE(0xfffe, 0);
  fmt.writeUInt16LE(22, 16);
  fmt.writeUInt16LE(pcmFmt.readUInt16LE(14), 18);
  fmt.writeUInt32LE(0x3, 20);
  fmt.writeUInt16LE(subFormat, 24);
  Buffer.from('000000001000800000aa00389b71', 'hex').copy(fmt, 26);
  return fmt;
}

test('reports the duration and codec of a 16-bit PCM WAV', async () => {
  const facts = await inspect(makeWav({ seconds: 1.5, sampleRate: 8000 }));

  assert.deepEqual(facts, {
    mimeType: 'audio/wav',
    fileType: 'audio',
    sizeBytes: WAV_HEADER_BYTES + 24000,
    durationSeconds: 1.5,
    codecs: ['pcm_s16le'],
  });
});

test('accepts 24-bit stereo PCM and 32-bit float WAVs', async () => {
  const pcm24 = await inspect(makeWav({ seconds: 0.5, channels: 2, bitsPerSample: 24 }));
  const float32 = await inspect(makeWav({ seconds: 0.25, bitsPerSample: 32, float: true }));

  assert.deepEqual([pcm24.durationSeconds, pcm24.codecs], [0.5, ['pcm_s24le']]);
  assert.deepEqual([float32.durationSeconds, float32.codecs], [0.25, ['pcm_f32le']]);
});

test('accepts WAVE_FORMAT_EXTENSIBLE with a PCM or float sub-format', async () => {
  const pcm = parts(makeWav({ seconds: 0.1, sampleRate: 44100, channels: 2, bitsPerSample: 24 }));
  const float = parts(makeWav({ seconds: 0.1, bitsPerSample: 32, float: true }));

  const pcmFacts = await inspect(
    riff([chunk('fmt ', extensibleFmt(pcm.fmt, 1)), chunk('data', pcm.data)]),
  );
  const floatFacts = await inspect(
    riff([chunk('fmt ', extensibleFmt(float.fmt, 3)), chunk('data', float.data)]),
  );

  assert.deepEqual([pcmFacts.durationSeconds, pcmFacts.codecs], [0.1, ['pcm_s24le']]);
  assert.deepEqual(floatFacts.codecs, ['pcm_f32le']);
});

test('rejects an EXTENSIBLE WAV whose sub-format GUID is not PCM or float', async () => {
  const { fmt, data } = parts(makeWav());
  const extensible = extensibleFmt(fmt, 1);
  extensible[30] = 0x99;

  await assert.rejects(inspect(riff([chunk('fmt ', extensible), chunk('data', data)])), {
    code: 'corrupt_media',
    message: /sub-format GUID/,
  });
});

test('rejects MP3 inside a WAV container as an unsupported codec', async () => {
  const wav = makeWav();
  wav.writeUInt16LE(0x0055, 20);

  await assert.rejects(inspect(wav), { code: 'unsupported_codec', message: /MP3/ });
});

test('rejects ADPCM inside a WAV container as an unsupported codec', async () => {
  const wav = makeWav();
  wav.writeUInt16LE(0x0002, 20);

  await assert.rejects(inspect(wav), { code: 'unsupported_codec', message: /ADPCM/ });
});

test('measures a WAV with 0xFFFFFFFF sizes (piped ffmpeg output) by its real length', async () => {
  const wav = makeWav({ seconds: 0.75, sampleRate: 8000 });
  wav.writeUInt32LE(0xffffffff, 4);
  wav.writeUInt32LE(0xffffffff, 40);

  assert.equal((await inspect(wav)).durationSeconds, 0.75);
});

test('rejects a WAV whose data chunk claims far more bytes than the file has', async () => {
  const wav = makeWav({ seconds: 0.1 });
  wav.writeUInt32LE(49_503_120, 40);

  await assert.rejects(inspect(wav), { code: 'incomplete_media', message: /49503120 bytes/ });
});

test('rejects a WAV cut short in the middle of its samples', async () => {
  const wav = makeWav({ seconds: 1 });

  await assert.rejects(inspect(wav.subarray(0, wav.byteLength / 2)), { code: 'incomplete_media' });
});

test('tolerates a data chunk that claims a few bytes more than the file holds', async () => {
  const wav = makeWav({ seconds: 1, sampleRate: 8000 });

  const facts = await inspect(wav.subarray(0, wav.byteLength - 2));

  assert.ok(Math.abs((facts.durationSeconds ?? 0) - 1) < 0.001);
});

test('skips JUNK and LIST chunks before fmt and data', async () => {
  const { fmt, data } = parts(makeWav({ seconds: 0.5 }));
  const wav = riff([
    chunk('JUNK', Buffer.alloc(28)),
    chunk('LIST', Buffer.from('INFOISFT\x05\x00\x00\x00test\x00', 'latin1')),
    chunk('fmt ', fmt),
    chunk('data', data),
  ]);

  assert.equal((await inspect(wav)).durationSeconds, 0.5);
});

test('rejects a chunk before the data that runs past the end of the file', async () => {
  const wav = riff([chunk('JUNK', Buffer.alloc(10))]);
  wav.writeUInt32LE(50_000_000, 16);

  await assert.rejects(inspect(wav), { code: 'incomplete_media', message: /"JUNK" chunk/ });
});

test('rejects a data chunk that comes before fmt', async () => {
  const { fmt, data } = parts(makeWav());

  await assert.rejects(inspect(riff([chunk('data', data), chunk('fmt ', fmt)])), {
    code: 'corrupt_media',
    message: /before the fmt chunk/,
  });
});

test('rejects a fmt chunk whose block size does not match its channels and bits', async () => {
  const wav = makeWav();
  wav.writeUInt16LE(3, 32);

  await assert.rejects(inspect(wav), { code: 'corrupt_media', message: /block size/ });
});

test('rejects a WAV with no samples', async () => {
  await assert.rejects(inspect(makeWav({ seconds: 0 })), {
    code: 'corrupt_media',
    message: /no audio samples/,
  });
});

test('accepts an RF64 file whose data size is in its ds64 chunk', async () => {
  const { fmt, data } = parts(makeWav({ seconds: 0.5 }));
  const ds64 = Buffer.alloc(28);
  ds64.writeBigUInt64LE(BigInt(data.byteLength + 72), 0);
  ds64.writeBigUInt64LE(BigInt(data.byteLength), 8);
  const dataChunk = chunk('data', data);
  dataChunk.writeUInt32LE(0xffffffff, 4);
  const wav = riff([chunk('ds64', ds64), chunk('fmt ', fmt), dataChunk], 'RF64');
  wav.writeUInt32LE(0xffffffff, 4);

  assert.equal((await inspect(wav)).durationSeconds, 0.5);
});
