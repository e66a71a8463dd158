import type { CanonicalMediaType } from '../media-types.js';
import type { FormatInspector } from './format-inspector.js';
import { inspectIsoBmff } from './iso-bmff.js';
import { inspectJpeg } from './jpeg.js';
import { inspectMp3 } from './mp3.js';
import { inspectPdf } from './pdf.js';
import { inspectPng } from './png.js';
import { inspectSubRip } from './subrip.js';
import { inspectWav } from './wav.js';
import { inspectWebm } from './webm.js';

/** The structural check of every accepted type; the compiler insists there is one for each. */
export const FORMAT_INSPECTORS: Readonly<Record<CanonicalMediaType, FormatInspector>> = {
  'image/jpeg': inspectJpeg,
  'image/png': inspectPng,
  'video/mp4': inspectIsoBmff,
  'video/webm': inspectWebm,
  'audio/mpeg': inspectMp3,
  'audio/wav': inspectWav,
  'application/pdf': inspectPdf,
  'application/x-subrip': inspectSubRip,
};
