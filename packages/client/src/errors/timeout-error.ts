import { NetworkError } from './network-error.js';

/** The server sent or accepted nothing for `timeoutMs` milliseconds, so the request was ended. */
export class TimeoutError extends NetworkError {
  override name = 'TimeoutError';
  readonly timeoutMs: number;

  constructor(method: string, url: string, timeoutMs: number) {
    super(method, url, new Error(`no progress for ${timeoutMs} ms`), 'timeout');
    this.timeoutMs = timeoutMs;
  }
}
