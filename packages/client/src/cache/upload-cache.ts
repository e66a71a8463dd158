import type { UploadedAsset } from '../operations/put-upload.js';
import { sha256OfUpload } from '../source/hash-upload.js';
import type { PreparedUpload } from '../source/prepared-upload.js';
import type { Asset } from '../v3/asset.js';
import type { AssetCacheKey, AssetIdCache, CachedAsset } from './asset-id-cache.js';

export interface UploadCacheSetup {
  cache: AssetIdCache;
  revalidateAfterMs: number;
  /** The API base URL, ending with `/`. */
  baseUrl: string;
  /** `spaceOfApiKey` of the client's key. */
  space: string;
  /** `GET /v3/assets/{id}` in the client's space. */
  getAsset(assetId: string, signal: AbortSignal | undefined): Promise<Asset>;
  /** The current time in milliseconds since 1970. Default `Date.now`. */
  now?: () => number;
}

/**
 * What `uploadFile` asks before and tells after an upload. The cache is an optimisation: a
 * store that fails to read counts as a miss, and one that fails to write is skipped, so a
 * broken cache never fails an upload.
 */
export class UploadCache {
  readonly #setup: UploadCacheSetup;
  readonly #now: () => number;

  constructor(setup: UploadCacheSetup) {
    this.#setup = setup;
    this.#now = setup.now ?? Date.now;
  }

  /**
   * The asset already holding these bytes, if the cache knows one the server still has.
   * Hashes the bytes first (streamed from a file). A caller's stream can be read only once, for
   * sending, so it is never looked up; its id is still remembered once uploaded.
   */
  async find(
    prepared: PreparedUpload,
    signal: AbortSignal | undefined,
  ): Promise<UploadedAsset | undefined> {
    const sha256 = await sha256OfUpload(prepared, signal);
    if (sha256 === undefined) return undefined;

    const key = this.#key(sha256);
    const entry = await this.#setup.cache.get(key).catch(() => undefined);
    if (!entry) return undefined;
    if (this.#now() - entry.checkedAt < this.#setup.revalidateAfterMs) return uploadedAsset(entry);

    return this.#revalidate(entry, signal);
  }

  /** Records an asset just uploaded (its `sha256` is that of the bytes sent, already checked). */
  async remember(asset: UploadedAsset): Promise<void> {
    await this.#store({ ...this.#key(asset.sha256), ...asset, checkedAt: this.#now() });
  }

  /**
   * Asks the server whether it still holds the cached asset, completed and with the same bytes.
   * Any answer but yes — gone (retention, deletion), failed, other bytes, or an error such as a
   * server without the v3 routes — drops the entry, and the bytes are uploaded again.
   */
  async #revalidate(
    entry: CachedAsset,
    signal: AbortSignal | undefined,
  ): Promise<UploadedAsset | undefined> {
    let asset: Asset | undefined;
    try {
      asset = await this.#setup.getAsset(entry.assetId, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
    }

    if (asset?.status === 'completed' && asset.sha256 === entry.sha256) {
      const confirmed = { ...entry, url: asset.url ?? entry.url, checkedAt: this.#now() };
      await this.#store(confirmed);
      return uploadedAsset(confirmed);
    }
    await this.#setup.cache.delete(entry).catch(() => {});
    return undefined;
  }

  async #store(entry: CachedAsset): Promise<void> {
    await this.#setup.cache.set(entry).catch(() => {});
  }

  #key(sha256: string): AssetCacheKey {
    return { baseUrl: this.#setup.baseUrl, space: this.#setup.space, sha256 };
  }
}

function uploadedAsset(entry: CachedAsset): UploadedAsset {
  return {
    assetId: entry.assetId,
    url: entry.url,
    mimeType: entry.mimeType,
    sizeBytes: entry.sizeBytes,
    sha256: entry.sha256,
  };
}
