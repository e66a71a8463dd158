/** CRC-32 as used by PNG chunks (ISO 3309 / ITU-T V.42 polynomial, PNG spec §5.5). */

const CRC_TABLE = makeTable();

function makeTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let index = 0; index < 256; index++) {
    let value = index;
    for (let bit = 0; bit < 8; bit++) {
      value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
    }
    table[index] = value >>> 0;
  }
  return table;
}

/** The running state to start a CRC with. */
export const CRC32_START = 0xffffffff;

/** Feeds `bytes` into a running CRC state; finish with `crc32Finish`. */
export function crc32Update(state: number, bytes: Uint8Array): number {
  let crc = state;
  for (let index = 0; index < bytes.byteLength; index++) {
    crc = (CRC_TABLE[(crc ^ (bytes[index] as number)) & 0xff] as number) ^ (crc >>> 8);
  }
  return crc >>> 0;
}

export function crc32Finish(state: number): number {
  return (state ^ 0xffffffff) >>> 0;
}

/** The CRC-32 of one byte array. */
export function crc32(bytes: Uint8Array): number {
  return crc32Finish(crc32Update(CRC32_START, bytes));
}
