import { AssetError, type ErrorCode } from '@heygen-assets/core';

export interface ApiErrorDetails {
  /** HTTP method of the failed request. */
  method: string;
  /** URL of the failed request, with any query string redacted (it may carry a signature). */
  url: string;
  /** HTTP status the server answered with. */
  status: number;
  /** The server's code when it is one this client knows, else the nearest generic code. */
  code: ErrorCode;
  /** The code exactly as the server sent it, if it sent one. */
  serverCode: string | undefined;
  /** The server's own message, or a description of the response when it sent none. */
  serverMessage: string;
  /** The `X-Request-Id` response header, to quote when reporting the problem. */
  requestId: string | undefined;
  /** The request field the error is about, when the server named one (v3 `error.param`). */
  param?: string | undefined;
  hint?: string | undefined;
  cause?: unknown;
}

/**
 * The server answered a request with an error status. Carries the stable `code` and the HTTP
 * `status` as the server gave them, so callers branch on `code` rather than on message text.
 */
export class ApiError extends AssetError {
  override name = 'ApiError';
  override readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly serverCode: string | undefined;
  readonly serverMessage: string;
  readonly requestId: string | undefined;

  constructor(details: ApiErrorDetails) {
    const shownCode = details.serverCode ?? details.code;
    super(
      details.code,
      `${details.method} ${details.url} failed with ${details.status} ${shownCode}: ${details.serverMessage}`,
      { hint: details.hint, param: details.param, cause: details.cause },
    );
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.serverCode = details.serverCode;
    this.serverMessage = details.serverMessage;
    this.requestId = details.requestId;
  }
}
