import {
  type AssetError,
  type ErrorCode,
  redactUrl,
  type UrlSourceError,
  type UrlSourceErrorCode,
} from '@heygen-assets/core';

/**
 * Why an external URL of a video request could not become an asset, as the video's
 * `error.code` shows it: a URL or address refused (`unsupported_url`, `forbidden_address`),
 * `too_many_redirects`, an error answer (`source_unavailable`), a source that could not be
 * reached or went silent (`source_unreachable`, `source_timeout`), or bytes the media rules
 * refuse (SPEC §3 codes such as `unsupported_media_type` or `file_too_large`).
 */
export type SourceFetchErrorCode =
  | UrlSourceErrorCode
  | ErrorCode
  | 'source_unreachable'
  | 'source_timeout';

/** An external URL that could not be fetched into an asset; final, not retried. */
export class SourceFetchError extends Error {
  override name = 'SourceFetchError';
  readonly code: SourceFetchErrorCode;
  readonly hint: string | undefined;

  constructor(code: SourceFetchErrorCode, message: string, hint?: string, cause?: unknown) {
    super(message, { cause });
    this.code = code;
    this.hint = hint;
  }

  /** The same failure, from an error that carries a code of its own. */
  static of(error: UrlSourceError | AssetError): SourceFetchError {
    return new SourceFetchError(error.code, error.message, error.hint, error);
  }

  /** A source that could not be reached: a failed lookup, a refused or dropped connection. */
  static unreachable(url: URL, cause: unknown): SourceFetchError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new SourceFetchError(
      'source_unreachable',
      `GET ${redactUrl(url)} failed: ${reason}.`,
      'Check that the host is up and reachable from the server.',
      cause,
    );
  }
}
