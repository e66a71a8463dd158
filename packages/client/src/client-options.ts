import type { AssetIdCacheOptions } from './cache/cache-options.js';
import type { RetryOptions } from './retry/retry-options.js';
import type { RetryPolicy } from './retry/retry-policy.js';

/** Base URL used when neither `baseUrl` nor `HEYGEN_API_BASE` is set: a server on this machine. */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:3000';

/** Default for `timeoutMs`, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface HeygenAssetsOptions extends AssetIdCacheOptions {
  /**
   * API key sent as `X-Api-Key` on API requests (never on upload URLs, which carry their own
   * authorization). Default: `process.env.HEYGEN_API_KEY`.
   */
  apiKey?: string | undefined;
  /**
   * Base URL of the API, e.g. `http://127.0.0.1:3000`; a path prefix is kept.
   * Default: `process.env.HEYGEN_API_BASE`, else `http://127.0.0.1:3000`.
   */
  baseUrl?: string | undefined;
  /**
   * Longest time, in milliseconds, a request may go without any progress (connecting, sending
   * or receiving) before it fails with `TimeoutError`. An idle limit rather than a total one, so
   * a large upload on a slow link is not cut off while it moves. 0 disables it. Default 30000.
   */
  timeoutMs?: number | undefined;
  /** Aborts every request of this client; each call may pass its own signal as well. */
  signal?: AbortSignal | undefined;
  /**
   * When and how failed requests are sent again: network errors, timeouts, 429 and 5xx, with
   * exponential backoff, full jitter and `Retry-After` honoured (see `RetryOptions` for every
   * default). Default: 4 retries; `{ retries: 0 }` turns retrying off.
   */
  retry?: RetryOptions | undefined;
}

/** Options with every default applied. */
export interface ResolvedClientOptions {
  apiKey: string;
  /** Always ends with `/`, so that relative paths keep any path prefix. */
  baseUrl: URL;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  retry: RetryPolicy;
}
