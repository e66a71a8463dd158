/** Helpers that edit JPEG marker segments in tests (ITU-T T.81 Annex B). */

/** Offset of the first `FF <marker>` in the header part of a JPEG (before its scan). */
export function markerOffset(jpeg: Buffer, marker: number): number {
  for (let offset = 2; offset + 4 <= jpeg.byteLength; ) {
    if (jpeg[offset] !== 0xff) return -1;
    const code = jpeg[offset + 1] as number;
    if (code === marker) return offset;
    if (code === 0xda) return -1;
    offset += 2 + jpeg.readUInt16BE(offset + 2);
  }
  return -1;
}

/** A copy of `jpeg` with `segment` (marker, length and payload) inserted right after SOI. */
export function insertAfterSoi(jpeg: Buffer, segment: Buffer): Buffer {
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

/** A copy of `jpeg` without the first segment with `marker`. */
export function removeSegment(jpeg: Buffer, marker: number): Buffer {
  const offset = markerOffset(jpeg, marker);
  const length = 2 + jpeg.readUInt16BE(offset + 2);
  return Buffer.concat([jpeg.subarray(0, offset), jpeg.subarray(offset + length)]);
}

/** A copy of `jpeg` whose frame header says `width`×`height`. */
export function withFrameSize(jpeg: Buffer, width: number, height: number): Buffer {
  const copy = Buffer.from(jpeg);
  const sof = [0xc0, 0xc1, 0xc2, 0xc3]
    .map((marker) => markerOffset(copy, marker))
    .find((offset) => offset >= 0);
  if (sof === undefined) throw new Error('no frame header');
  copy.writeUInt16BE(height, sof + 5);
  copy.writeUInt16BE(width, sof + 7);
  return copy;
}

/**
 * An APP1 EXIF segment holding only an orientation tag, in little-endian (`II`) or big-endian
 * (`MM`) TIFF byte order.
 */
export function exifSegment(orientation: number, byteOrder: 'II' | 'MM'): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4);
  const little = byteOrder === 'II';
  const u16 = (value: number, offset: number) =>
    little ? tiff.writeUInt16LE(value, offset) : tiff.writeUInt16BE(value, offset);
  const u32 = (value: number, offset: number) =>
    little ? tiff.writeUInt32LE(value, offset) : tiff.writeUInt32BE(value, offset);
  tiff.write(byteOrder, 0, 'latin1');
  u16(42, 2);
  u32(8, 4);
  u16(1, 8);
  u16(0x0112, 10);
  u16(3, 12);
  u32(1, 14);
  u16(orientation, 18);
  u32(0, 22);

  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const header = Buffer.from([0xff, 0xe1, 0, 0]);
  header.writeUInt16BE(payload.byteLength + 2, 2);
  return Buffer.concat([header, payload]);
}

/**
 * A copy of `jpeg` whose EXIF orientation (TIFF tag 0x0112, SHORT) is `orientation`: the one
 * value byte of the tag's IFD0 entry is patched in place, as a phone rotating a photo does.
 */
export function withPatchedOrientation(jpeg: Buffer, orientation: number): Buffer {
  const copy = Buffer.from(jpeg);
  const app1 = markerOffset(copy, 0xe1);
  const tiff = app1 + 4 + 6;
  if (app1 < 0 || copy.toString('latin1', app1 + 4, app1 + 8) !== 'Exif') {
    throw new Error('no EXIF segment');
  }
  const little = copy.toString('latin1', tiff, tiff + 2) === 'II';
  const u16 = (offset: number) => (little ? copy.readUInt16LE(offset) : copy.readUInt16BE(offset));
  const u32 = (offset: number) => (little ? copy.readUInt32LE(offset) : copy.readUInt32BE(offset));

  const ifd = tiff + u32(tiff + 4);
  for (let entry = 0; entry < u16(ifd); entry++) {
    const at = ifd + 2 + entry * 12;
    if (u16(at) !== 0x0112) continue;
    // A SHORT value sits left-justified in the 4-byte value field.
    copy[little ? at + 8 : at + 9] = orientation;
    return copy;
  }
  throw new Error('no orientation tag');
}
