import type { ByteSource } from '../../src/index.js';

/** A `ByteSource` wrapper that records every read, to assert that inspections stay bounded. */
export interface RecordingSource extends ByteSource {
  readonly reads: { offset: number; length: number }[];
  /** Sum of the lengths asked for, in bytes. */
  bytesRequested(): number;
  /** Longest single read asked for, in bytes. */
  largestRead(): number;
}

export function recordingSource(inner: ByteSource): RecordingSource {
  const reads: { offset: number; length: number }[] = [];
  return {
    size: inner.size,
    reads,
    read: (offset, length) => {
      reads.push({ offset, length });
      return inner.read(offset, length);
    },
    bytesRequested: () => reads.reduce((total, read) => total + read.length, 0),
    largestRead: () => reads.reduce((largest, read) => Math.max(largest, read.length), 0),
  };
}

/**
 * A large file that is never in memory: `prefix` at the start, `suffix` at the very end and
 * `fill` bytes in between, produced on demand for each read.
 */
export function virtualSource(
  size: number,
  prefix: Uint8Array,
  suffix: Uint8Array = new Uint8Array(0),
  fill = 0,
): ByteSource {
  const suffixStart = size - suffix.byteLength;
  return {
    size,
    read: async (offset, length) => {
      const start = Math.max(0, offset);
      const end = Math.min(size, start + Math.max(0, length));
      const bytes = new Uint8Array(Math.max(0, end - start)).fill(fill);
      for (let position = start; position < Math.min(end, prefix.byteLength); position++) {
        bytes[position - start] = prefix[position] as number;
      }
      for (let position = Math.max(start, suffixStart); position < end; position++) {
        bytes[position - start] = suffix[position - suffixStart] as number;
      }
      return bytes;
    },
  };
}
