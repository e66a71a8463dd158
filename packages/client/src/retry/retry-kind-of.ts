import { ApiError } from '../errors/api-error.js';
import { NetworkError } from '../errors/network-error.js';
import type { RetryKind } from './retry-options.js';

/** HTTP 408 Request Timeout: the server gave up waiting for the request (RFC 9110 §15.5.9). */
const REQUEST_TIMEOUT_STATUS = 408;
/** HTTP 429 Too Many Requests (RFC 6585 §4). */
const TOO_MANY_REQUESTS_STATUS = 429;
/** The server's code for a request whose earlier attempt it is still working on (SPEC §6). */
const IN_PROGRESS_CODE = 'request_in_progress';

/**
 * The kind of a failure that another attempt may cure, or `undefined` for one that would fail
 * the same way again: any other 4xx, a refused or unreadable source, a bad answer.
 */
export function retryKindOf(error: unknown): RetryKind | undefined {
  if (error instanceof NetworkError) return error.code === 'timeout' ? 'timeout' : 'network';
  if (!(error instanceof ApiError)) return undefined;

  if (error.status >= 500) return 'server_error';
  if (error.status === TOO_MANY_REQUESTS_STATUS) return 'rate_limited';
  if (error.status === REQUEST_TIMEOUT_STATUS) return 'timeout';
  if (error.serverCode === IN_PROGRESS_CODE) return 'in_progress';
  return undefined;
}
