import type { RetryPolicy } from './retry-policy.js';

/**
 * The wait before retry `retry` (from 1), in milliseconds. Without `Retry-After`, full jitter:
 * a random time between 0 and `min(maxDelayMs, baseDelayMs × 2^(retry−1))`, which spreads out
 * the clients a failure hit at the same moment better than a fixed or half-random backoff.
 * With it, the server's wait, cut to `retryAfterCapMs`.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  retry: number,
  serverWaitMs: number | undefined,
): number {
  if (serverWaitMs !== undefined) return Math.min(serverWaitMs, policy.retryAfterCapMs);

  const ceilingMs = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(policy.random() * ceilingMs);
}
