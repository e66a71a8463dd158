import { type AssetIdCacheOptions, resolveCacheOptions } from './cache-options.js';
import { spaceOfApiKey } from './space-of-key.js';
import { UploadCache, type UploadCacheSetup } from './upload-cache.js';

/** How the cache asks the server whether a cached asset is still there. */
export type UploadCacheChecks = Pick<UploadCacheSetup, 'getAsset' | 'filesUrlGone'>;

/**
 * The client's upload cache for its base URL and key, or `undefined` when caching is off.
 * Refuses a `revalidateAfterMs` that cannot work, like the client's other options.
 */
export function createUploadCache(
  options: AssetIdCacheOptions,
  baseUrl: URL,
  apiKey: string,
  checks: UploadCacheChecks,
): UploadCache | undefined {
  const { cache, revalidateAfterMs } = resolveCacheOptions(options);
  if (!cache) return undefined;

  return new UploadCache({
    cache,
    revalidateAfterMs,
    baseUrl: baseUrl.href,
    space: spaceOfApiKey(apiKey),
    getAsset: checks.getAsset,
    filesUrlGone: checks.filesUrlGone,
  });
}
