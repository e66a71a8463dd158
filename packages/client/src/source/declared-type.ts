import {
  CANONICAL_MEDIA_TYPES,
  type CanonicalMediaType,
  canonicalMediaType,
  MediaRejectedError,
} from '@heygen-assets/core';

/**
 * The canonical type a caller-declared content type names (aliases and parameters allowed),
 * or `undefined` when none was declared. A type the service never accepts is refused here,
 * before any byte is read or sent.
 */
export function declaredMediaType(contentType: string | undefined): CanonicalMediaType | undefined {
  if (contentType === undefined) return undefined;

  const canonical = canonicalMediaType(contentType);
  if (!canonical) {
    throw new MediaRejectedError(
      'unsupported_media_type',
      `The declared content type ${contentType} is not one the service accepts.`,
      { hint: `Accepted types: ${CANONICAL_MEDIA_TYPES.join(', ')}.` },
    );
  }
  return canonical;
}
