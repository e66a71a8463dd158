/** First retry delay of a failed job, in milliseconds. */
export const JOB_RETRY_BASE_MS = 1000;

/** Longest delay between two attempts of a job, in milliseconds. */
export const JOB_RETRY_CAP_MS = 5 * 60 * 1000;

/**
 * Delay before the next attempt after `attempts` failed ones: exponential with full jitter, so
 * jobs that failed together (a store outage) do not retry together.
 */
export function retryDelayMs(
  attempts: number,
  baseMs = JOB_RETRY_BASE_MS,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(JOB_RETRY_CAP_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling * random());
}
