import type { CanonicalMediaType, FileType } from '../media-types.js';

/**
 * What a successful media check reports about a file (SPEC §3). Dimensions are as displayed
 * (EXIF orientation applied); `durationSeconds` is never 0, NaN or infinite for a playable file.
 */
export interface MediaFacts {
  mimeType: CanonicalMediaType;
  fileType: FileType;
  sizeBytes: number;
  width?: number;
  height?: number;
  durationSeconds?: number;
  /** Codec names, e.g. `['h264', 'aac']`, `['mp3']`, `['pcm_s16le']`. */
  codecs?: string[];
  hasAlpha?: boolean;
  hasAudio?: boolean;
}

/** What the leading bytes of a file say it is, before any deep check. */
export type SniffResult =
  | { kind: 'accepted'; type: CanonicalMediaType }
  /** A recognised type the service refuses; `name` is what the message shows, e.g. `image/gif`. */
  | { kind: 'refused'; name: string; hint?: string }
  | { kind: 'unknown' };
