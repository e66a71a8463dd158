import type { ByteSource } from '../byte-source.js';
import type { CanonicalMediaType } from '../media-types.js';
import type { ImageLimits } from './image-limits.js';
import type { MediaFacts } from './media-facts.js';

/** What a format's structural check learns, beyond the type and size every check reports. */
export type FormatFacts = Omit<MediaFacts, 'mimeType' | 'fileType' | 'sizeBytes'>;

export interface FormatInspection {
  source: ByteSource;
  /** The first bytes of the source (at most `SNIFF_WINDOW_BYTES`), already read for the sniff. */
  head: Uint8Array;
  /** The type the uploader declared, when known; some verdicts depend on it (SPEC §3). */
  declaredType: CanonicalMediaType | undefined;
  imageLimits: ImageLimits;
}

/**
 * The structural check of one accepted format: reads what it needs through the source (every
 * read bounded), returns the facts, or throws `MediaRejectedError` with a SPEC §3 code.
 */
export type FormatInspector = (inspection: FormatInspection) => Promise<FormatFacts>;
