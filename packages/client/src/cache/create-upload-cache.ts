import type { Asset } from '../v3/asset.js';
import { type AssetIdCacheOptions, resolveCacheOptions } from './cache-options.js';
import { spaceOfApiKey } from './space-of-key.js';
import { UploadCache } from './upload-cache.js';

/**
 * The client's upload cache for its base URL and key, or `undefined` when caching is off.
 * Refuses a `revalidateAfterMs` that cannot work, like the client's other options.
 */
export function createUploadCache(
  options: AssetIdCacheOptions,
  baseUrl: URL,
  apiKey: string,
  getAsset: (assetId: string, signal: AbortSignal | undefined) => Promise<Asset>,
): UploadCache | undefined {
  const { cache, revalidateAfterMs } = resolveCacheOptions(options);
  if (!cache) return undefined;

  return new UploadCache({
    cache,
    revalidateAfterMs,
    baseUrl: baseUrl.href,
    space: spaceOfApiKey(apiKey),
    getAsset,
  });
}
