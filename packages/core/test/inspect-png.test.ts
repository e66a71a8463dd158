import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeApng, makePng } from '@heygen-assets/testkit';
import { bufferSource, inspectMedia, MiB } from '../src/index.js';
import { crc32 } from '../src/inspect/crc32.js';
import {
  buildPng,
  encodePngChunk,
  type PngChunk,
  pngChunkOffset,
  pngChunks,
} from './support/png-chunks.js';
import { recordingSource, virtualSource } from './support/recording-source.js';

const inspect = (bytes: Uint8Array) => inspectMedia(bufferSource(bytes));

/** The chunks of a small RGB PNG made by sharp. */
async function rgbChunks(width = 32, height = 16): Promise<PngChunk[]> {
  return pngChunks(await makePng({ width, height }));
}

function ihdr(width: number, height: number, bitDepth = 8, colourType = 2): PngChunk {
  const data = Buffer.alloc(13);
  data.writeUInt32BE(width, 0);
  data.writeUInt32BE(height, 4);
  data[8] = bitDepth;
  data[9] = colourType;
  return { type: 'IHDR', data };
}

function flipByte(bytes: Buffer, offset: number): void {
  bytes.writeUInt8((bytes.readUInt8(offset) ^ 0xff) & 0xff, offset);
}

function withChunkBefore(chunks: PngChunk[], before: string, chunk: PngChunk): PngChunk[] {
  const index = chunks.findIndex((candidate) => candidate.type === before);
  return [...chunks.slice(0, index), chunk, ...chunks.slice(index)];
}

test('reports the size of an RGB PNG and that it has no alpha', async () => {
  const facts = await inspect(await makePng({ width: 32, height: 16 }));

  assert.deepEqual(facts, {
    mimeType: 'image/png',
    fileType: 'image',
    sizeBytes: facts.sizeBytes,
    width: 32,
    height: 16,
    hasAlpha: false,
  });
});

test('reports alpha for an RGBA PNG (colour type 6)', async () => {
  const facts = await inspect(await makePng({ alpha: true }));

  assert.equal(facts.hasAlpha, true);
});

test('reports alpha for a PNG with a tRNS chunk', async () => {
  const trns: PngChunk = { type: 'tRNS', data: Buffer.from([0, 0, 0, 0, 0, 0]) };
  const png = buildPng(withChunkBefore(await rgbChunks(), 'IDAT', trns));

  assert.equal((await inspect(png)).hasAlpha, true);
});

test('reports the size of a 16-bit PNG', async () => {
  const png = await makePng({ width: 90, height: 60, bitDepth: 16 });
  assert.equal(png[24], 16);

  assert.deepEqual(await inspect(png), {
    mimeType: 'image/png',
    fileType: 'image',
    sizeBytes: png.byteLength,
    width: 90,
    height: 60,
    hasAlpha: false,
  });
});

test('reports size and alpha of an Adam7-interlaced RGBA PNG', async () => {
  const png = await makePng({ width: 32, height: 32, alpha: true, interlaced: true });
  assert.equal(png[28], 1);

  const facts = await inspect(png);

  assert.deepEqual([facts.width, facts.height, facts.hasAlpha], [32, 32, true]);
});

test('rejects a PNG whose IHDR CRC is wrong', async () => {
  const png = Buffer.from(await makePng());
  flipByte(png, pngChunkOffset(png, 'IHDR') + 8 + 13);

  await assert.rejects(inspect(png), { code: 'corrupt_media', message: /IHDR/ });
});

test('rejects a PNG whose image data CRC is wrong', async () => {
  const png = Buffer.from(await makePng());
  flipByte(png, pngChunkOffset(png, 'IDAT') + 8);

  await assert.rejects(inspect(png), { code: 'corrupt_media', message: /CRC of its IDAT/ });
});

test('rejects a PNG whose signature was damaged by a line-ending conversion', async () => {
  const png = await makePng();
  const damaged = Buffer.concat([
    png.subarray(0, 4),
    Buffer.from([0x0d, 0x0d, 0x0a]),
    png.subarray(6),
  ]);

  await assert.rejects(inspect(damaged), { code: 'corrupt_media', message: /text-mode/ });
});

test('rejects a PNG that went through a UTF-8 text decode', async () => {
  const png = await makePng();
  const mangled = Buffer.from(png.toString('utf8'));

  await assert.rejects(inspect(mangled), (error: { code?: string }) =>
    ['corrupt_media', 'unsupported_media_type'].includes(error.code ?? ''),
  );
});

test('rejects an animated PNG (acTL before the first IDAT)', async () => {
  const actl: PngChunk = { type: 'acTL', data: Buffer.from([0, 0, 0, 2, 0, 0, 0, 0]) };
  const png = buildPng(withChunkBefore(await rgbChunks(), 'IDAT', actl));

  await assert.rejects(inspect(png), { code: 'animated_image_not_supported', message: /APNG/ });
});

test('refuses an animated PNG as ffmpeg writes it', async () => {
  await assert.rejects(inspect(await makeApng({ frames: 3 })), {
    code: 'animated_image_not_supported',
  });
});

test('accepts an acTL chunk after the image data, which leaves the PNG a still image', async () => {
  const actl: PngChunk = { type: 'acTL', data: Buffer.from([0, 0, 0, 2, 0, 0, 0, 0]) };
  const png = buildPng(withChunkBefore(await rgbChunks(), 'IEND', actl));

  assert.equal((await inspect(png)).width, 32);
});

test('refuses an Apple CgBI PNG by name', async () => {
  const cgbi: PngChunk = { type: 'CgBI', data: Buffer.from([0x50, 0x00, 0x20, 0x02]) };
  const png = buildPng([cgbi, ...(await rgbChunks())]);

  await assert.rejects(inspect(png), { code: 'unsupported_media_type', message: /CgBI/ });
});

test('rejects a PNG without image data', async () => {
  const png = buildPng((await rgbChunks()).filter((chunk) => chunk.type !== 'IDAT'));

  await assert.rejects(inspect(png), { code: 'corrupt_media', message: /no IDAT/ });
});

test('rejects a PNG whose first chunk is not IHDR', async () => {
  const chunks = await rgbChunks();
  const png = buildPng([{ type: 'tEXt', data: Buffer.from('a\0b') }, ...chunks]);

  await assert.rejects(inspect(png), { code: 'corrupt_media', message: /first chunk is not IHDR/ });
});

test('rejects a PNG cut short inside a chunk', async () => {
  const png = await makePng();

  await assert.rejects(inspect(png.subarray(0, pngChunkOffset(png, 'IDAT') + 20)), {
    code: 'corrupt_media',
    message: /cut short/,
  });
});

test('rejects a PNG cut short anywhere after its signature', async () => {
  const png = await makePng({ width: 16, height: 16, alpha: true });

  for (let length = 9; length < png.byteLength; length += 7) {
    await assert.rejects(inspect(png.subarray(0, length)), { code: 'corrupt_media' }, `${length}`);
  }
});

test('rejects a PNG that ends without IEND', async () => {
  const png = buildPng((await rgbChunks()).filter((chunk) => chunk.type !== 'IEND'));

  await assert.rejects(inspect(png), { code: 'corrupt_media', message: /IEND/ });
});

test('rejects a palette PNG without a palette', async () => {
  const chunks = (await rgbChunks()).filter((chunk) => chunk.type !== 'IHDR');
  const png = buildPng([ihdr(32, 16, 8, 3), ...chunks]);

  await assert.rejects(inspect(png), { code: 'corrupt_media', message: /PLTE/ });
});

test('rejects an IHDR with an impossible bit depth for its colour type', async () => {
  const chunks = (await rgbChunks()).filter((chunk) => chunk.type !== 'IHDR');
  const png = buildPng([ihdr(32, 16, 4, 2), ...chunks]);

  await assert.rejects(inspect(png), { code: 'corrupt_media', message: /bit depth 4/ });
});

test('rejects an unknown critical chunk, which no decoder could skip', async () => {
  const png = buildPng(
    withChunkBefore(await rgbChunks(), 'IDAT', { type: 'ABCD', data: Buffer.alloc(1) }),
  );

  await assert.rejects(inspect(png), { code: 'corrupt_media', message: /critical chunk ABCD/ });
});

test('refuses a 65536×65536 PNG from its header, without reading its image data', async () => {
  const chunks = (await rgbChunks()).filter((chunk) => chunk.type !== 'IHDR');
  const png = buildPng([ihdr(65536, 65536, 1, 0), ...chunks]);

  await assert.rejects(inspect(png), { code: 'image_too_large', message: /65536×65536/ });
});

test('checks the CRC of a 40 MiB IDAT chunk streaming it through a bounded window', async () => {
  const dataBytes = 40 * MiB;
  const idatHeader = Buffer.alloc(8);
  idatHeader.writeUInt32BE(dataBytes);
  idatHeader.write('IDAT', 4, 'latin1');
  const zeros = Buffer.alloc(dataBytes);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from('IDAT'), zeros])));
  const prefix = Buffer.concat([buildPng([ihdr(4000, 4000)]), idatHeader]);
  const suffix = Buffer.concat([crc, encodePngChunk({ type: 'IEND', data: Buffer.alloc(0) })]);
  const source = recordingSource(
    virtualSource(prefix.byteLength + dataBytes + suffix.byteLength, prefix, suffix),
  );

  const facts = await inspectMedia(source);

  assert.deepEqual([facts.width, facts.height], [4000, 4000]);
  assert.ok(source.largestRead() <= 1 * MiB, `largest read ${source.largestRead()}`);
});
