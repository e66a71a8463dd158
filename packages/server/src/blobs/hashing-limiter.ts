import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { type AssetError, MediaRejectedError, SNIFF_WINDOW_BYTES } from '@heygen-assets/core';

/**
 * Passes bytes through while counting and hashing them, and fails the stream the moment more
 * than `maxBytes` have arrived, so an oversized chunked body is cut off without being stored.
 */
export class HashingLimiter extends Transform {
  readonly #hash = createHash('sha256');
  #maxBytes: number;
  #sizeBytes = 0;
  /** The first bytes, kept until `limitForHead` has seen them. */
  #head: Buffer[] | undefined = [];
  readonly #limitForHead: ((head: Uint8Array) => number | undefined) | undefined;

  constructor(maxBytes: number, limitForHead?: (head: Uint8Array) => number | undefined) {
    super();
    this.#maxBytes = maxBytes;
    this.#limitForHead = limitForHead;
  }

  get sizeBytes(): number {
    return this.#sizeBytes;
  }

  /** Hands the first `SNIFF_WINDOW_BYTES` to `limitForHead` once; it may lower the limit. */
  #watchHead(chunk: Buffer): void {
    if (!this.#head || !this.#limitForHead) return;
    this.#head.push(chunk);
    if (this.#sizeBytes < SNIFF_WINDOW_BYTES) return;

    const limit = this.#limitForHead(Buffer.concat(this.#head).subarray(0, SNIFF_WINDOW_BYTES));
    this.#head = undefined;
    if (limit !== undefined) this.#maxBytes = Math.min(this.#maxBytes, limit);
  }

  /** Hex SHA-256 of everything that passed; call once, after the stream finished. */
  digest(): string {
    return this.#hash.digest('hex');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.#sizeBytes += chunk.length;
    this.#watchHead(chunk);
    if (this.#sizeBytes > this.#maxBytes) {
      done(tooLarge(this.#maxBytes));
      return;
    }
    this.#hash.update(chunk);
    done(null, chunk);
  }
}

/** Hands the first `SNIFF_WINDOW_BYTES` to `limitForHead` once, lowering the limit if it says. */
export function tooLarge(maxBytes: number): AssetError {
  return new MediaRejectedError(
    'file_too_large',
    `The body is larger than the ${maxBytes}-byte limit for this type.`,
    { hint: 'Compress or shorten the file, or split it, and upload again.' },
  );
}
