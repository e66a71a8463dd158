import { startsWithText } from './byte-fields.js';

/** Bytes of an ID3v2 header, and of its optional footer (ID3v2.4 §3.1, §3.4). */
const ID3V2_HEADER_BYTES = 10;
const ID3V2_FOOTER_FLAG = 0x10;

/**
 * The length in bytes of the ID3v2 tag at `offset` (header, body and footer), or `undefined`
 * when there is no valid tag there. The size is "syncsafe": four 7-bit bytes (ID3v2.4 §6.2).
 */
export function id3v2TagLength(bytes: Uint8Array, offset = 0): number | undefined {
  if (!startsWithText(bytes, 'ID3', offset)) return undefined;

  const major = bytes[offset + 3];
  const revision = bytes[offset + 4];
  const flags = bytes[offset + 5];
  const sizeBytes = bytes.subarray(offset + 6, offset + 10);
  if (major === undefined || major < 2 || major > 4 || revision === 0xff || flags === undefined) {
    return undefined;
  }
  if (sizeBytes.byteLength < 4 || sizeBytes.some((byte) => byte >= 0x80)) return undefined;

  const size = sizeBytes.reduce((total, byte) => total * 128 + byte, 0);
  const footer = major === 4 && flags & ID3V2_FOOTER_FLAG ? ID3V2_HEADER_BYTES : 0;
  return ID3V2_HEADER_BYTES + size + footer;
}
