/**
 * Fixed-width fields read out of a byte array. Every reader returns `undefined` instead of
 * throwing when the field does not fit, so a parser of untrusted bytes states what it does with
 * a short buffer rather than crashing on it.
 */

export function uint8(bytes: Uint8Array, offset: number): number | undefined {
  return bytes[offset];
}

export function uint16BE(bytes: Uint8Array, offset: number): number | undefined {
  if (!fits(bytes, offset, 2)) return undefined;
  return view(bytes).getUint16(offset, false);
}

export function uint16LE(bytes: Uint8Array, offset: number): number | undefined {
  if (!fits(bytes, offset, 2)) return undefined;
  return view(bytes).getUint16(offset, true);
}

export function uint24BE(bytes: Uint8Array, offset: number): number | undefined {
  const high = uint8(bytes, offset);
  const low = uint16BE(bytes, offset + 1);
  if (high === undefined || low === undefined) return undefined;
  return high * 0x10000 + low;
}

export function uint32BE(bytes: Uint8Array, offset: number): number | undefined {
  if (!fits(bytes, offset, 4)) return undefined;
  return view(bytes).getUint32(offset, false);
}

export function uint32LE(bytes: Uint8Array, offset: number): number | undefined {
  if (!fits(bytes, offset, 4)) return undefined;
  return view(bytes).getUint32(offset, true);
}

/** A 64-bit unsigned field as a number; values above 2^53 come back as `Infinity`. */
export function uint64BE(bytes: Uint8Array, offset: number): number | undefined {
  if (!fits(bytes, offset, 8)) return undefined;
  return safeNumber(view(bytes).getBigUint64(offset, false));
}

/** A 64-bit unsigned little-endian field; values above 2^53 come back as `Infinity`. */
export function uint64LE(bytes: Uint8Array, offset: number): number | undefined {
  if (!fits(bytes, offset, 8)) return undefined;
  return safeNumber(view(bytes).getBigUint64(offset, true));
}

export function float32BE(bytes: Uint8Array, offset: number): number | undefined {
  if (!fits(bytes, offset, 4)) return undefined;
  return view(bytes).getFloat32(offset, false);
}

export function float64BE(bytes: Uint8Array, offset: number): number | undefined {
  if (!fits(bytes, offset, 8)) return undefined;
  return view(bytes).getFloat64(offset, false);
}

/** `length` bytes as a Latin-1 string (four-character codes, chunk ids, magic strings). */
export function latin1(bytes: Uint8Array, offset: number, length: number): string | undefined {
  if (!fits(bytes, offset, length)) return undefined;
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

/** Whether `bytes` holds `expected` starting at `offset`. */
export function startsWithBytes(
  bytes: Uint8Array,
  expected: readonly number[],
  offset = 0,
): boolean {
  if (!fits(bytes, offset, expected.length)) return false;
  return expected.every((value, index) => bytes[offset + index] === value);
}

/** Whether `bytes` holds the Latin-1 text `expected` starting at `offset`. */
export function startsWithText(bytes: Uint8Array, expected: string, offset = 0): boolean {
  return latin1(bytes, offset, expected.length) === expected;
}

function fits(bytes: Uint8Array, offset: number, length: number): boolean {
  return Number.isInteger(offset) && offset >= 0 && offset + length <= bytes.byteLength;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function safeNumber(value: bigint): number {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : Number.POSITIVE_INFINITY;
}
