import { latin1, uint32BE } from './byte-fields.js';
import type { SniffResult } from './media-facts.js';
import { REFUSAL_HINTS } from './refusal-hints.js';

/**
 * Telling the ISO-BMFF family apart by its `ftyp` brands (ISO/IEC 14496-12 §4.3 and the MP4RA
 * brand registry): MP4 video is accepted; QuickTime, HEIF/AVIF stills and M4A audio share the
 * container and are refused by name. QuickTime files from old cameras have no `ftyp` at all.
 */

const QUICKTIME: SniffResult = {
  kind: 'refused',
  name: 'video/quicktime (QuickTime)',
  hint: REFUSAL_HINTS.video,
};

const REFUSED_MAJOR_BRANDS: Readonly<Record<string, SniffResult>> = {
  'qt  ': QUICKTIME,
  ...brands(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs', 'mif1', 'msf1'], {
    kind: 'refused',
    name: 'image/heic (HEIC/HEIF)',
    hint: REFUSAL_HINTS.image,
  }),
  ...brands(['avif', 'avis'], { kind: 'refused', name: 'image/avif', hint: REFUSAL_HINTS.image }),
  ...brands(['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B '], {
    kind: 'refused',
    name: 'audio/mp4 (M4A)',
    hint: REFUSAL_HINTS.audio,
  }),
  ...brands(['jp2 ', 'jpx ', 'jpm '], {
    kind: 'refused',
    name: 'image/jp2',
    hint: REFUSAL_HINTS.image,
  }),
  ...brands(['mjp2', 'mj2s'], { kind: 'refused', name: 'video/mj2', hint: REFUSAL_HINTS.video }),
  'crx ': { kind: 'refused', name: 'image/x-canon-cr3', hint: REFUSAL_HINTS.image },
};

/** Top-level atoms a QuickTime file without `ftyp` starts with (QuickTime File Format, ch. 1). */
const QUICKTIME_LEADING_ATOMS = new Set(['moov', 'mdat', 'pnot']);

/** Atoms that may come before `ftyp` or a QuickTime `moov` and say nothing themselves. */
const FILLER_ATOMS = new Set(['free', 'skip', 'wide']);

/** Boxes a CMAF/DASH media segment starts with: accepted here so the deep check can say why not. */
const SEGMENT_LEADING_BOXES = new Set(['styp', 'moof', 'sidx']);

/** Leading boxes looked at before giving up. */
const MAX_LEADING_BOXES = 4;

/** The verdict for ISO-BMFF leading bytes, or `undefined` if they are not ISO-BMFF. */
export function sniffIsoBmff(head: Uint8Array): SniffResult | undefined {
  let offset = 0;
  for (let box = 0; box < MAX_LEADING_BOXES; box++) {
    const size = uint32BE(head, offset);
    const type = latin1(head, offset + 4, 4);
    if (size === undefined || type === undefined || !/^[a-z0-9 ]{4}$/i.test(type)) return undefined;
    if (size !== 1 && size < 8) return undefined;

    if (type === 'ftyp') return sniffFileType(head, offset, size);
    if (box === 0 && SEGMENT_LEADING_BOXES.has(type)) {
      return { kind: 'accepted', type: 'video/mp4' };
    }
    if (QUICKTIME_LEADING_ATOMS.has(type)) return QUICKTIME;
    if (!FILLER_ATOMS.has(type) || size === 1) return undefined;
    offset += size;
  }
  return undefined;
}

function sniffFileType(head: Uint8Array, offset: number, size: number): SniffResult | undefined {
  const majorBrand = latin1(head, offset + 8, 4);
  if (size < 16 || majorBrand === undefined) return undefined;
  return REFUSED_MAJOR_BRANDS[majorBrand] ?? { kind: 'accepted', type: 'video/mp4' };
}

function brands(names: readonly string[], result: SniffResult): Record<string, SniffResult> {
  return Object.fromEntries(names.map((name) => [name, result]));
}
