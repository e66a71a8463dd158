import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { inspectMedia } from '@heygen-assets/core';
import { fileRangeStream } from '../retry/file-range-stream.js';
import { checkSizeClaim } from './check-size-claim.js';
import { checkSizeLimit } from './check-size-limit.js';
import { declaredMediaType } from './declared-type.js';
import { fileByteSource } from './file-byte-source.js';
import type { PreparedUpload, SourceClaims } from './prepared-upload.js';

/**
 * Opens the file once, runs the media checks on it through the open handle and keeps the handle
 * for sending, so the bytes checked and the bytes sent come from the same file.
 */
export async function prepareFileUpload(
  path: string,
  claims: SourceClaims,
): Promise<PreparedUpload> {
  const declaredType = declaredMediaType(claims.contentType);
  const handle = await open(path, 'r');

  try {
    const { size } = await handle.stat();
    checkSizeClaim(claims.sizeBytes, size);
    const facts = await inspectMedia(fileByteSource(handle, size), { declaredType });
    checkSizeLimit(facts.mimeType, size);

    return {
      contentType: facts.mimeType,
      sizeBytes: size,
      filename: claims.filename ?? basename(path),
      replayable: true,
      // A fresh stream for each attempt, stopping at the checked size even if the file grows.
      openBody: () => fileRangeStream(handle, size),
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
