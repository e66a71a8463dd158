/** Default for `retries`: retries after the first attempt (five attempts in all). */
export const DEFAULT_RETRIES = 4;
/** Default for `baseDelayMs`, in milliseconds. */
export const DEFAULT_RETRY_BASE_DELAY_MS = 500;
/** Default for `maxDelayMs`, in milliseconds. */
export const DEFAULT_RETRY_MAX_DELAY_MS = 20_000;
/** Default for `retryAfterCapMs`, in milliseconds. */
export const DEFAULT_RETRY_AFTER_CAP_MS = 60_000;

/** The HTTP methods the client sends; every one of them may be retried by default. */
export const RETRYABLE_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'] as const;
export type RetryableMethod = (typeof RETRYABLE_METHODS)[number];

/**
 * The kinds of failure a retry can follow:
 * - `network`: the connection was refused, reset or dropped (`ECONNREFUSED`, `ECONNRESET`,
 *   "socket hang up", a body cut midway) — a `NetworkError`;
 * - `timeout`: nothing moved for `timeoutMs` (a `TimeoutError`), or the server answered 408;
 * - `rate_limited`: 429 Too Many Requests (RFC 6585 §4);
 * - `server_error`: any 5xx;
 * - `in_progress`: 409 `request_in_progress`, the server still working on an earlier attempt of
 *   the same request (a v3 `Idempotency-Key` replayed, or a PUT whose first try it has not yet
 *   seen end).
 */
export const RETRY_KINDS = [
  'network',
  'timeout',
  'rate_limited',
  'server_error',
  'in_progress',
] as const;
export type RetryKind = (typeof RETRY_KINDS)[number];

/** Why a request is sent again: one of the retried failures, or an expired upload URL. */
export type RetryReason = RetryKind | 'upload_url_expired';

/** What `onRetry` is told before each retry. */
export interface RetryEvent {
  reason: RetryReason;
  /** Method of the failed request. */
  method: string;
  /** URL of the failed request, its query string redacted (upload URLs carry a signature). */
  url: string;
  /**
   * Which retry comes next, from 1. For `upload_url_expired`, which refresh of the upload URL
   * (counted apart from the retries, which start afresh for the new URL).
   */
  retry: number;
  /** The wait before the retry, in milliseconds (0 for `upload_url_expired`). */
  delayMs: number;
  /** What the server asked for in `Retry-After`, in milliseconds before the cap; else undefined. */
  retryAfterMs: number | undefined;
  /** The failure: an `ApiError`, a `NetworkError` or a `TimeoutError`. */
  error: unknown;
}

/**
 * When and how requests are sent again (SPEC §10). Waits grow exponentially with full jitter:
 * before retry n the client waits a random time between 0 and
 * `min(maxDelayMs, baseDelayMs × 2^(n−1))`, so clients that failed together do not come back
 * together; a `Retry-After` answer is waited for instead, up to `retryAfterCapMs`.
 */
export interface RetryOptions {
  /** Most retries after the first attempt; 0 turns retrying off. Default 4 (five attempts). */
  retries?: number | undefined;
  /** Ceiling of the first wait, in milliseconds; it doubles for each retry. Default 500. */
  baseDelayMs?: number | undefined;
  /** Highest ceiling of a wait without `Retry-After`, in milliseconds. Default 20000. */
  maxDelayMs?: number | undefined;
  /**
   * Longest wait a `Retry-After` header (seconds or an HTTP date, RFC 9110 §10.2.3) can impose,
   * in milliseconds; a longer one is cut to this. Default 60000.
   */
  retryAfterCapMs?: number | undefined;
  /** Methods retried. Default: all the client sends (`GET`, `HEAD`, `POST`, `PUT`, `DELETE`). */
  methods?: readonly RetryableMethod[] | undefined;
  /** Failures retried (see `RetryKind`). Default: all of them. */
  kinds?: readonly RetryKind[] | undefined;
  /**
   * Called before each retry and each upload URL refresh, e.g. to log it (the SDK itself never
   * writes to the console). An exception thrown here fails the call with it.
   */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /** Source of the jitter, a number in [0, 1). Default `Math.random`; replace it in tests. */
  random?: (() => number) | undefined;
  /**
   * Waits `delayMs` milliseconds; must reject with the signal's reason once it aborts.
   * Default: a timer. Replace it in tests to skip or record the waits.
   */
  sleep?: ((delayMs: number, signal: AbortSignal | undefined) => Promise<void>) | undefined;
  /** The current time, in milliseconds since the epoch, to read HTTP dates. Default `Date.now`. */
  now?: (() => number) | undefined;
}
