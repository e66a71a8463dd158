import { Readable } from 'node:stream';
import { bufferSource, inspectMedia } from '@heygen-assets/core';
import { checkSizeClaim } from './check-size-claim.js';
import { checkSizeLimit } from './check-size-limit.js';
import { declaredMediaType } from './declared-type.js';
import type { PreparedUpload, SourceClaims } from './prepared-upload.js';

/** Size of the slices bytes in memory are sent in, in bytes, so progress moves smoothly. */
const SLICE_BYTES = 64 * 1024;

/** Runs the media checks on bytes already in memory. */
export async function prepareBytesUpload(
  bytes: Uint8Array,
  claims: SourceClaims,
): Promise<PreparedUpload> {
  const declaredType = declaredMediaType(claims.contentType);
  checkSizeClaim(claims.sizeBytes, bytes.byteLength);
  const facts = await inspectMedia(bufferSource(bytes), { declaredType });
  checkSizeLimit(facts.mimeType, bytes.byteLength);

  return {
    contentType: facts.mimeType,
    sizeBytes: bytes.byteLength,
    filename: claims.filename,
    replayable: true,
    openBody: () => Readable.from(slices(bytes), { objectMode: false }),
    close: async () => {},
  };
}

function* slices(bytes: Uint8Array) {
  for (let offset = 0; offset < bytes.byteLength; offset += SLICE_BYTES) {
    const slice = bytes.subarray(offset, offset + SLICE_BYTES);
    yield Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength);
  }
}
