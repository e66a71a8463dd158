/** Codes of the failures that happen before any HTTP status is known. */
export type NetworkErrorCode = 'network_error' | 'timeout';

/**
 * The request never got a complete answer: the connection was refused, reset or dropped.
 * The original socket error is kept in `cause`. Safe to retry for idempotent steps.
 */
export class NetworkError extends Error {
  override name = 'NetworkError';
  readonly code: NetworkErrorCode;
  readonly method: string;
  /** URL of the failed request, with any query string redacted. */
  readonly url: string;

  constructor(
    method: string,
    url: string,
    cause: unknown,
    code: NetworkErrorCode = 'network_error',
  ) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`${method} ${url} failed: ${reason}`, { cause });
    this.method = method;
    this.url = url;
    this.code = code;
  }
}
