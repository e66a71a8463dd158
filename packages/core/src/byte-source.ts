/**
 * Random access to the bytes of one file, so that the media rules stay free of I/O: the server
 * backs it with a file handle, the SDK with a file or a buffer. Reads past the end return fewer
 * bytes (possibly none), never throw.
 */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A `ByteSource` over bytes already in memory. */
export function bufferSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.byteLength,
    read: async (offset, length) => {
      const start = Math.min(Math.max(0, offset), bytes.byteLength);
      return bytes.subarray(start, Math.min(bytes.byteLength, start + Math.max(0, length)));
    },
  };
}
