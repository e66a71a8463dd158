import type { AssetIdCache } from './asset-id-cache.js';
import { FileAssetIdCache } from './file-asset-id-cache.js';

/** Default for `revalidateAfterMs`: a day, in milliseconds. */
export const DEFAULT_REVALIDATE_AFTER_MS = 24 * 60 * 60 * 1000;

/** Environment variable that turns the default on-disk cache off (any value but `0` or empty). */
export const NO_CACHE_ENV = 'HEYGEN_ASSETS_NO_CACHE';

/** The client options of the asset-id cache (SPEC §10, cache asset ids). */
export interface AssetIdCacheOptions {
  /**
   * Where `uploadFile` remembers the asset id of bytes it uploaded, to skip uploading the same
   * bytes to the same server and space again; `false` turns it off. `delete` drops the entries
   * of the asset it deletes. Default: a `FileAssetIdCache` in the user's cache directory, unless
   * `HEYGEN_ASSETS_NO_CACHE` is set.
   */
  cache?: AssetIdCache | false | undefined;
  /**
   * Age, in milliseconds, after which a cached id is checked with the server
   * (`GET /v3/assets/{id}`) before it is reused; an asset the server no longer has, or no
   * longer has completed with the same bytes, is uploaded again. 0 checks every time.
   * A younger id costs one `HEAD` of its files URL instead: a 404 or 410 there (an asset deleted
   * elsewhere) has the bytes uploaded again; any other outcome reuses the id.
   * Default 86400000 (24 hours).
   */
  revalidateAfterMs?: number | undefined;
}

export interface ResolvedCacheOptions {
  cache: AssetIdCache | undefined;
  revalidateAfterMs: number;
}

export function resolveCacheOptions(
  options: AssetIdCacheOptions,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedCacheOptions {
  const revalidateAfterMs = options.revalidateAfterMs ?? DEFAULT_REVALIDATE_AFTER_MS;
  if (!Number.isFinite(revalidateAfterMs) || revalidateAfterMs < 0) {
    throw new TypeError(
      `revalidateAfterMs must be a number of milliseconds ≥ 0, not ${revalidateAfterMs}.`,
    );
  }

  return { cache: chosenCache(options.cache, env), revalidateAfterMs };
}

function chosenCache(
  cache: AssetIdCache | false | undefined,
  env: NodeJS.ProcessEnv,
): AssetIdCache | undefined {
  if (cache === false) return undefined;
  if (cache !== undefined) return cache;

  const off = env[NO_CACHE_ENV];
  return off !== undefined && off !== '' && off !== '0' ? undefined : new FileAssetIdCache();
}
