/**
 * The server answered with a success status but a body this client cannot read: not JSON, or
 * missing a field the API promises. Usually a proxy in front of the server, or the wrong base URL.
 */
export class UnexpectedResponseError extends Error {
  override name = 'UnexpectedResponseError';
  readonly code = 'unexpected_response';
  readonly method: string;
  readonly url: string;
  readonly status: number;

  constructor(method: string, url: string, status: number, problem: string, cause?: unknown) {
    super(`${method} ${url} answered ${status} with ${problem}`, { cause });
    this.method = method;
    this.url = url;
    this.status = status;
  }
}
