/** A `Retry-After` given in seconds: digits only (RFC 9110 §10.2.3, `delay-seconds`). */
const DELAY_SECONDS = /^\d+$/;

/**
 * The wait a `Retry-After` header asks for, in milliseconds: either a number of seconds or an
 * HTTP date (RFC 9110 §10.2.3), a date in the past meaning no wait. `undefined` when the header
 * is absent or unreadable, so the usual backoff applies.
 *
 * @param nowMs the current time, in milliseconds since the epoch, to measure a date from
 */
export function retryAfterMs(
  header: string | string[] | undefined,
  nowMs: number,
): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;

  if (DELAY_SECONDS.test(value)) return Number(value) * 1000;
  const dateMs = Date.parse(value);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowMs);
}
