import { fileTypeFromBuffer } from 'file-type/core';
import type { ByteSource } from '../byte-source.js';
import { MediaRejectedError } from '../errors.js';
import { SNIFF_WINDOW_BYTES } from '../limits.js';
import { type CanonicalMediaType, isCanonicalMediaType, mediaTypeRule } from '../media-types.js';
import { MiB } from '../units.js';
import { AUDIO_SYNC_WINDOW_BYTES } from './audio-frame-sync.js';
import type { FormatFacts, FormatInspection } from './format-inspector.js';
import { FORMAT_INSPECTORS } from './format-inspectors.js';
import { ACCEPTED_FORMATS_PHRASE, FORMAT_NAMES } from './format-names.js';
import { hexPreview } from './hex-preview.js';
import { id3v2TagLength } from './id3v2.js';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from './image-limits.js';
import type { MediaFacts, SniffResult } from './media-facts.js';
import { readFully } from './read-fully.js';
import { sniffMediaType } from './sniff.js';
import { sniffAfterId3v2 } from './sniff-mpeg-audio.js';

export interface InspectOptions {
  /** The type the uploader declared; a different detected type is `content_type_mismatch`. */
  declaredType?: CanonicalMediaType;
  /**
   * Size limit per type, in bytes, replacing the defaults of `MEDIA_TYPES` for the types given
   * (e.g. `{ 'video/mp4': 500 * MiB }`). Default: the table's `maxBytes`.
   */
  maxBytes?: Partial<Record<CanonicalMediaType, number>>;
  /**
   * Image dimension limits. Default: `MAX_IMAGE_DIMENSION_PX` (8192) per side and
   * `MAX_IMAGE_PIXELS` (40 megapixels).
   */
  imageLimits?: Partial<ImageLimits>;
}

/**
 * Checks a file against the media rules (SPEC §3) and reports its facts. Steps, in order:
 * empty → `missing_content`; type from the bytes, refused or unknown → `unsupported_media_type`;
 * declared type differs → `content_type_mismatch`; over the type's size → `file_too_large`;
 * then the format's structural check. Every read goes through `source` and is bounded, so a
 * 2 GiB video is inspected without being read whole.
 *
 * @throws MediaRejectedError with the code and a message that says what was found and what to do.
 */
export async function inspectMedia(
  source: ByteSource,
  options: InspectOptions = {},
): Promise<MediaFacts> {
  if (source.size === 0) {
    throw new MediaRejectedError('missing_content', 'The upload is empty: send the file’s bytes.');
  }

  const head = await readFully(source, 0, SNIFF_WINDOW_BYTES);
  const type = await acceptedType(source, head);
  const { declaredType } = options;
  if (declaredType && declaredType !== type) throw mismatch(declaredType, type);

  const maxBytes = options.maxBytes?.[type] ?? mediaTypeRule(type).maxBytes;
  if (source.size > maxBytes) throw tooLarge(type, source.size, maxBytes);

  const imageLimits = { ...DEFAULT_IMAGE_LIMITS, ...options.imageLimits };
  const facts = await runInspector(type, { source, head, declaredType, imageLimits });
  return {
    mimeType: type,
    fileType: mediaTypeRule(type).fileType,
    sizeBytes: source.size,
    ...facts,
  };
}

/** The accepted type the bytes are, or the `unsupported_media_type` rejection naming them. */
async function acceptedType(source: ByteSource, head: Uint8Array): Promise<CanonicalMediaType> {
  const sniffed = await sniffBehindId3v2(source, head, sniffMediaType(head));
  if (sniffed.kind === 'accepted') return sniffed.type;
  if (sniffed.kind === 'refused') {
    throw new MediaRejectedError(
      'unsupported_media_type',
      `The bytes are ${sniffed.name}, which is not accepted: ` +
        `${sniffed.hint ?? `upload a ${ACCEPTED_FORMATS_PHRASE} file`}.`,
    );
  }
  throw await unknownType(head);
}

/**
 * Behind an ID3v2 tag the frames may start beyond the sniff window (cover art, padding); then
 * the verdict comes from a window read right after the tag, so AAC hiding behind a long tag is
 * still named before any size or structure check.
 */
async function sniffBehindId3v2(
  source: ByteSource,
  head: Uint8Array,
  sniffed: SniffResult,
): Promise<SniffResult> {
  const tagLength = id3v2TagLength(head);
  if (tagLength === undefined || head.byteLength >= source.size || tagLength >= source.size) {
    return sniffed;
  }
  const afterTag = await readFully(source, tagLength, AUDIO_SYNC_WINDOW_BYTES);
  return sniffAfterId3v2(afterTag, tagLength + afterTag.byteLength >= source.size);
}

async function unknownType(head: Uint8Array): Promise<MediaRejectedError> {
  // file-type knows hundreds of formats we do not accept; it only names them here, it never
  // decides that something is accepted.
  const named = await fileTypeFromBuffer(head).catch(() => undefined);
  const advice = `upload a ${ACCEPTED_FORMATS_PHRASE} file`;
  if (named && !isCanonicalMediaType(named.mime)) {
    return new MediaRejectedError(
      'unsupported_media_type',
      `The bytes are ${named.mime} (.${named.ext}), which is not accepted: ${advice}.`,
    );
  }
  return new MediaRejectedError(
    'unsupported_media_type',
    `The bytes are not a recognised media type (they start with ${hexPreview(head)}): ${advice}.`,
  );
}

function mismatch(declared: CanonicalMediaType, detected: CanonicalMediaType): MediaRejectedError {
  return new MediaRejectedError(
    'content_type_mismatch',
    `The bytes are ${detected} but the upload declared ${declared}: send Content-Type ` +
      `${detected} or upload a ${FORMAT_NAMES[declared]} file.`,
  );
}

function tooLarge(type: CanonicalMediaType, size: number, maxBytes: number): MediaRejectedError {
  return new MediaRejectedError(
    'file_too_large',
    `The ${FORMAT_NAMES[type]} file is ${describeBytes(size)}, over the ${describeBytes(maxBytes)} ` +
      `limit for ${type}: upload a smaller file.`,
  );
}

function describeBytes(bytes: number): string {
  return bytes >= MiB ? `${(bytes / MiB).toFixed(1)} MiB` : `${bytes} bytes`;
}

/**
 * Runs the format check. A `RangeError` from a parser (a read outside a buffer on bytes no
 * check anticipated) is still the file's fault, so it becomes `corrupt_media`, not a crash.
 */
async function runInspector(
  type: CanonicalMediaType,
  inspection: FormatInspection,
): Promise<FormatFacts> {
  try {
    return await FORMAT_INSPECTORS[type](inspection);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new MediaRejectedError(
      'corrupt_media',
      `The ${FORMAT_NAMES[type]} file cannot be parsed: re-export it and upload it again.`,
      { cause: error },
    );
  }
}
