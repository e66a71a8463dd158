import type { ByteSource } from '../byte-source.js';
import { KiB } from '../units.js';
import { readFully } from './read-fully.js';

/** How much a `ForwardReader` reads from its source at a time, in bytes, unless told otherwise. */
export const DEFAULT_READ_WINDOW_BYTES = 256 * KiB;

/**
 * A cursor that walks a `ByteSource` front to back through one bounded window, so that parsers
 * of chunked formats (JPEG segments, PNG chunks, MPEG frames) can look at a few bytes at a time
 * without one source read per field and without ever holding more than one window in memory.
 */
export class ForwardReader {
  readonly #source: ByteSource;
  readonly #windowBytes: number;
  #window: Uint8Array = new Uint8Array(0);
  #windowStart = 0;
  #position: number;

  constructor(source: ByteSource, position = 0, windowBytes = DEFAULT_READ_WINDOW_BYTES) {
    this.#source = source;
    this.#position = position;
    this.#windowBytes = windowBytes;
  }

  /** Offset of the next byte, from the start of the source. */
  get position(): number {
    return this.#position;
  }

  /** Bytes left between the cursor and the end of the source. */
  get remaining(): number {
    return Math.max(0, this.#source.size - this.#position);
  }

  seek(position: number): void {
    this.#position = position;
  }

  skip(length: number): void {
    this.#position += length;
  }

  /**
   * Up to `length` bytes at the cursor without moving it; fewer only at the end of the source.
   * `length` may not exceed the window size.
   */
  async peek(length: number): Promise<Uint8Array> {
    if (length > this.#windowBytes) {
      throw new RangeError(`peek(${length}) is larger than the ${this.#windowBytes}-byte window`);
    }
    const offsetInWindow = this.#position - this.#windowStart;
    const windowEnd = this.#windowStart + this.#window.byteLength;
    const covered = offsetInWindow >= 0 && this.#position + length <= windowEnd;
    const windowReachesEnd = windowEnd >= this.#source.size;
    if (!covered && !(offsetInWindow >= 0 && this.#position <= windowEnd && windowReachesEnd)) {
      this.#window = await readFully(this.#source, this.#position, this.#windowBytes);
      this.#windowStart = this.#position;
    }
    const start = this.#position - this.#windowStart;
    return this.#window.subarray(start, start + length);
  }

  /** Like `peek`, then moves the cursor past the bytes returned. */
  async take(length: number): Promise<Uint8Array> {
    const bytes = await this.peek(length);
    this.#position += bytes.byteLength;
    return bytes;
  }

  /**
   * Offset of the next `value` byte at or after the cursor, looking at no more than `limitBytes`
   * bytes; -1 when there is none. The cursor does not move.
   */
  async indexOf(value: number, limitBytes = Number.POSITIVE_INFINITY): Promise<number> {
    const start = this.#position;
    const end = Math.min(this.#source.size, start + limitBytes);
    let scan = start;
    try {
      while (scan < end) {
        this.#position = scan;
        const bytes = await this.peek(Math.min(this.#windowBytes, end - scan));
        const found = bytes.indexOf(value);
        if (found >= 0) return scan + found;
        if (bytes.byteLength === 0) return -1;
        scan += bytes.byteLength;
      }
      return -1;
    } finally {
      this.#position = start;
    }
  }
}
