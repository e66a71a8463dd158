/**
 * An upload from a stream failed in a way a retry could have cured, but its bytes had already
 * been read and a stream cannot be read twice, so it was not sent again. The failure (an
 * `ApiError`, `NetworkError` or `TimeoutError`) is kept in `cause`. Passing a file path (opened
 * afresh for each attempt) or bytes in memory makes the same upload retryable.
 */
export class StreamNotRetriedError extends Error {
  override name = 'StreamNotRetriedError';
  readonly code = 'stream_not_retried';
  readonly method: string;
  /** URL of the failed request, with any query string redacted. */
  readonly url: string;

  /** @param cause the failure, whose message starts this one's (it names method and URL) */
  constructor(method: string, url: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `${reason.replace(/\.$/, '')}. Not retried: the stream given as the source was already ` +
        'read and cannot be read again; pass a file path or bytes to have the upload retried.',
      { cause },
    );
    this.method = method;
    this.url = url;
  }
}
