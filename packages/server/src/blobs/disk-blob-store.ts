import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type {
  BlobStore,
  ByteRange,
  OpenByteSource,
  TempBlob,
  WriteTempOptions,
} from './blob-store.js';
import { TempFileWriter } from './temp-file-writer.js';

const TEMP_DIR_NAME = 'tmp';

/**
 * Blobs as files under one directory. Uploads go to `tmp/` on the same file system, are fsynced
 * and then renamed into place, so a blob is either complete or absent — never half-written.
 */
export class DiskBlobStore implements BlobStore {
  readonly #root: string;
  readonly #tempDir: string;

  constructor(root: string) {
    this.#root = root;
    this.#tempDir = join(root, TEMP_DIR_NAME);
  }

  async writeTemp(body: Readable, options: WriteTempOptions): Promise<TempBlob> {
    await mkdir(this.#tempDir, { recursive: true });
    const id = `${Date.now()}-${randomBytes(8).toString('hex')}`;
    const path = this.#tempPath(id);
    const file = new TempFileWriter(path, options);
    try {
      await pipeline(body, file, options.signal ? { signal: options.signal } : {});
    } catch (error) {
      await unlinkQuietly(path);
      throw error;
    }

    return { id, sizeBytes: file.sizeBytes, sha256: file.digest() };
  }

  async openTemp(temp: TempBlob): Promise<OpenByteSource> {
    return openFileSource(this.#tempPath(temp.id));
  }

  async open(key: string): Promise<OpenByteSource> {
    return openFileSource(this.#blobPath(key));
  }

  async move(from: string, to: string): Promise<void> {
    const target = this.#blobPath(to);
    await mkdir(dirname(target), { recursive: true });
    await rename(this.#blobPath(from), target);
    await syncDirectory(dirname(target));
  }

  async commit(temp: TempBlob, key: string): Promise<void> {
    const path = this.#blobPath(key);
    await mkdir(dirname(path), { recursive: true });
    await rename(this.#tempPath(temp.id), path);
    await syncDirectory(dirname(path));
  }

  async discard(temp: TempBlob): Promise<void> {
    await unlinkQuietly(this.#tempPath(temp.id));
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.#blobPath(key);
    await stat(path);
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  async delete(key: string): Promise<void> {
    await unlinkQuietly(this.#blobPath(key));
  }

  async removeStaleTemps(olderThanMs: number): Promise<number> {
    const names = await readdir(this.#tempDir).catch(() => []);
    const cutoff = Date.now() - olderThanMs;
    let removed = 0;
    for (const name of names) {
      const path = join(this.#tempDir, name);
      const info = await stat(path).catch(() => undefined);
      if (!info || info.mtimeMs > cutoff) continue;
      await unlinkQuietly(path);
      removed++;
    }
    return removed;
  }

  #tempPath(id: string): string {
    if (!/^[0-9a-z-]+$/.test(id)) throw new Error(`Invalid temp blob id: ${id}`);
    return join(this.#tempDir, id);
  }

  #blobPath(key: string): string {
    if (!/^[0-9a-z/]+$/.test(key) || key.includes('..'))
      throw new Error(`Invalid blob key: ${key}`);
    return join(this.#root, key);
  }
}

/** A `ByteSource` over a file, open until closed. */
async function openFileSource(path: string): Promise<OpenByteSource> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    read: async (offset, length) => {
      const wanted = Math.max(0, Math.min(length, size - offset));
      const buffer = Buffer.alloc(wanted);
      if (wanted === 0) return buffer;
      const { bytesRead } = await handle.read(buffer, 0, wanted, offset);
      return buffer.subarray(0, bytesRead);
    },
    close: () => handle.close(),
  };
}

async function unlinkQuietly(path: string): Promise<void> {
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/** A rename is durable only once its directory entry is flushed too. */
async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
