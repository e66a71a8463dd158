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
  /** Whether the files URL answers 404 or 410 to a `HEAD` (see `filesUrlGone`). */
  filesUrlGone(url: string, signal: AbortSignal | undefined): Promise<boolean>;
  /** The current time in milliseconds since 1970. Default `Date.now`. */
  now?: () => number;
}

/**
 * What `uploadFile` asks before and tells after an upload, and what `delete` tells. The cache is
 * an optimisation: a store that fails to read counts as a miss, and one that fails to write is
 * skipped, so a broken cache never fails an upload or a delete.
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
   *
   * An entry checked within `revalidateAfterMs` costs one `HEAD` of its files URL: an asset
   * deleted since — by another client, key or process that could not tell this cache — answers
   * 404 there, and its entry is dropped, so the bytes are uploaded again rather than a dead URL
   * returned. An older entry gets the full check of `#revalidate` instead.
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
    if (this.#now() - entry.checkedAt >= this.#setup.revalidateAfterMs) {
      return this.#revalidate(entry, signal);
    }

    if (await this.#setup.filesUrlGone(entry.url, signal)) {
      await this.#drop(entry);
      return undefined;
    }
    return uploadedAsset(entry);
  }

  /** Records an asset just uploaded (its `sha256` is that of the bytes sent, already checked). */
  async remember(asset: UploadedAsset): Promise<void> {
    await this.#store({ ...this.#key(asset.sha256), ...asset, checkedAt: this.#now() });
  }

  /**
   * Drops every entry of this server and space that points at `assetId`, once the client has
   * deleted it (or been told it is not there): its files URL answers 404 from then on, so the
   * same bytes must be uploaded anew. Entries of other servers and keys are left to their own
   * checks.
   */
  async forget(assetId: string): Promise<void> {
    const { baseUrl, space } = this.#setup;
    const entries = await this.#setup.cache.list().catch((): CachedAsset[] => []);

    for (const entry of entries) {
      const ours = entry.baseUrl === baseUrl && entry.space === space;
      if (ours && entry.assetId === assetId) await this.#drop(entry);
    }
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
    await this.#drop(entry);
    return undefined;
  }

  async #drop(key: AssetCacheKey): Promise<void> {
    await this.#setup.cache.delete(key).catch(() => {});
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
