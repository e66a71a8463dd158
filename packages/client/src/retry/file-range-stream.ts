import type { FileHandle } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { ChunkPool } from './chunk-pool.js';

/** Size of each read from the file, in bytes. */
const READ_CHUNK_BYTES = 64 * 1024;

/**
 * Buffers one stream keeps for reuse: more than the chunks in flight between the file and the
 * socket (the stream's own buffer, the meter's, the request's and the socket's, each a chunk or
 * two under backpressure), so reads rarely need a new one.
 */
const POOLED_CHUNKS = 16;

/**
 * The first `sizeBytes` of an open file as a stream, read at explicit positions, which can be
 * made again for each attempt of an upload. Unlike `FileHandle#createReadStream`, ending or
 * destroying it (as a dropped connection does) leaves the handle open: the handle belongs to the
 * prepared upload, and the bytes sent on a retry come from the very file that was checked.
 * A file that shrank meanwhile ends early, which the upload meter reports as `size_mismatch`.
 * Chunks come from a `ChunkPool`: whoever consumes them last may `recycleChunk` them.
 */
export function fileRangeStream(handle: FileHandle, sizeBytes: number): Readable {
  const pool = new ChunkPool(READ_CHUNK_BYTES, POOLED_CHUNKS);
  let position = 0;

  return new Readable({
    highWaterMark: READ_CHUNK_BYTES,
    read() {
      const length = Math.min(READ_CHUNK_BYTES, sizeBytes - position);
      if (length <= 0) {
        this.push(null);
        return;
      }

      handle.read(pool.take(), 0, length, position).then(
        ({ bytesRead, buffer }) => {
          position += bytesRead;
          this.push(bytesRead === 0 ? null : buffer.subarray(0, bytesRead));
        },
        (error: Error) => this.destroy(error),
      );
    },
  });
}
