import {
  CANONICAL_MEDIA_TYPES,
  type CanonicalMediaType,
  MediaRejectedError,
  sniffMediaType,
} from '@heygen-assets/core';

/**
 * The type of a stream decided from its first bytes, for a stream too long to inspect whole
 * without holding it in memory; the server then runs the full check on everything it receives.
 */
export function checkStreamHead(
  head: Uint8Array,
  declaredType: CanonicalMediaType | undefined,
): CanonicalMediaType {
  const sniffed = sniffMediaType(head);

  if (sniffed.kind === 'refused') {
    throw new MediaRejectedError(
      'unsupported_media_type',
      `The bytes are ${sniffed.name}, which the service does not accept.`,
      { hint: sniffed.hint ?? `Accepted types: ${CANONICAL_MEDIA_TYPES.join(', ')}.` },
    );
  }
  if (sniffed.kind === 'unknown') {
    throw new MediaRejectedError(
      'unsupported_media_type',
      'The bytes are not of any type the service accepts.',
      { hint: `Accepted types: ${CANONICAL_MEDIA_TYPES.join(', ')}.` },
    );
  }
  if (declaredType && declaredType !== sniffed.type) {
    throw new MediaRejectedError(
      'content_type_mismatch',
      `The content type was declared as ${declaredType} but the bytes are ${sniffed.type}.`,
      { hint: 'Leave contentType out to use the type detected from the bytes.' },
    );
  }
  return sniffed.type;
}
