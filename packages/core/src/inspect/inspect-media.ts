import type { ByteSource } from '../byte-source.js';
import { MediaRejectedError } from '../errors.js';
import { SNIFF_WINDOW_BYTES } from '../limits.js';
import { type CanonicalMediaType, mediaTypeRule } from '../media-types.js';
import type { MediaFacts } from './media-facts.js';
import { sniffMediaType } from './sniff.js';

export interface InspectOptions {
  /** The type the uploader declared; a different detected type is `content_type_mismatch`. */
  declaredType?: CanonicalMediaType;
}

/** PLACEHOLDER until the format inspectors land: type from the signature, no deep check. */
export async function inspectMedia(
  source: ByteSource,
  options: InspectOptions = {},
): Promise<MediaFacts> {
  if (source.size === 0) {
    throw new MediaRejectedError('missing_content', 'The body is empty.');
  }
  const sniffed = sniffMediaType(await source.read(0, SNIFF_WINDOW_BYTES));
  if (sniffed.kind !== 'accepted') {
    throw new MediaRejectedError('unsupported_media_type', 'Unrecognised bytes.');
  }
  if (options.declaredType && options.declaredType !== sniffed.type) {
    throw new MediaRejectedError(
      'content_type_mismatch',
      `Declared ${options.declaredType} but the bytes are ${sniffed.type}.`,
    );
  }
  const rule = mediaTypeRule(sniffed.type);
  return { mimeType: sniffed.type, fileType: rule.fileType, sizeBytes: source.size };
}
