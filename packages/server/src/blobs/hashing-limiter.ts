import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { type AssetError, MediaRejectedError } from '@heygen-assets/core';

/**
 * Passes bytes through while counting and hashing them, and fails the stream the moment more
 * than `maxBytes` have arrived, so an oversized chunked body is cut off without being stored.
 */
export class HashingLimiter extends Transform {
  readonly #hash = createHash('sha256');
  readonly #maxBytes: number;
  #sizeBytes = 0;

  constructor(maxBytes: number) {
    super();
    this.#maxBytes = maxBytes;
  }

  get sizeBytes(): number {
    return this.#sizeBytes;
  }

  /** Hex SHA-256 of everything that passed; call once, after the stream finished. */
  digest(): string {
    return this.#hash.digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.#sizeBytes += chunk.length;
    if (this.#sizeBytes > this.#maxBytes) {
      done(tooLarge(this.#maxBytes));
      return;
    }
    this.#hash.update(chunk);
    done(null, chunk);
  }
}

export function tooLarge(maxBytes: number): AssetError {
  return new MediaRejectedError(
    'file_too_large',
    `The body is larger than the ${maxBytes}-byte limit for this type.`,
    { hint: 'Compress or shorten the file, or split it, and upload again.' },
  );
}
