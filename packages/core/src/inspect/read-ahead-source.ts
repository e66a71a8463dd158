import type { ByteSource } from '../byte-source.js';
import { KiB } from '../units.js';
import { readFully } from './read-fully.js';

/**
 * Reads shorter than this are widened to it, in bytes. A box header read then also brings in
 * what usually follows it closely: a whole `moof` (a few hundred bytes to a few KiB) and the
 * header of the `mdat` after it, or the small boxes at the start of `moov`.
 */
export const READ_AHEAD_BYTES = 4 * KiB;

/**
 * A `ByteSource` that widens small reads to `blockBytes` and answers the reads that fall inside
 * the last block from memory. Parsers that read a header, then the bytes right after it, then
 * the next header, cost one read of the source instead of three; at most one block is held.
 */
export function readAheadSource(source: ByteSource, blockBytes = READ_AHEAD_BYTES): ByteSource {
  let block: { start: number; bytes: Uint8Array } | undefined;
  return {
    size: source.size,
    read: async (offset, length) => {
      const end = Math.min(offset + Math.max(0, length), source.size);
      if (block && offset >= block.start && end <= block.start + block.bytes.byteLength) {
        return block.bytes.subarray(offset - block.start, end - block.start);
      }
      if (length >= blockBytes) return source.read(offset, length);

      block = { start: offset, bytes: await readFully(source, offset, blockBytes) };
      return block.bytes.subarray(0, Math.max(0, end - offset));
    },
  };
}
