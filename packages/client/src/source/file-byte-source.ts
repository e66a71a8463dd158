import type { FileHandle } from 'node:fs/promises';
import type { ByteSource } from '@heygen-assets/core';

/**
 * A `ByteSource` over an open file, so that core's media checks read only the parts of the file
 * they need. Reads are clamped to the file's size as it was when opened: reads past the end
 * return fewer bytes (possibly none) and never allocate more than what is left.
 */
export function fileByteSource(handle: FileHandle, size: number): ByteSource {
  return {
    size,
    read: async (offset, length) => {
      const start = Math.min(Math.max(0, offset), size);
      const wanted = Math.min(Math.max(0, length), size - start);
      const buffer = Buffer.alloc(wanted);
      let filled = 0;

      while (filled < wanted) {
        const { bytesRead } = await handle.read(buffer, filled, wanted - filled, start + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }

      return buffer.subarray(0, filled);
    },
  };
}
