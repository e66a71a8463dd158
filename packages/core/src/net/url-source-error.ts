/**
 * Why a media URL could not be fetched — by the SDK's `uploadFromUrl`, or by the server for a
 * video request that names an external URL.
 */
export type UrlSourceErrorCode =
  /** Not an absolute http(s) URL, or one that carries credentials. */
  | 'unsupported_url'
  /** The host is, or resolves to, an address that is refused (loopback, private, metadata…). */
  | 'forbidden_address'
  /** More redirects than `MAX_SOURCE_REDIRECTS`. */
  | 'too_many_redirects'
  /** The source answered with an error status, or a redirect without a usable `Location`. */
  | 'source_unavailable';

export interface UrlSourceErrorDetails {
  /** The URL concerned, query redacted (a presigned URL carries its signature there). */
  url: string;
  hint?: string | undefined;
  /** The refused IP address, for `forbidden_address`. */
  address?: string | undefined;
  /** The source's HTTP status, for `source_unavailable`. */
  sourceStatus?: number | undefined;
  cause?: unknown;
}

/**
 * A media URL was refused, or its source did not answer with the media (SPEC §10, upload from
 * URL). Media refused for its content is a `MediaRejectedError` instead (SPEC §3 codes).
 */
export class UrlSourceError extends Error {
  override name = 'UrlSourceError';
  readonly code: UrlSourceErrorCode;
  readonly url: string;
  readonly hint: string | undefined;
  readonly address: string | undefined;
  readonly sourceStatus: number | undefined;

  constructor(code: UrlSourceErrorCode, message: string, details: UrlSourceErrorDetails) {
    super(message, { cause: details.cause });
    this.code = code;
    this.url = details.url;
    this.hint = details.hint;
    this.address = details.address;
    this.sourceStatus = details.sourceStatus;
  }
}
