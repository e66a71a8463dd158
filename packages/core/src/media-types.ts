import { GiB, MiB } from './units.js';

/** The `file_type` an asset of each canonical type reports (SPEC §3). */
export type FileType = 'image' | 'video' | 'audio' | 'pdf' | 'subtitle';

export interface MediaTypeRule {
  readonly fileType: FileType;
  /** Largest accepted body for this type, in bytes. */
  readonly maxBytes: number;
  /** Extension used in files URLs and image keys, without the dot. */
  readonly extension: string;
}

/**
 * Every type the service accepts, with its default size limit (SPEC §3).
 * The type of an upload is always decided from its bytes; this table only says what is allowed.
 */
export const MEDIA_TYPES = {
  'image/jpeg': { fileType: 'image', maxBytes: 50 * MiB, extension: 'jpg' },
  'image/png': { fileType: 'image', maxBytes: 50 * MiB, extension: 'png' },
  'video/mp4': { fileType: 'video', maxBytes: 2 * GiB, extension: 'mp4' },
  'video/webm': { fileType: 'video', maxBytes: 2 * GiB, extension: 'webm' },
  'audio/mpeg': { fileType: 'audio', maxBytes: 100 * MiB, extension: 'mp3' },
  'audio/wav': { fileType: 'audio', maxBytes: 100 * MiB, extension: 'wav' },
  'application/pdf': { fileType: 'pdf', maxBytes: 50 * MiB, extension: 'pdf' },
  'application/x-subrip': { fileType: 'subtitle', maxBytes: 5 * MiB, extension: 'srt' },
} as const satisfies Record<string, MediaTypeRule>;

export type CanonicalMediaType = keyof typeof MEDIA_TYPES;

/** Other spellings of the canonical types that requests may use (SPEC §3). */
export const MEDIA_TYPE_ALIASES: Readonly<Record<string, CanonicalMediaType>> = {
  'image/jpg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav',
  'audio/wave': 'audio/wav',
  'audio/vnd.wave': 'audio/wav',
  'text/srt': 'application/x-subrip',
  'application/srt': 'application/x-subrip',
};

export function isCanonicalMediaType(value: string): value is CanonicalMediaType {
  return Object.hasOwn(MEDIA_TYPES, value);
}

/** The bare, lower-cased `type/subtype` of a header value: parameters such as `charset` dropped. */
export function essenceOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * The canonical type a declared `Content-Type` (or `content_type` field) names, aliases and
 * parameters included; `undefined` when it names no accepted type.
 */
export function canonicalMediaType(declared: string): CanonicalMediaType | undefined {
  const essence = essenceOf(declared);
  if (isCanonicalMediaType(essence)) return essence;
  return MEDIA_TYPE_ALIASES[essence];
}

export function mediaTypeRule(type: CanonicalMediaType): MediaTypeRule {
  return MEDIA_TYPES[type];
}

/** All canonical types, in table order. */
export const CANONICAL_MEDIA_TYPES = Object.keys(MEDIA_TYPES) as CanonicalMediaType[];
