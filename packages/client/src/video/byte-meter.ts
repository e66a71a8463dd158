import { Transform, type TransformCallback } from 'node:stream';

/** Told as bytes arrive: received so far and the total announced (undefined when none was). */
export type DownloadProgressListener = (
  receivedBytes: number,
  totalBytes: number | undefined,
) => void;

/** Counts the bytes passing through and reports them, without holding any. */
export class ByteMeter extends Transform {
  receivedBytes = 0;
  readonly #totalBytes: number | undefined;
  readonly #onProgress: DownloadProgressListener | undefined;

  constructor(totalBytes: number | undefined, onProgress: DownloadProgressListener | undefined) {
    super();
    this.#totalBytes = totalBytes;
    this.#onProgress = onProgress;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.receivedBytes += chunk.byteLength;
    this.#onProgress?.(this.receivedBytes, this.#totalBytes);
    done(null, chunk);
  }
}
