import type { Readable } from 'node:stream';
import { bufferSource, inspectMedia, SNIFF_WINDOW_BYTES } from '@heygen-assets/core';
import { checkSizeClaim } from './check-size-claim.js';
import { checkSizeLimit } from './check-size-limit.js';
import { checkStreamHead } from './check-stream-head.js';
import { declaredMediaType } from './declared-type.js';
import { peekStream } from './peek-stream.js';
import type { PreparedUpload, SourceClaims } from './prepared-upload.js';

/**
 * Checks a stream from its first bytes without buffering it: a stream that fits in the sniff
 * window gets the full media check, a longer one the type check, and the server checks the rest.
 * `Content-Length` must be known up front, so the size is required.
 */
export async function prepareStreamUpload(
  stream: Readable,
  claims: SourceClaims,
): Promise<PreparedUpload> {
  const sizeBytes = requireSize(claims.sizeBytes);
  const declaredType = declaredMediaType(claims.contentType);
  const peeked = await peekStream(stream, SNIFF_WINDOW_BYTES);

  const contentType = peeked.ended
    ? await inspectWholeHead(peeked.head, sizeBytes, declaredType)
    : checkStreamHead(peeked.head, declaredType);
  checkSizeLimit(contentType, sizeBytes);

  let opened = false;
  return {
    contentType,
    sizeBytes,
    filename: claims.filename,
    replayable: false,
    openBody: () => {
      if (opened) throw new Error('A stream source can be sent only once.');
      opened = true;
      return peeked.stream;
    },
    close: async () => {
      if (!opened) peeked.stream.destroy();
    },
  };
}

async function inspectWholeHead(
  head: Buffer,
  sizeBytes: number,
  declaredType: Parameters<typeof checkStreamHead>[1],
) {
  checkSizeClaim(sizeBytes, head.byteLength);
  const facts = await inspectMedia(bufferSource(head), { declaredType });
  return facts.mimeType;
}

function requireSize(sizeBytes: number | undefined): number {
  if (sizeBytes !== undefined && Number.isSafeInteger(sizeBytes) && sizeBytes >= 0) {
    return sizeBytes;
  }
  throw new TypeError(
    'sizeBytes (a whole number of bytes) is required to upload a stream: ' +
      'the upload sends Content-Length up front.',
  );
}
