import { ApiError } from '../errors/api-error.js';
import type { HttpRequest, HttpResponse } from '../http/http-exchange.js';

/**
 * Longest the check waits for the files host, in milliseconds, whatever the client's `timeoutMs`
 * (which may be long, or 0 for none): a host that does not answer soon leaves the hit standing.
 */
export const FILES_URL_CHECK_TIMEOUT_MS = 5000;

/** Answers of a files URL that say its file is no longer there (RFC 9110 §15.5.5, §15.5.11). */
const GONE_STATUSES: ReadonlySet<number> = new Set([404, 410]);

/**
 * Whether a cached files URL answers a `HEAD` with 404 or 410: its asset was deleted (by anyone,
 * through any key of the space) or is otherwise no longer served (SPEC §7). Any other outcome —
 * the file served, another error status, no answer — is `false`: nothing shows the asset gone,
 * and a cache hit should not be thrown away for a check that could not be made. Aborting the
 * signal rejects with its reason.
 *
 * @param send sends the request once under the signal it is given (the caller's, capped at
 *   `FILES_URL_CHECK_TIMEOUT_MS`), without the API key (a files URL is a public capability URL),
 *   and rejects with an `ApiError` on an error status
 */
export async function filesUrlGone(
  url: string,
  send: (request: HttpRequest, signal: AbortSignal) => Promise<HttpResponse>,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  try {
    await send({ method: 'HEAD', url: new URL(url), headers: {} }, checkSignal(signal));
    return false;
  } catch (error) {
    signal?.throwIfAborted();
    return error instanceof ApiError && GONE_STATUSES.has(error.status);
  }
}

/** `signal`, or `FILES_URL_CHECK_TIMEOUT_MS` passing, whichever comes first. */
function checkSignal(signal: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(FILES_URL_CHECK_TIMEOUT_MS);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}
