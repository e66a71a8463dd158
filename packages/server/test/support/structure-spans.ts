/**
 * Where the chunks, boxes and segments of a file are, read leniently from its bytes, so a fuzzer
 * can duplicate, delete or resize whole structural units instead of only random bytes.
 */
export interface StructureSpan {
  start: number;
  end: number;
  /** The unit's own length field, which a fuzzer may overwrite with extreme values. */
  sizeField: { offset: number; bytes: 2 | 4; littleEndian: boolean };
}

/** Most spans listed per file: enough for every unit of a small fixture. */
const MAX_SPANS = 512;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The structural units of a PNG, JPEG (header segments), WAV or MP4; empty for other formats. */
export function structureSpans(bytes: Buffer): StructureSpan[] {
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return pngChunks(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSegments(bytes);
  if (bytes.toString('latin1', 0, 4) === 'RIFF') return riffChunks(bytes);
  if (bytes.toString('latin1', 4, 8) === 'ftyp') return isoBmffBoxes(bytes);
  return [];
}

function pngChunks(png: Buffer): StructureSpan[] {
  const spans: StructureSpan[] = [];
  for (let offset = 8; offset + 12 <= png.byteLength && spans.length < MAX_SPANS; ) {
    const end = offset + 12 + png.readUInt32BE(offset);
    if (end > png.byteLength) break;
    spans.push({ start: offset, end, sizeField: { offset, bytes: 4, littleEndian: false } });
    offset = end;
  }
  return spans;
}

function jpegSegments(jpeg: Buffer): StructureSpan[] {
  const spans: StructureSpan[] = [];
  for (let offset = 2; offset + 4 <= jpeg.byteLength && spans.length < MAX_SPANS; ) {
    if (jpeg[offset] !== 0xff || jpeg[offset + 1] === 0xda) break;
    const end = offset + 2 + jpeg.readUInt16BE(offset + 2);
    if (end > jpeg.byteLength) break;
    spans.push({
      start: offset,
      end,
      sizeField: { offset: offset + 2, bytes: 2, littleEndian: false },
    });
    offset = end;
  }
  return spans;
}

function riffChunks(wav: Buffer): StructureSpan[] {
  const spans: StructureSpan[] = [];
  for (let offset = 12; offset + 8 <= wav.byteLength && spans.length < MAX_SPANS; ) {
    const size = wav.readUInt32LE(offset + 4);
    const end = Math.min(wav.byteLength, offset + 8 + size + (size % 2));
    spans.push({
      start: offset,
      end,
      sizeField: { offset: offset + 4, bytes: 4, littleEndian: true },
    });
    offset = end;
  }
  return spans;
}

/** Top-level boxes and the boxes directly inside `moov` (`trak`, `mvhd`, …). */
function isoBmffBoxes(mp4: Buffer, from = 0, to = mp4.byteLength, depth = 0): StructureSpan[] {
  const spans: StructureSpan[] = [];
  for (let offset = from; offset + 8 <= to && spans.length < MAX_SPANS; ) {
    const size = mp4.readUInt32BE(offset);
    if (size < 8 || offset + size > to) break;
    spans.push({
      start: offset,
      end: offset + size,
      sizeField: { offset, bytes: 4, littleEndian: false },
    });
    if (depth === 0 && mp4.toString('latin1', offset + 4, offset + 8) === 'moov') {
      spans.push(...isoBmffBoxes(mp4, offset + 8, offset + size, 1));
    }
    offset += size;
  }
  return spans;
}
