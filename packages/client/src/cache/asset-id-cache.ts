/** Which upload a cached id stands for: the same bytes sent to the same server and space. */
export interface AssetCacheKey {
  /** The API base URL the bytes were uploaded to, ending with `/`. */
  baseUrl: string;
  /** A hash of the API key (see `spaceOfApiKey`): whose space the asset is in. Not the key. */
  space: string;
  /** Hex SHA-256 of the bytes uploaded. */
  sha256: string;
}

/** An uploaded asset as the cache keeps it. */
export interface CachedAsset extends AssetCacheKey {
  assetId: string;
  /** The public files URL. */
  url: string;
  mimeType: string;
  sizeBytes: number;
  /** When the server last confirmed it holds the asset, in milliseconds since 1970. */
  checkedAt: number;
}

/**
 * Where the SDK remembers the ids of uploaded bytes, so the same bytes are not uploaded twice
 * (SPEC §10). `FileAssetIdCache` (the default, on disk) and `MemoryAssetIdCache` implement it;
 * any other store may, and the same conformance tests apply to it.
 */
export interface AssetIdCache {
  get(key: AssetCacheKey): Promise<CachedAsset | undefined>;
  /** Adds or replaces the entry for the entry's key. */
  set(entry: CachedAsset): Promise<void>;
  delete(key: AssetCacheKey): Promise<void>;
  /** Every entry, in no particular order. */
  list(): Promise<CachedAsset[]>;
  clear(): Promise<void>;
}

/** One string per key, for stores that index by string. */
export function cacheKeyText(key: AssetCacheKey): string {
  return `${key.sha256} ${key.space} ${key.baseUrl}`;
}

/** Whether `value` has every field of a `CachedAsset` with the right type. */
export function isCachedAsset(value: unknown): value is CachedAsset {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  const strings = ['baseUrl', 'space', 'sha256', 'assetId', 'url', 'mimeType'];
  const numbers = ['sizeBytes', 'checkedAt'];

  return (
    strings.every((name) => typeof entry[name] === 'string') &&
    numbers.every((name) => Number.isFinite(entry[name]))
  );
}

/** A copy with exactly the fields of a `CachedAsset`, in a fixed order. */
export function copyCachedAsset(entry: CachedAsset): CachedAsset {
  return {
    baseUrl: entry.baseUrl,
    space: entry.space,
    sha256: entry.sha256,
    assetId: entry.assetId,
    url: entry.url,
    mimeType: entry.mimeType,
    sizeBytes: entry.sizeBytes,
    checkedAt: entry.checkedAt,
  };
}
