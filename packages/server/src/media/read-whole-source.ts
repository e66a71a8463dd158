import type { ByteSource } from '@heygen-assets/core';
import { MiB } from '@heygen-assets/core';

/** Largest single read from the source, in bytes: a file handle serves these in one call. */
const READ_PIECE_BYTES = 4 * MiB;

/**
 * All bytes of `source` in one buffer. Only for sources whose size was already checked against a
 * small limit (images: 50 MiB), because a decoder needs the compressed file whole.
 *
 * @throws Error when the source ends early: the file changed under us, not the upload's fault.
 */
export async function readWholeSource(source: ByteSource): Promise<Buffer> {
  const bytes = Buffer.allocUnsafe(source.size);
  let filled = 0;
  while (filled < source.size) {
    const piece = await source.read(filled, Math.min(READ_PIECE_BYTES, source.size - filled));
    if (piece.byteLength === 0) break;
    bytes.set(piece, filled);
    filled += piece.byteLength;
  }

  if (filled < source.size) {
    throw new Error(`The stored upload has ${filled} bytes; ${source.size} were expected.`);
  }
  return bytes;
}
