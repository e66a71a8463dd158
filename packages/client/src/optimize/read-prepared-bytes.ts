import { MediaRejectedError } from '@heygen-assets/core';
import { recycleChunk } from '../retry/chunk-pool.js';
import { checkSizeClaim } from '../source/check-size-claim.js';
import type { PreparedUpload } from '../source/prepared-upload.js';

/**
 * The whole content of a prepared upload in one buffer of its checked size, for an image to be
 * decoded. The size was checked against the type's limit, so this is bounded; a stream that
 * brings more or fewer bytes than it declared is `size_mismatch`.
 */
export async function readPreparedBytes(
  prepared: PreparedUpload,
  signal: AbortSignal | undefined,
): Promise<Buffer> {
  const bytes = Buffer.allocUnsafe(prepared.sizeBytes);
  let filled = 0;

  for await (const chunk of prepared.openBody()) {
    signal?.throwIfAborted();
    const part = chunk as Buffer;
    if (filled + part.byteLength > prepared.sizeBytes) throw tooLong(prepared.sizeBytes);
    part.copy(bytes, filled);
    filled += part.byteLength;
    recycleChunk(chunk);
  }

  checkSizeClaim(prepared.sizeBytes, filled);
  return bytes;
}

function tooLong(sizeBytes: number): MediaRejectedError {
  return new MediaRejectedError(
    'size_mismatch',
    `The size was declared as ${sizeBytes} bytes but the source has more.`,
    { hint: 'Declare the exact size of the stream as sizeBytes.' },
  );
}
