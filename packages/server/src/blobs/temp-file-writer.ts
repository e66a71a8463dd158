import { createHash } from 'node:crypto';
import { close, fdatasync, fsync, open, unlink, writev } from 'node:fs';
import { Writable } from 'node:stream';
import { type AssetError, MediaRejectedError, SNIFF_WINDOW_BYTES } from '@heygen-assets/core';

/**
 * Bytes the writer buffers before it asks its source to pause. Larger than the stream default
 * (16 KiB) so that a body arriving in 64 KiB socket reads is written several reads per system
 * call, and the socket is not paused and resumed on every read.
 */
const HIGH_WATER_MARK_BYTES = 1024 * 1024;

/**
 * Bytes written between background flushes. The kernel otherwise keeps a whole upload dirty in
 * the page cache until the final fsync, which then waits for all of it to reach the disk; flushing
 * as the body arrives overlaps that disk write with the network read, and leaves the final fsync
 * at most this much to wait for.
 */
const WRITE_BACK_BYTES = 64 * 1024 * 1024;

export interface TempFileWriterOptions {
  /** The write fails with `file_too_large` as soon as more bytes than this arrive. */
  maxBytes: number;
  /** Called once with the first bytes; a number it returns lowers `maxBytes`. */
  limitForHead?: (head: Uint8Array) => number | undefined;
  /** Bytes between background flushes to disk; 64 MiB unless set (tests set it small). */
  writeBackBytes?: number;
}

/**
 * Writes a stream to a new file in one pass: counts, limits and hashes each chunk, writes it
 * (several at once when they queue up), flushes to disk in the background every
 * `writeBackBytes`, and fsyncs before it finishes, so `finish` means the bytes are durable. A
 * failed or destroyed writer closes and deletes its file.
 *
 * One stream instead of a hashing Transform piped into `fs.WriteStream`: every stream hop costs
 * a pause/resume and a buffered copy of the chunk list per socket read, which for a 1 GiB
 * upload is tens of thousands of them.
 */
export class TempFileWriter extends Writable {
  readonly #path: string;
  readonly #hash = createHash('sha256');
  readonly #limitForHead: ((head: Uint8Array) => number | undefined) | undefined;
  readonly #writeBackBytes: number;
  #maxBytes: number;
  #fd: number | undefined;
  #sizeBytes = 0;
  #position = 0;
  /** Bytes written when the last background flush started. */
  #writeBackFrom = 0;
  #writingBack = false;
  /** Writes and flushes still running: the file is closed only once there are none. */
  #running = 0;
  #whenIdle: Array<() => void> = [];
  /**
   * The first error of a background flush. Linux reports a failed write-back to one fsync only,
   * so it is kept here for `_final` rather than lost.
   */
  #writeBackError: Error | undefined;
  /** The first bytes, kept until `limitForHead` has seen them. */
  #head: Buffer[] | undefined = [];

  constructor(path: string, options: TempFileWriterOptions) {
    super({ highWaterMark: HIGH_WATER_MARK_BYTES, decodeStrings: true });
    this.#path = path;
    this.#maxBytes = options.maxBytes;
    this.#limitForHead = options.limitForHead;
    this.#writeBackBytes = options.writeBackBytes ?? WRITE_BACK_BYTES;
  }

  get sizeBytes(): number {
    return this.#sizeBytes;
  }

  /** Hex SHA-256 of everything written; call once, after `finish`. */
  digest(): string {
    return this.#hash.digest('hex');
  }

  override _construct(done: (error?: Error | null) => void): void {
    open(this.#path, 'wx', 0o600, (error, fd) => {
      this.#fd = fd;
      done(error);
    });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void) {
    this.#writeChunks([chunk], done);
  }

  override _writev(chunks: Array<{ chunk: Buffer }>, done: (error?: Error | null) => void): void {
    this.#writeChunks(
      chunks.map((entry) => entry.chunk),
      done,
    );
  }

  override _final(done: (error?: Error | null) => void): void {
    void this.#untilIdle().then(() => {
      if (this.destroyed) done();
      else if (this.#writeBackError) done(this.#writeBackError);
      else {
        fsync(this.#begin(), (error) => {
          this.#end();
          done(error);
        });
      }
    });
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    // A write or flush still running holds the descriptor: closing it first could let `open`
    // hand the same number to another file before that operation reaches it.
    void this.#untilIdle().then(() => {
      const fd = this.#fd;
      this.#fd = undefined;
      const finished = this.writableFinished && !error;
      const cleanUp = () => (finished ? done(error) : unlink(this.#path, () => done(error)));
      if (fd === undefined) cleanUp();
      else close(fd, (closeError) => (closeError && !error ? done(closeError) : cleanUp()));
    });
  }

  #writeChunks(chunks: Buffer[], done: (error?: Error | null) => void): void {
    for (const chunk of chunks) {
      this.#sizeBytes += chunk.length;
      this.#watchHead(chunk);
      if (this.#sizeBytes > this.#maxBytes) {
        done(tooLarge(this.#maxBytes));
        return;
      }
    }

    const position = this.#position;
    const length = this.#sizeBytes - position;
    this.#position = this.#sizeBytes;
    writev(this.#begin(), chunks, position, (error, written) => {
      this.#end();
      if (error) done(error);
      else if (written !== length) this.#writeRest(chunks, written, position + written, done);
      else {
        this.#startWriteBack();
        done();
      }
    });
    // Hashed while a pool thread writes the same (unchanging) chunks, not before: the write no
    // longer waits for the hash. The next chunks come only after `done`, so the order holds.
    for (const chunk of chunks) this.#hash.update(chunk);
  }

  /** Starts a background flush once `writeBackBytes` more have been written, one at a time. */
  #startWriteBack(): void {
    if (this.#writingBack || this.destroyed) return;
    if (this.#position - this.#writeBackFrom < this.#writeBackBytes) return;
    this.#writeBackFrom = this.#position;
    this.#writingBack = true;
    fdatasync(this.#begin(), (error) => {
      this.#writeBackError ??= error ?? undefined;
      this.#writingBack = false;
      this.#end();
    });
  }

  /** The descriptor, for an operation that calls `#end` once it is over. */
  #begin(): number {
    this.#running += 1;
    return this.#fd as number;
  }

  #end(): void {
    this.#running -= 1;
    if (this.#running > 0) return;
    for (const resolve of this.#whenIdle.splice(0)) resolve();
  }

  #untilIdle(): Promise<void> {
    if (this.#running === 0) return Promise.resolve();
    return new Promise((resolve) => this.#whenIdle.push(resolve));
  }

  /** Finishes a short write (rare: a full disk or a signal) by writing what is left. */
  #writeRest(
    chunks: Buffer[],
    skip: number,
    position: number,
    done: (error?: Error | null) => void,
  ): void {
    const rest = Buffer.concat(chunks).subarray(skip);
    writev(this.#begin(), [rest], position, (error, written) => {
      this.#end();
      if (error) done(error);
      else if (written !== rest.length) this.#writeRest([rest], written, position + written, done);
      else done();
    });
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
}

/** The error for a body that runs past its limit. */
export function tooLarge(maxBytes: number): AssetError {
  return new MediaRejectedError(
    'file_too_large',
    `The body is larger than the ${maxBytes}-byte limit for this type.`,
    { hint: 'Compress or shorten the file, or split it, and upload again.' },
  );
}
