/** A `Retry-After` given in seconds: digits only (RFC 9110 §10.2.3, `delay-seconds`). */
const DELAY_SECONDS = /^\d+$/;

/**
 * Every form of HTTP date starts with a day name (RFC 9110 §5.6.7: IMF-fixdate, and the obsolete
 * RFC 850 and asctime forms). Checked before `Date.parse`, which also takes "-5" or "1.5".
 */
const HTTP_DATE_START = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)/;

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
  if (!HTTP_DATE_START.test(value)) return undefined;
  // The asctime form names no zone, but every HTTP date is in GMT; `Date.parse` would read
  // it as local time.
  const dateMs = Date.parse(value.endsWith('GMT') ? value : `${value} GMT`);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowMs);
}
