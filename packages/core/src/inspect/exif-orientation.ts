import { uint16BE, uint16LE, uint32BE, uint32LE } from './byte-fields.js';

/** TIFF tag of the EXIF orientation (TIFF 6.0 §Orientation; EXIF 2.32 §4.6.4). */
const ORIENTATION_TAG = 0x0112;
const TIFF_TYPE_SHORT = 3;
const TIFF_TYPE_LONG = 4;
const IFD_ENTRY_BYTES = 12;

/** The `Exif\0\0` identifier that starts an EXIF APP1 payload. */
const EXIF_IDENTIFIER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00];

/**
 * The orientation (1–8) in an EXIF APP1 payload, in either byte order; `undefined` when the
 * payload is not EXIF, has no orientation or holds an out-of-range value. Reads only within the
 * payload, which a JPEG segment caps at 65,533 bytes.
 */
export function exifOrientation(payload: Uint8Array): number | undefined {
  if (!EXIF_IDENTIFIER.every((byte, index) => payload[index] === byte)) return undefined;

  const tiff = payload.subarray(EXIF_IDENTIFIER.length);
  const order = String.fromCharCode(tiff[0] ?? 0, tiff[1] ?? 0);
  if (order !== 'II' && order !== 'MM') return undefined;

  const littleEndian = order === 'II';
  const u16 = littleEndian ? uint16LE : uint16BE;
  const u32 = littleEndian ? uint32LE : uint32BE;
  if (u16(tiff, 2) !== 42) return undefined;

  const ifdOffset = u32(tiff, 4);
  const entryCount = ifdOffset === undefined ? undefined : u16(tiff, ifdOffset);
  if (ifdOffset === undefined || entryCount === undefined) return undefined;

  for (let index = 0; index < entryCount; index++) {
    const entry = ifdOffset + 2 + index * IFD_ENTRY_BYTES;
    const tag = u16(tiff, entry);
    if (tag === undefined) return undefined;
    if (tag !== ORIENTATION_TAG) continue;

    const type = u16(tiff, entry + 2);
    const value = type === TIFF_TYPE_LONG ? u32(tiff, entry + 8) : u16(tiff, entry + 8);
    const known = type === TIFF_TYPE_SHORT || type === TIFF_TYPE_LONG;
    return known && value !== undefined && value >= 1 && value <= 8 ? value : undefined;
  }
  return undefined;
}

/** Whether an orientation turns the image a quarter turn, so displayed width and height swap. */
export function orientationSwapsAxes(orientation: number): boolean {
  return orientation >= 5 && orientation <= 8;
}
