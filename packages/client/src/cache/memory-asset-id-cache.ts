import {
  type AssetCacheKey,
  type AssetIdCache,
  type CachedAsset,
  cacheKeyText,
  copyCachedAsset,
} from './asset-id-cache.js';

/** An `AssetIdCache` that lives as long as the process: for tests and short-lived jobs. */
export class MemoryAssetIdCache implements AssetIdCache {
  readonly #entries = new Map<string, CachedAsset>();

  async get(key: AssetCacheKey): Promise<CachedAsset | undefined> {
    const entry = this.#entries.get(cacheKeyText(key));
    return entry && copyCachedAsset(entry);
  }

  async set(entry: CachedAsset): Promise<void> {
    this.#entries.set(cacheKeyText(entry), copyCachedAsset(entry));
  }

  async delete(key: AssetCacheKey): Promise<void> {
    this.#entries.delete(cacheKeyText(key));
  }

  async list(): Promise<CachedAsset[]> {
    return [...this.#entries.values()].map(copyCachedAsset);
  }

  async clear(): Promise<void> {
    this.#entries.clear();
  }
}
