import type { ByteSource } from '../byte-source.js';
import { latin1, uint8, uint16BE, uint32BE, uint64BE } from './byte-fields.js';
import {
  type BoxBudget,
  type BoxHeader,
  childBoxes,
  findChildBox,
  readBoxPayload,
} from './iso-bmff-boxes.js';
import { corruptMp4 } from './iso-bmff-rejections.js';

/**
 * What the `moov` box says about a movie (ISO/IEC 14496-12 §8.2–§8.8), read by descending only
 * into the boxes that matter (mvhd, trak/tkhd/mdia/mdhd/hdlr/stsd, mvex/mehd/trex) and reading
 * each of them bounded; sample tables, however large, are skipped by their headers.
 */

export interface TrackSummary {
  trackId: number;
  /** Handler type from `hdlr`: `vide`, `soun`, `text`, `meta`, … */
  handler: string;
  /** Media timescale (`mdhd`), in units per second. */
  timescale: number;
  /** Media duration (`mdhd`), in timescale units; 0 when unknown (fragmented files). */
  duration: number;
  /** Presentation size from `tkhd`, in whole pixels, before rotation. */
  width: number;
  height: number;
  /** Whether the `tkhd` matrix turns the picture a quarter turn (portrait phone video). */
  quarterTurn: boolean;
  /** Four-character code of the first sample entry in `stsd`, e.g. `avc1`, `mp4a`. */
  sampleFormat: string | undefined;
  /** Coded size from a visual sample entry, in pixels. */
  codedWidth: number;
  codedHeight: number;
  /** `trex` default sample duration for fragments of this track, in timescale units. */
  defaultSampleDuration: number;
}

export interface MovieSummary {
  /** Movie timescale (`mvhd`), in units per second. */
  timescale: number;
  /** Movie duration (`mvhd`), in movie timescale units; 0 when unknown. */
  duration: number;
  /** Whole duration of a fragmented movie (`mehd`), in movie timescale units; 0 when absent. */
  fragmentDuration: number;
  tracks: TrackSummary[];
}

/** Most bytes read of any one leaf box we parse; all of their fixed fields fit in far less. */
const MAX_LEAF_BOX_READ_BYTES = 256;

/** An all-ones 32-bit duration means "unknown" (§8.2.2.3). */
const UNKNOWN_DURATION_32 = 0xffffffff;

export async function readMovie(
  source: ByteSource,
  moov: BoxHeader,
  budget: BoxBudget,
): Promise<MovieSummary> {
  const movie: MovieSummary = { timescale: 0, duration: 0, fragmentDuration: 0, tracks: [] };
  const defaults = new Map<number, number>();

  for await (const box of childBoxes(source, moov, budget)) {
    if (box.type === 'mvhd') Object.assign(movie, await readTimeHeader(source, box, 'mvhd'));
    if (box.type === 'trak') movie.tracks.push(await readTrack(source, box, budget));
    if (box.type === 'mvex') await readMovieExtends(source, box, budget, movie, defaults);
  }

  if (movie.timescale === 0) {
    throw corruptMp4('its movie header (mvhd) is missing or has timescale 0');
  }
  for (const track of movie.tracks) {
    track.defaultSampleDuration = defaults.get(track.trackId) ?? 0;
  }
  return movie;
}

/** Timescale and duration of an `mvhd` or `mdhd` (same layout for these fields). */
async function readTimeHeader(
  source: ByteSource,
  box: BoxHeader,
  name: string,
): Promise<{ timescale: number; duration: number }> {
  const payload = await readBoxPayload(source, box, MAX_LEAF_BOX_READ_BYTES);
  const version = uint8(payload, 0);
  const timescale = uint32BE(payload, version === 1 ? 20 : 12);
  const duration = version === 1 ? uint64BE(payload, 24) : uint32BE(payload, 16);
  if (timescale === undefined || duration === undefined) {
    throw corruptMp4(`its ${name} box is too short`);
  }
  const known = duration !== UNKNOWN_DURATION_32 && Number.isFinite(duration);
  return { timescale, duration: known ? duration : 0 };
}

async function readTrack(
  source: ByteSource,
  trak: BoxHeader,
  budget: BoxBudget,
): Promise<TrackSummary> {
  const track: TrackSummary = {
    trackId: 0,
    handler: '',
    timescale: 0,
    duration: 0,
    width: 0,
    height: 0,
    quarterTurn: false,
    sampleFormat: undefined,
    codedWidth: 0,
    codedHeight: 0,
    defaultSampleDuration: 0,
  };
  for await (const box of childBoxes(source, trak, budget)) {
    if (box.type === 'tkhd') Object.assign(track, await readTrackHeader(source, box));
    if (box.type === 'mdia') await readMedia(source, box, budget, track);
  }
  return track;
}

/** Track id, presentation size and rotation from `tkhd` (§8.3.2). */
async function readTrackHeader(
  source: ByteSource,
  box: BoxHeader,
): Promise<Pick<TrackSummary, 'trackId' | 'width' | 'height' | 'quarterTurn'>> {
  const payload = await readBoxPayload(source, box, MAX_LEAF_BOX_READ_BYTES);
  const version = uint8(payload, 0);
  const trackIdOffset = version === 1 ? 20 : 12;
  const matrixOffset = version === 1 ? 52 : 40;
  const trackId = uint32BE(payload, trackIdOffset);
  const matrixA = uint32BE(payload, matrixOffset);
  const matrixB = uint32BE(payload, matrixOffset + 4);
  const matrixD = uint32BE(payload, matrixOffset + 16);
  const width = uint32BE(payload, matrixOffset + 36);
  const height = uint32BE(payload, matrixOffset + 40);
  if (trackId === undefined || width === undefined || height === undefined) {
    throw corruptMp4('its track header (tkhd) is too short');
  }
  return {
    trackId,
    // 16.16 fixed point; whole pixels as players show them (426.67 → 426).
    width: Math.floor(width / 0x10000),
    height: Math.floor(height / 0x10000),
    // A 90° or 270° rotation matrix has zeros where the scale factors a and d sit and ±1 in b
    // and c (§6.2.2).
    quarterTurn: matrixA === 0 && matrixD === 0 && Boolean(matrixB),
  };
}

async function readMedia(
  source: ByteSource,
  mdia: BoxHeader,
  budget: BoxBudget,
  track: TrackSummary,
): Promise<void> {
  for await (const box of childBoxes(source, mdia, budget)) {
    if (box.type === 'mdhd') Object.assign(track, await readTimeHeader(source, box, 'mdhd'));
    if (box.type === 'hdlr') {
      const payload = await readBoxPayload(source, box, MAX_LEAF_BOX_READ_BYTES);
      track.handler = latin1(payload, 8, 4) ?? '';
    }
    if (box.type === 'minf') await readSampleDescription(source, box, budget, track);
  }
}

/** The first sample entry of `minf/stbl/stsd` (§8.5.2): its format and, for video, coded size. */
async function readSampleDescription(
  source: ByteSource,
  minf: BoxHeader,
  budget: BoxBudget,
  track: TrackSummary,
): Promise<void> {
  const stbl = await findChildBox(source, minf, 'stbl', budget);
  const stsd = stbl && (await findChildBox(source, stbl, 'stsd', budget));
  if (!stsd) return;

  const payload = await readBoxPayload(source, stsd, MAX_LEAF_BOX_READ_BYTES);
  const entryCount = uint32BE(payload, 4);
  if (!entryCount) return;

  // Entry: size(4) format(4) reserved(6) data_reference_index(2), then for a visual sample entry
  // pre_defined/reserved (16 bytes) before width(2) and height(2) (§12.1.3).
  const entry = 8;
  track.sampleFormat = latin1(payload, entry + 4, 4);
  track.codedWidth = uint16BE(payload, entry + 32) ?? 0;
  track.codedHeight = uint16BE(payload, entry + 34) ?? 0;
}

async function readMovieExtends(
  source: ByteSource,
  mvex: BoxHeader,
  budget: BoxBudget,
  movie: MovieSummary,
  defaults: Map<number, number>,
): Promise<void> {
  for await (const box of childBoxes(source, mvex, budget)) {
    const payload =
      box.type === 'mehd' || box.type === 'trex'
        ? await readBoxPayload(source, box, MAX_LEAF_BOX_READ_BYTES)
        : undefined;
    if (payload && box.type === 'mehd') {
      const duration = uint8(payload, 0) === 1 ? uint64BE(payload, 4) : uint32BE(payload, 4);
      movie.fragmentDuration = duration && Number.isFinite(duration) ? duration : 0;
    }
    if (payload && box.type === 'trex') {
      const trackId = uint32BE(payload, 4);
      const duration = uint32BE(payload, 12);
      if (trackId !== undefined && duration !== undefined) defaults.set(trackId, duration);
    }
  }
}
