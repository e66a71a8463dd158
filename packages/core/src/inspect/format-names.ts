import type { CanonicalMediaType } from '../media-types.js';

/** The name a person knows each accepted type by, for messages ("upload a JPEG file"). */
export const FORMAT_NAMES: Readonly<Record<CanonicalMediaType, string>> = {
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'video/mp4': 'MP4',
  'video/webm': 'WebM',
  'audio/mpeg': 'MP3',
  'audio/wav': 'WAV',
  'application/pdf': 'PDF',
  'application/x-subrip': 'SubRip (SRT)',
};

/** Every accepted format in one phrase, for "upload a … file" advice. */
export const ACCEPTED_FORMATS_PHRASE = 'JPEG, PNG, MP4, WebM, MP3, WAV, PDF or SubRip (SRT)';
