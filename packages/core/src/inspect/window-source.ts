import type { ByteSource } from '../byte-source.js';

/**
 * A `ByteSource` that answers reads lying inside `bytes` (already read from `source` at
 * `start`) from memory, and any other read from `source`. Parsers that read a small box field by
 * field then cost one read of the box instead of one read per field.
 */
export function windowSource(source: ByteSource, start: number, bytes: Uint8Array): ByteSource {
  const end = start + bytes.byteLength;
  return {
    size: source.size,
    read: (offset, length) => {
      const wantedEnd = Math.min(offset + Math.max(0, length), source.size);
      if (offset < start || wantedEnd > end) return source.read(offset, length);
      return Promise.resolve(bytes.subarray(offset - start, wantedEnd - start));
    },
  };
}
