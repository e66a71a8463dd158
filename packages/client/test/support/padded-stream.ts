import { Readable } from 'node:stream';

/** Size of each generated chunk, in bytes. */
const CHUNK_BYTES = 64 * 1024;

/**
 * A stream of `totalBytes` that starts with `head` (so the type check sees a JPEG) and goes on
 * with zeros made on demand: a large upload without a large buffer.
 */
export function paddedStream(head: Uint8Array, totalBytes: number): Readable {
  let produced = 0;
  return new Readable({
    read() {
      if (produced >= totalBytes) {
        this.push(null);
        return;
      }
      const chunk =
        produced === 0
          ? Buffer.from(head)
          : Buffer.alloc(Math.min(CHUNK_BYTES, totalBytes - produced));
      produced += chunk.byteLength;
      this.push(chunk);
    },
  });
}
