import { ApiError } from '../errors/api-error.js';
import type { RetryPolicy } from './retry-policy.js';
import { StreamNotRetriedError } from './stream-not-retried-error.js';

/** Most times one upload asks for a new upload URL after its URL expired. */
export const MAX_UPLOAD_URL_REFRESHES = 2;

/** The code of a PUT to an upload URL past its expiry (SPEC §4.2). */
const EXPIRED_URL_CODE = 'upload_url_expired';

/**
 * Runs `upload` — ask for an upload URL, then PUT the bytes there — and runs it again when the
 * PUT is refused with 403 `upload_url_expired`, as when a slow or long-retried upload outlives
 * its URL: a fresh URL is the only cure (SPEC §10). At most `MAX_UPLOAD_URL_REFRESHES` times,
 * and not at all when retries are off. A caller's stream cannot be sent twice, so its upload
 * ends in `StreamNotRetriedError` instead.
 */
export async function withFreshUploadUrl<T>(
  upload: () => Promise<T>,
  replayable: boolean,
  policy: RetryPolicy,
): Promise<T> {
  for (let refresh = 1; ; refresh++) {
    try {
      return await upload();
    } catch (error) {
      const expired = error instanceof ApiError && error.serverCode === EXPIRED_URL_CODE;
      if (!expired || policy.retries === 0 || refresh > MAX_UPLOAD_URL_REFRESHES) throw error;
      if (!replayable) throw new StreamNotRetriedError(error.method, error.url, error);

      policy.onRetry({
        reason: 'upload_url_expired',
        method: error.method,
        url: error.url,
        retry: refresh,
        delayMs: 0,
        retryAfterMs: undefined,
        error,
      });
    }
  }
}
