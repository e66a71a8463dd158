import { crc32 } from '../../src/inspect/crc32.js';

/** A PNG chunk in file order: length, type, data, CRC (PNG spec §5.3). */
export interface PngChunk {
  type: string;
  data: Buffer;
}

const SIGNATURE_BYTES = 8;

/** The chunks of a PNG, in order (the file must be well formed). */
export function pngChunks(png: Buffer): PngChunk[] {
  const chunks: PngChunk[] = [];
  for (let offset = SIGNATURE_BYTES; offset + 12 <= png.byteLength; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    chunks.push({ type, data: Buffer.from(png.subarray(offset + 8, offset + 8 + length)) });
    offset += 12 + length;
  }
  return chunks;
}

/** One encoded chunk with a correct CRC. */
export function encodePngChunk({ type, data }: PngChunk): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(data.byteLength, 0);
  header.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([header.subarray(4), data])));
  return Buffer.concat([header, data, crc]);
}

/** A PNG file from a signature and chunks, every CRC correct. */
export function buildPng(chunks: readonly PngChunk[], signature?: Buffer): Buffer {
  const start = signature ?? Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([start, ...chunks.map(encodePngChunk)]);
}

/** Offset of the first chunk of `type` (its length field) in an encoded PNG. */
export function pngChunkOffset(png: Buffer, type: string): number {
  return png.indexOf(type, SIGNATURE_BYTES, 'latin1') - 4;
}
