/**
 * ADTS frame headers of AAC streams (ISO/IEC 13818-7 §6.2, 14496-3 §1.A.3.2): a 12-bit sync,
 * layer 00, a sampling-frequency index and a 13-bit frame length.
 */

/** Bytes of an ADTS header without CRC. */
const ADTS_HEADER_BYTES = 7;

/** The ADTS frame length (header included) at `offset`, or `undefined` if no header is there. */
export function adtsFrameLength(bytes: Uint8Array, offset: number): number | undefined {
  const header = bytes.subarray(offset, offset + ADTS_HEADER_BYTES);
  const [b0, b1, b2, b3, b4, b5] = header;
  if (b0 !== 0xff || b1 === undefined || b2 === undefined) return undefined;
  if (b3 === undefined || b4 === undefined || b5 === undefined) return undefined;
  if ((b1 & 0xf6) !== 0xf0) return undefined;

  const samplingIndex = (b2 >> 2) & 0x0f;
  if (samplingIndex > 12) return undefined;

  const length = ((b3 & 0x03) << 11) | (b4 << 3) | (b5 >> 5);
  return length >= ADTS_HEADER_BYTES ? length : undefined;
}
