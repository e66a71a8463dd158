import type { OptimizeOptions } from '../optimize/optimize-options.js';
import type { ProgressListener } from '../source/upload-meter.js';

export interface UploadFileOptions {
  /**
   * Content type to declare (aliases such as `image/jpg` allowed). It must agree with the type
   * detected from the bytes, else `content_type_mismatch`. Default: the detected type.
   */
  contentType?: string | undefined;
  /** Name to store with the asset. Default: a path's base name; none for bytes or a stream. */
  filename?: string | undefined;
  /**
   * Size of the content, in bytes. Required for a stream (it is sent as `Content-Length`);
   * for a path or bytes it is measured, and a different value is `size_mismatch`.
   */
  sizeBytes?: number | undefined;
  /** Hex SHA-256 of the bytes; the server refuses the upload when it differs. Default: none. */
  checksumSha256?: string | undefined;
  /** Aborts the upload; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Called as bytes are sent, with the bytes sent so far and the total, both in bytes. */
  onProgress?: ProgressListener | undefined;
  /**
   * Optimise a JPEG or PNG for video before it is uploaded: upright, fitted to `width`×`height`,
   * sRGB, metadata stripped, JPEG or (with transparency) PNG; the source is kept when that is
   * not smaller. Other files are uploaded unchanged. `contentType`, `sizeBytes` and
   * `checksumSha256` describe the source. Needs the optional peer dependency `sharp`, else
   * `OptimizerUnavailableError`. Default: none (the bytes are uploaded as they are).
   */
  optimize?: OptimizeOptions | undefined;
}
