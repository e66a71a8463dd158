import { Transform, type TransformCallback } from 'node:stream';
import type { MediaRejectedError } from '@heygen-assets/core';

/**
 * Passes bytes through until more than `maxBytes` have come, then fails with the error
 * `tooLarge` makes, so the whole pipeline — and the connection it reads from — stops there.
 * Nothing past the limit is written anywhere.
 */
export class ByteLimit extends Transform {
  readonly maxBytes: number;
  readonly #tooLarge: () => MediaRejectedError;
  #bytes = 0;

  constructor(maxBytes: number, tooLarge: () => MediaRejectedError) {
    super();
    this.maxBytes = maxBytes;
    this.#tooLarge = tooLarge;
  }

  /** Bytes passed through so far. */
  get bytes(): number {
    return this.#bytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.#bytes += chunk.byteLength;
    if (this.#bytes > this.maxBytes) {
      callback(this.#tooLarge());
      return;
    }
    callback(null, chunk);
  }
}
