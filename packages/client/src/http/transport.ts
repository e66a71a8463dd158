import type { RetryPolicy } from '../retry/retry-policy.js';
import type { HttpRequest, HttpResponse } from './http-exchange.js';

/**
 * How an operation that takes several requests reaches the server. The client implements it
 * around its one private `#send`, so every request still goes through that one place.
 */
export interface Transport {
  /** The API base URL, ending with `/`. */
  readonly baseUrl: URL;
  /** The client's retry policy, which `api` and `upload` already apply to each request. */
  readonly retry: RetryPolicy;
  /** Sends a request to the API, with the API key. */
  api(request: HttpRequest, signal: AbortSignal | undefined): Promise<HttpResponse>;
  /** Sends a request to an upload URL, which carries its own authorization: no API key. */
  upload(request: HttpRequest, signal: AbortSignal | undefined): Promise<HttpResponse>;
}
