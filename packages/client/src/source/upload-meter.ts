import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { MediaRejectedError } from '@heygen-assets/core';

/** Called as bytes are handed to the connection: bytes sent so far and the total to send. */
export type ProgressListener = (sentBytes: number, totalBytes: number) => void;

/**
 * Passes the upload through unchanged while counting and hashing it: reports progress, refuses
 * a source that yields more or fewer bytes than the `Content-Length` already promised, and
 * gives the SHA-256 of exactly what was sent to compare with the server's.
 */
export class UploadMeter extends Transform {
  readonly totalBytes: number;
  #sentBytes = 0;
  readonly #hash: Hash = createHash('sha256');
  readonly #onProgress: ProgressListener | undefined;
  #digest: string | undefined;

  constructor(totalBytes: number, onProgress?: ProgressListener) {
    super();
    this.totalBytes = totalBytes;
    this.#onProgress = onProgress;
  }

  get sentBytes(): number {
    return this.#sentBytes;
  }

  /** Hex SHA-256 of the bytes that went through; read it once the stream has finished. */
  get sha256(): string {
    this.#digest ??= this.#hash.digest('hex');
    return this.#digest;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.#sentBytes += chunk.byteLength;
    if (this.#sentBytes > this.totalBytes) {
      callback(this.#sizeMismatch('more'));
      return;
    }
    this.#hash.update(chunk);
    try {
      this.#onProgress?.(this.#sentBytes, this.totalBytes);
    } catch (error) {
      callback(error as Error);
      return;
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback) {
    callback(this.#sentBytes === this.totalBytes ? null : this.#sizeMismatch('fewer'));
  }

  #sizeMismatch(direction: 'more' | 'fewer'): MediaRejectedError {
    return new MediaRejectedError(
      'size_mismatch',
      `The source produced ${direction} than the ${this.totalBytes} bytes declared for it.`,
      { hint: 'Pass the exact size of the stream as sizeBytes.' },
    );
  }
}
