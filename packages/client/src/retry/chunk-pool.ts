/** Buffers read into, each owned by the pool that made it. */
const owners = new WeakMap<ArrayBufferLike, ChunkPool>();

/**
 * Buffers of one size that an upload body reads into and gets back once each chunk has been
 * sent, so a long upload cycles through a few buffers instead of allocating one per chunk.
 * Freed chunks are memory outside the JavaScript heap that V8 reclaims only at its next garbage
 * collection, and tens of megabytes of them pile up in between: recycling keeps the SDK's
 * memory flat whatever the file size (SPEC §10). Taking never waits: with nothing given back,
 * a new buffer is made, so a consumer that never recycles only loses the saving.
 */
export class ChunkPool {
  readonly chunkBytes: number;
  readonly #maxFree: number;
  readonly #free: Buffer[] = [];

  /** @param maxFree most buffers kept for reuse; more given back are left to the GC */
  constructor(chunkBytes: number, maxFree: number) {
    this.chunkBytes = chunkBytes;
    this.#maxFree = maxFree;
  }

  /** A buffer of `chunkBytes` to read into: a recycled one, else a new one. */
  take(): Buffer {
    const recycled = this.#free.pop();
    if (recycled) return recycled;

    // Not from Node's shared pool: the whole ArrayBuffer is this chunk's, so it can be reused.
    const buffer = Buffer.allocUnsafeSlow(this.chunkBytes);
    owners.set(buffer.buffer, this);
    return buffer;
  }

  giveBack(buffer: ArrayBufferLike): void {
    if (this.#free.length < this.#maxFree) this.#free.push(Buffer.from(buffer));
  }
}

/**
 * Hands the buffer under `chunk` back to its pool, if it came from one. Call it only once
 * nothing reads the chunk any more: after the socket has sent it, or after it was hashed.
 */
export function recycleChunk(chunk: unknown): void {
  if (!(chunk instanceof Uint8Array)) return;
  owners.get(chunk.buffer)?.giveBack(chunk.buffer);
}
