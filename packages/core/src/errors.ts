import { ERROR_STATUS, type ErrorCode, type MediaErrorCode } from './error-codes.js';

export interface AssetErrorOptions {
  /** What the user can do about it, shown after the message. */
  hint?: string;
  /** The request field the error is about, when there is one. */
  param?: string;
  cause?: unknown;
}

/**
 * The one error class of heygen-assets: a stable `code`, the HTTP `status` that code maps to and
 * a message that says what was found. Each API dialect renders it into its own envelope.
 */
export class AssetError extends Error {
  override name = 'AssetError';
  readonly code: ErrorCode;
  readonly status: number;
  readonly hint: string | undefined;
  readonly param: string | undefined;

  constructor(code: ErrorCode, message: string, options: AssetErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.hint = options.hint;
    this.param = options.param;
  }
}

/** A file refused by the media rules (SPEC §3). */
export class MediaRejectedError extends AssetError {
  override name = 'MediaRejectedError';
  declare readonly code: MediaErrorCode;

  constructor(code: MediaErrorCode, message: string, options: AssetErrorOptions = {}) {
    super(code, message, options);
  }
}
