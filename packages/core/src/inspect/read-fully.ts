import type { ByteSource } from '../byte-source.js';

/**
 * Reads `length` bytes at `offset`, asking the source again after a short read, and returns
 * fewer bytes only at the end of the source. The request is clipped to the source's size first,
 * so a length taken from an untrusted header can never allocate more than the file holds.
 */
export async function readFully(
  source: ByteSource,
  offset: number,
  length: number,
): Promise<Uint8Array> {
  const wanted = Math.max(0, Math.min(length, source.size - offset));
  if (wanted === 0) return new Uint8Array(0);

  const first = await source.read(offset, wanted);
  if (first.byteLength >= wanted) return first.subarray(0, wanted);

  const bytes = new Uint8Array(wanted);
  bytes.set(first);
  let filled = first.byteLength;
  while (filled < wanted) {
    const more = await source.read(offset + filled, wanted - filled);
    if (more.byteLength === 0) break;
    bytes.set(more.subarray(0, wanted - filled), filled);
    filled += more.byteLength;
  }
  return bytes.subarray(0, filled);
}
