/**
 * EBML variable-length integers and element headers (RFC 8794 §4–§6), the encoding of Matroska
 * and WebM. Every reader returns `undefined` for bytes that do not fit or do not form a header.
 */

export interface EbmlElementHeader {
  /** Element ID with its length marker kept, as the specs write them (e.g. `0x1a45dfa3`). */
  id: number;
  /** Bytes of ID plus size. */
  headerBytes: number;
  /** Data size in bytes; `undefined` for the reserved "unknown size" (live streams). */
  size: number | undefined;
}

/** Longest element ID (RFC 8794 §5: EBMLMaxIDLength default 4) and size (§6: up to 8 bytes). */
const MAX_ID_BYTES = 4;
const MAX_SIZE_BYTES = 8;

/** The element header at `offset`. */
export function parseEbmlHeader(bytes: Uint8Array, offset: number): EbmlElementHeader | undefined {
  const id = readVint(bytes, offset, MAX_ID_BYTES, true);
  if (!id) return undefined;
  const size = readVint(bytes, offset + id.length, MAX_SIZE_BYTES, false);
  if (!size) return undefined;
  return {
    id: id.value,
    headerBytes: id.length + size.length,
    size: size.unknown ? undefined : size.value,
  };
}

interface Vint {
  value: number;
  length: number;
  /** All value bits set: the reserved "unknown size" (RFC 8794 §6.2). */
  unknown: boolean;
}

function readVint(
  bytes: Uint8Array,
  offset: number,
  maxLength: number,
  keepMarker: boolean,
): Vint | undefined {
  const first = bytes[offset];
  if (first === undefined || first === 0) return undefined;

  const length = Math.clz32(first) - 23;
  if (length > maxLength || offset + length > bytes.byteLength) return undefined;

  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let index = 1; index < length; index++) {
    const byte = bytes[offset + index] as number;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  if (!keepMarker && allOnes) return { value: 0, length, unknown: true };
  if (!Number.isSafeInteger(value)) return undefined;
  return { value, length, unknown: false };
}

/** An unsigned integer element's data (1–8 bytes, big-endian). */
export function ebmlUnsigned(data: Uint8Array): number | undefined {
  if (data.byteLength === 0 || data.byteLength > 8) return undefined;
  const value = data.reduce((total, byte) => total * 256 + byte, 0);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** A float element's data (0, 4 or 8 bytes, big-endian IEEE 754). */
export function ebmlFloat(data: Uint8Array): number | undefined {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.byteLength === 4) return view.getFloat32(0, false);
  if (data.byteLength === 8) return view.getFloat64(0, false);
  return data.byteLength === 0 ? 0 : undefined;
}

/** A string element's data, with the trailing NUL padding RFC 8794 §7.4 allows removed. */
export function ebmlString(data: Uint8Array): string {
  let end = data.byteLength;
  while (end > 0 && data[end - 1] === 0) end--;
  return String.fromCharCode(...data.subarray(0, Math.min(end, 256)));
}

/**
 * The direct children of an element whose data is `bytes[start, end)`, as far as they fit.
 * Unknown-size children are not expected inside the small master elements this is used for.
 */
export function* ebmlChildren(
  bytes: Uint8Array,
  start: number,
  end: number,
): Generator<{ id: number; data: Uint8Array; offset: number }> {
  let offset = start;
  while (offset < end) {
    const header = parseEbmlHeader(bytes, offset);
    if (!header || header.size === undefined) return;
    const dataStart = offset + header.headerBytes;
    const dataEnd = dataStart + header.size;
    if (dataEnd > end) return;
    yield { id: header.id, data: bytes.subarray(dataStart, dataEnd), offset };
    offset = dataEnd;
  }
}

/**
 * The timestamp of a SimpleBlock or Block (Matroska §10.1): a track-number vint, then a signed
 * 16-bit offset from the cluster timestamp, in TimestampScale units.
 */
export function ebmlBlockTimestamp(data: Uint8Array): number | undefined {
  const track = readVint(data, 0, MAX_SIZE_BYTES, false);
  if (!track || data.byteLength < track.length + 2) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  return view.getInt16(track.length, false);
}
