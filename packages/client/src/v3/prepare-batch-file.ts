import type { ImageOptimization } from '../optimize/optimize-image.js';
import type { OptimizeOptions } from '../optimize/optimize-options.js';
import { optimizeUpload } from '../optimize/optimize-upload.js';
import type { StagingDirectory } from '../optimize/staging-directory.js';
import { prepareFileUpload } from '../source/prepare-file-upload.js';
import type { UploadSource } from '../source/prepared-upload.js';
import {
  type DirectUploadClaims,
  declareUpload,
  type PreparedDirectUpload,
  prepareDirectUpload,
} from './prepare-direct-upload.js';

export interface BatchFileClaims extends DirectUploadClaims {
  /** How to optimise the file if it is an image; `undefined` sends it as it is. */
  optimize: OptimizeOptions | undefined;
}

/** One file of a batch ready to send, with what optimisation did to it. */
export interface PreparedBatchFile extends PreparedDirectUpload {
  /** `undefined` when no optimisation was asked or the file is not an image. */
  optimization: ImageOptimization | undefined;
}

/**
 * The local steps for one file of a batch, `optimize` applied first as `uploadFile` applies it
 * (`optimizeUpload`). A batch declares the size and checksum of every file before the first
 * PUT, so each file waits, ready to send, until the whole batch is prepared; to keep memory
 * bounded however many images the batch holds, bytes that exist only in memory — an optimised
 * image, or the kept source of an image read from a stream — are written to `staging` and sent
 * from there, like a path. A kept source that is a path or bytes is sent from it again. Only
 * the images being optimised at the moment are held in memory.
 */
export async function prepareBatchFile(
  source: UploadSource,
  claims: BatchFileClaims,
  staging: StagingDirectory,
  signal: AbortSignal | undefined,
): Promise<PreparedBatchFile> {
  const staged = await optimizeUpload(source, claims, signal);
  const { optimization } = staged;

  if (optimization === undefined) {
    return { ...(await prepareDirectUpload(staged.source, staged.options, signal)), optimization };
  }
  if (optimization.chosen === 'original' && isReadAgain(source)) {
    return { ...(await prepareDirectUpload(source, staged.options, signal)), optimization };
  }
  if (!(staged.source instanceof Uint8Array)) {
    throw new TypeError('An optimised image must be staged from bytes in memory.');
  }

  const path = await staging.write(staged.source, signal);
  const onDisk = await prepareFileUpload(path, staged.options);
  // Named after the source (or `upload.<extension>`), never after the temporary file.
  const prepared = { ...onDisk, filename: staged.options.filename };
  return { ...(await declareUpload(prepared, staged.options, signal)), optimization };
}

/** A path or bytes, which can be read again; a caller's stream cannot. */
function isReadAgain(source: UploadSource): source is string | Uint8Array {
  return typeof source === 'string' || source instanceof Uint8Array;
}
