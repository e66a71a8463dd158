import { errorFromResponse } from '../http/error-from-response.js';
import type { HttpRequest, HttpResponse } from '../http/http-exchange.js';
import { redactUrl } from '../http/redact-url.js';
import { retryAfterMs } from './retry-after.js';
import { retryDelayMs } from './retry-delay.js';
import { retryKindOf } from './retry-kind-of.js';
import type { RetryKind } from './retry-options.js';
import type { RetryPolicy } from './retry-policy.js';
import { StreamNotRetriedError } from './stream-not-retried-error.js';

/** How one attempt ended: a success, or the error to throw and the error answer, if any. */
type Outcome =
  | { ok: true; response: HttpResponse }
  | { ok: false; error: unknown; response: HttpResponse | undefined };

/**
 * Sends `request` through `sendOnce` until it succeeds, fails in a way a retry cannot cure, or
 * the policy's retries run out; then the last failure is thrown as it was (an error status as
 * an `ApiError`). The same request object goes out each time, so a v3 `POST` keeps its
 * `Idempotency-Key` and the server replays its first answer rather than acting twice. A
 * `BodyOpener` body is opened afresh for each attempt; a stream body cannot be, so a failure
 * that would have been retried ends in `StreamNotRetriedError` instead. Aborting the signal ends
 * a wait at once, with the signal's reason.
 */
export async function sendWithRetries(
  request: HttpRequest,
  policy: RetryPolicy,
  signal: AbortSignal | undefined,
  sendOnce: (request: HttpRequest) => Promise<HttpResponse>,
): Promise<HttpResponse> {
  for (let retry = 1; ; retry++) {
    const outcome = await attempt(request, sendOnce);
    if (outcome.ok) return outcome.response;
    signal?.throwIfAborted();

    const kind = retriedKind(request, policy, outcome.error);
    if (kind === undefined || retry > policy.retries) throw outcome.error;
    if (isOneShot(request)) {
      throw new StreamNotRetriedError(request.method, redactUrl(request.url), outcome.error);
    }

    const serverWaitMs = retryAfterMs(outcome.response?.headers['retry-after'], policy.now());
    const delayMs = retryDelayMs(policy, retry, serverWaitMs);
    policy.onRetry({
      reason: kind,
      method: request.method,
      url: redactUrl(request.url),
      retry,
      delayMs,
      retryAfterMs: serverWaitMs,
      error: outcome.error,
    });
    await policy.sleep(delayMs, signal);
  }
}

async function attempt(
  request: HttpRequest,
  sendOnce: (request: HttpRequest) => Promise<HttpResponse>,
): Promise<Outcome> {
  let response: HttpResponse;
  try {
    response = await sendOnce(request);
  } catch (error) {
    return { ok: false, error, response: undefined };
  }

  if (response.status < 400) return { ok: true, response };
  return { ok: false, error: errorFromResponse(request, response), response };
}

/** The failure's kind when the policy retries it for this request's method, else undefined. */
function retriedKind(
  request: HttpRequest,
  policy: RetryPolicy,
  error: unknown,
): RetryKind | undefined {
  const kind = retryKindOf(error);
  if (kind === undefined || !policy.kinds.has(kind) || !policy.methods.has(request.method)) {
    return undefined;
  }
  return kind;
}

/** Whether the body is a stream that the first attempt has consumed. */
function isOneShot(request: HttpRequest): boolean {
  return typeof request.body === 'object';
}
