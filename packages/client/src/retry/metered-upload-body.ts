import { pipeline, type Readable } from 'node:stream';
import type { BodyOpener } from '../http/http-exchange.js';
import type { PreparedUpload } from '../source/prepared-upload.js';
import { type ProgressListener, UploadMeter } from '../source/upload-meter.js';

/**
 * The body of an upload's PUT, counted and hashed on its way out. For a source that can be read
 * again (a path, bytes) it is a `BodyOpener`: each attempt re-opens the file or re-slices the
 * bytes through a new meter, so progress restarts from 0 and `sha256` is that of the last
 * attempt. A caller's stream is opened once, and its request is never retried.
 */
export class MeteredUploadBody {
  readonly body: Readable | BodyOpener;
  #meter: UploadMeter | undefined;
  #attempts = 0;
  #wholeSha256: string | undefined;

  constructor(prepared: PreparedUpload, onProgress: ProgressListener | undefined) {
    const open = () => {
      this.#attempts += 1;
      const meter = new UploadMeter(prepared.sizeBytes, onProgress);
      this.#meter = meter;
      // 'finish' follows the meter's check that every promised byte went through.
      meter.once('finish', () => {
        this.#wholeSha256 = meter.sha256;
      });
      // Errors reach the request through `meter`, which the pipeline destroys with them.
      return pipeline(prepared.openBody(), meter, () => {});
    };
    this.body = prepared.replayable ? open : open();
  }

  /** How many times the body was sent, or began to be. */
  get attempts(): number {
    return this.#attempts;
  }

  /**
   * Hex SHA-256 of the last attempt that read the whole source; `undefined` while none has.
   * Every whole read of a path or bytes gives the same one.
   */
  get wholeSha256(): string | undefined {
    return this.#wholeSha256;
  }

  /** Hex SHA-256 of the bytes the last attempt sent; read it once the PUT has succeeded. */
  get sha256(): string {
    if (!this.#meter) throw new Error('The upload body was never opened.');
    return this.#meter.sha256;
  }
}
