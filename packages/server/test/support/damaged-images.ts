/**
 * Images whose structure is intact but whose compressed pixel data is damaged: the kind of file
 * core's structural check lets through and only a decoder refuses (SPEC §3, "decodes fully").
 */

/** Offset of the first byte of entropy-coded data: just after the first SOS segment. */
export function jpegScanStart(jpeg: Buffer): number {
  for (let offset = 2; offset + 4 <= jpeg.byteLength; ) {
    const marker = jpeg[offset + 1];
    const length = jpeg.readUInt16BE(offset + 2);
    if (marker === 0xda) return offset + 2 + length;
    offset += 2 + length;
  }
  throw new Error('no SOS segment');
}

/**
 * A copy of `jpeg` whose scan data, from `skipBytes` in up to its EOI, is overwritten with
 * stuffed `FF 00` pairs: to the structure that is still entropy-coded data, but to the decoder it
 * is an unbroken run of 1 bits, which no JPEG Huffman table may use as a code (T.81 Annex C).
 */
export function jpegWithGarbledScan(jpeg: Buffer, skipBytes = 16): Buffer {
  const copy = Buffer.from(jpeg);
  const end = copy.lastIndexOf(Buffer.from([0xff, 0xd9]));
  const start = jpegScanStart(copy) + skipBytes;
  for (let offset = start; offset + 1 < end; offset += 2) {
    copy[offset] = 0xff;
    copy[offset + 1] = 0x00;
  }
  return copy;
}

/** A copy of `jpeg` with `count` stray bytes before its second marker segment. */
export function jpegWithStrayBytes(jpeg: Buffer, count: number): Buffer {
  const second = 2 + 2 + jpeg.readUInt16BE(4);
  return Buffer.concat([
    jpeg.subarray(0, second),
    Buffer.alloc(count, 0x20),
    jpeg.subarray(second),
  ]);
}

/** A copy of `jpeg` without any header segment with `marker` (stray bytes are kept). */
export function removeJpegSegments(jpeg: Buffer, marker: number): Buffer {
  const kept: Buffer[] = [jpeg.subarray(0, 2)];
  let offset = 2;
  while (offset + 4 <= jpeg.byteLength) {
    const next = jpeg.indexOf(0xff, offset);
    if (next < 0 || jpeg[next + 1] === 0xda) break;
    kept.push(jpeg.subarray(offset, next));
    const end = next + 2 + jpeg.readUInt16BE(next + 2);
    if (jpeg[next + 1] !== marker) kept.push(jpeg.subarray(next, end));
    offset = end;
  }
  kept.push(jpeg.subarray(offset));
  return Buffer.concat(kept);
}

/**
 * A copy of `png` whose first IDAT has eight bytes inverted in the middle of its zlib stream,
 * with the chunk's CRC recomputed so the damage is invisible to a chunk walk.
 */
export function pngWithDamagedIdat(png: Buffer): Buffer {
  const copy = Buffer.from(png);
  const chunk = copy.indexOf('IDAT', 8, 'latin1') - 4;
  const length = copy.readUInt32BE(chunk);
  const data = copy.subarray(chunk + 8, chunk + 8 + length);
  const middle = Math.floor(length / 2);
  for (let offset = middle; offset < Math.min(length - 4, middle + 8); offset++) {
    data[offset] = (data[offset] as number) ^ 0xff;
  }
  copy.writeUInt32BE(crc32(copy.subarray(chunk + 4, chunk + 8 + length)), chunk + 8 + length);
  return copy;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, index) => {
  let value = index;
  for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value >>> 0;
});

/** CRC-32 as PNG chunks use it (ISO 3309, PNG spec Annex D). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
