/**
 * Every stable error code the service returns, with its HTTP status.
 * The first block is SPEC §3 (media rules); the rest are API-level codes (SPEC §2, §4–§6, §9).
 */
export const ERROR_STATUS = {
  missing_content: 400,
  unsupported_media_type: 415,
  content_type_mismatch: 415,
  animated_image_not_supported: 415,
  unsupported_codec: 415,
  corrupt_media: 422,
  incomplete_media: 422,
  image_too_large: 422,
  file_too_large: 413,
  size_mismatch: 400,
  checksum_mismatch: 400,

  invalid_request: 400,
  request_too_large: 413,
  unauthorized: 401,
  signature_mismatch: 403,
  upload_url_expired: 403,
  not_found: 404,
  range_not_satisfiable: 416,
  already_uploaded: 409,
  upload_not_found: 409,
  request_in_progress: 409,
  asset_not_usable: 400,
  unsupported_url: 400,
  forbidden_address: 400,
  internal_error: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The codes a media check can end in (SPEC §3). */
export const MEDIA_ERROR_CODES = [
  'missing_content',
  'unsupported_media_type',
  'content_type_mismatch',
  'animated_image_not_supported',
  'unsupported_codec',
  'corrupt_media',
  'incomplete_media',
  'image_too_large',
  'file_too_large',
  'size_mismatch',
  'checksum_mismatch',
] as const satisfies readonly ErrorCode[];

export type MediaErrorCode = (typeof MEDIA_ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_STATUS, value);
}
