import type { Catalog } from '../catalog/catalog.js';
import type { BlobStore, TempBlob } from './blob-store.js';
import { KeyedLock } from './keyed-lock.js';

/**
 * Keeps blobs and the assets that use them consistent. Blobs are shared by content address, so
 * an upload that commits bytes and a deletion that removes "unreferenced" bytes must not
 * interleave: both go through one lock per blob key.
 */
export class BlobReferences {
  readonly #blobs: BlobStore;
  readonly #catalog: Catalog;
  readonly #lock = new KeyedLock();

  constructor(blobs: BlobStore, catalog: Catalog) {
    this.#blobs = blobs;
    this.#catalog = catalog;
  }

  /**
   * Commits verified temporary bytes under `blobKey` and runs `record`, which makes an asset
   * refer to them. When `record` says no asset took them (the asset vanished meanwhile), the
   * bytes go again unless another asset uses them.
   */
  async commitTemp(temp: TempBlob, blobKey: string, record: () => Promise<boolean>) {
    return this.#lock.run(blobKey, async () => {
      try {
        await this.#blobs.commit(temp, blobKey);
      } catch (error) {
        await this.#blobs.discard(temp);
        throw error;
      }
      return this.#recordOrRelease(blobKey, record);
    });
  }

  /** Like `commitTemp`, for bytes already stored under `fromKey` (staged uploads). */
  async commitMove(fromKey: string, blobKey: string, record: () => Promise<boolean>) {
    return this.#lock.run(blobKey, async () => {
      await this.#blobs.move(fromKey, blobKey);
      return this.#recordOrRelease(blobKey, record);
    });
  }

  /** Runs `record` for bytes already under `blobKey` (a completion resumed after a crash). */
  async record(blobKey: string, record: () => Promise<boolean>): Promise<boolean> {
    return this.#lock.run(blobKey, () => this.#recordOrRelease(blobKey, record));
  }

  /** Removes the bytes under `blobKey` if no asset refers to them any more. */
  async release(blobKey: string): Promise<void> {
    await this.#lock.run(blobKey, () => this.#deleteIfUnreferenced(blobKey));
  }

  async #recordOrRelease(blobKey: string, record: () => Promise<boolean>): Promise<boolean> {
    const recorded = await record().catch(async (error: unknown) => {
      await this.#deleteIfUnreferenced(blobKey);
      throw error;
    });
    if (!recorded) await this.#deleteIfUnreferenced(blobKey);
    return recorded;
  }

  async #deleteIfUnreferenced(blobKey: string): Promise<void> {
    if (await this.#catalog.isBlobReferenced(blobKey)) return;
    await this.#blobs.delete(blobKey);
  }
}
