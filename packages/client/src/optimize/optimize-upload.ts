import { createHash } from 'node:crypto';
import { type CanonicalMediaType, MediaRejectedError } from '@heygen-assets/core';
import type { UploadFileOptions } from '../operations/upload-options.js';
import { prepareBytesUpload } from '../source/prepare-bytes-upload.js';
import { prepareUpload } from '../source/prepare-upload.js';
import type { UploadSource } from '../source/prepared-upload.js';
import {
  type ImageOptimization,
  type OptimizedImageType,
  optimizeImage,
} from './optimize-image.js';
import { resolveOptimizeOptions } from './optimize-options.js';
import { optimizedFilename } from './optimized-filename.js';
import { readPreparedBytes } from './read-prepared-bytes.js';

/** The types optimisation re-encodes; every other type is uploaded unchanged. */
const OPTIMIZABLE_TYPES: ReadonlySet<CanonicalMediaType> = new Set(['image/jpeg', 'image/png']);

/** What to upload once the `optimize` option has been applied. */
export interface StagedUpload<Options extends UploadFileOptions> {
  source: UploadSource;
  /** The caller's options without `optimize`, with the claims made true of `source`. */
  options: Omit<Options, 'optimize'>;
  /** How the image was optimised; `undefined` when nothing was asked or it is not an image. */
  optimization: ImageOptimization | undefined;
}

/**
 * Applies `options.optimize` before an upload. The source gets the local media checks first,
 * so nothing is decoded that the rules refuse (an image over the pixel limit, say). A JPEG or
 * PNG is then read into memory (at most its type's size limit), optimised, and given as bytes
 * with its claims updated: the type and file name follow the written format, and a declared
 * `checksumSha256`, which describes the source, is checked here and replaced by the checksum of
 * the optimised bytes. Anything else goes on unchanged. Without `optimize`, does nothing.
 */
export async function optimizeUpload<Options extends UploadFileOptions>(
  source: UploadSource,
  options: Options,
  signal: AbortSignal | undefined,
): Promise<StagedUpload<Options>> {
  const { optimize, ...claims } = options;
  if (optimize === undefined) return { source, options: claims, optimization: undefined };

  const settings = resolveOptimizeOptions(optimize);
  const original = await prepareUpload(source, claims);
  if (!OPTIMIZABLE_TYPES.has(original.contentType)) {
    // Only a caller's stream has been read from (its first bytes): what follows reads its replay.
    if (!original.replayable)
      return { source: original.openBody(), options: claims, optimization: undefined };
    await original.close();
    return { source, options: claims, optimization: undefined };
  }

  let bytes: Buffer;
  try {
    bytes = await readPreparedBytes(original, signal);
  } finally {
    await original.close();
  }
  // A long stream had only its type checked, from its first bytes: check it all before decoding.
  if (!original.replayable) await prepareBytesUpload(bytes, claims);

  const sourceType = original.contentType as OptimizedImageType;
  const optimized = await optimizeImage(bytes, sourceType, settings);
  signal?.throwIfAborted();

  const { optimization } = optimized;
  const filename = original.filename;
  if (optimization.chosen === 'original') {
    return { source: bytes, options: { ...claims, filename }, optimization };
  }

  checkSourceChecksum(claims.checksumSha256, bytes);
  const sent = {
    ...claims,
    contentType: optimized.mimeType,
    sizeBytes: optimized.bytes.byteLength,
    filename: optimizedFilename(filename, optimized.mimeType),
    checksumSha256: claims.checksumSha256 && sha256(optimized.bytes),
  };
  return { source: optimized.bytes, options: sent, optimization };
}

/** A checksum declared for the source, which the server never sees once it is re-encoded. */
function checkSourceChecksum(declared: string | undefined, bytes: Uint8Array): void {
  if (declared === undefined) return;

  const actual = sha256(bytes);
  if (declared.toLowerCase() === actual) return;

  throw new MediaRejectedError(
    'checksum_mismatch',
    `The checksum was declared as ${declared} but the source's SHA-256 is ${actual}.`,
    { hint: 'Declare the SHA-256 of the file as it is before optimisation, or leave it out.' },
  );
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
