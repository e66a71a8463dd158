import { MediaRejectedError } from '../errors.js';
import { sniffMediaType } from '../inspect/sniff.js';
import { CANONICAL_MEDIA_TYPES, type CanonicalMediaType, essenceOf } from '../media-types.js';

/**
 * The type of a media URL's body, decided from its first bytes (SPEC §3): the `Content-Type`
 * the source sent is only quoted in messages. So an HTML error page served as `image/png` is
 * refused as the HTML it is, and real media behind `application/octet-stream` is accepted.
 *
 * @param where the request, as messages name it (`GET https://…`)
 * @param labelled the source's `Content-Type` header, if any
 * @param declared the caller's `contentType` option, which must agree with the bytes
 */
export function detectSourceType(
  head: Uint8Array,
  where: string,
  labelled: string | undefined,
  declared: CanonicalMediaType | undefined,
): CanonicalMediaType {
  const sniffed = sniffMediaType(head);
  const label = labelled === undefined ? '' : ` (sent as ${essenceOf(labelled)})`;
  const accepted = `Accepted types: ${CANONICAL_MEDIA_TYPES.join(', ')}.`;

  if (sniffed.kind === 'refused') {
    throw new MediaRejectedError(
      'unsupported_media_type',
      `${where} answered with ${sniffed.name}${label}, which the service does not accept.`,
      { hint: sniffed.hint ?? accepted },
    );
  }
  if (sniffed.kind === 'unknown') {
    throw new MediaRejectedError(
      'unsupported_media_type',
      `${where} answered with bytes${label} that are not of any type the service accepts.`,
      { hint: accepted },
    );
  }
  if (declared && declared !== sniffed.type) {
    throw new MediaRejectedError(
      'content_type_mismatch',
      `The content type was declared as ${declared} but ${where} answered with ${sniffed.type}.`,
      { hint: 'Leave contentType out to use the type detected from the bytes.' },
    );
  }
  return sniffed.type;
}
