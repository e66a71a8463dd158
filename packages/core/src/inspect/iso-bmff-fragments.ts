import type { ByteSource } from '../byte-source.js';
import { MiB } from '../units.js';
import { uint32BE } from './byte-fields.js';
import { type BoxBudget, type BoxHeader, childBoxes, readBoxPayload } from './iso-bmff-boxes.js';
import { corruptMp4 } from './iso-bmff-rejections.js';
import { readFully } from './read-fully.js';
import { windowSource } from './window-source.js';

/**
 * The length of one track across the movie fragments of a fragmented MP4 (ISO/IEC 14496-12
 * §8.8): the sum of the sample durations of every `trun` in the track's `traf` boxes, each
 * sample's own duration when the run carries them, else the `tfhd` or `trex` default.
 */

/** Largest `trun` payload read to sum per-sample durations (16 bytes a sample at most). */
const MAX_TRUN_READ_BYTES = 16 * MiB;

/**
 * Largest `moof` read whole before its boxes are walked, in bytes. A recorder's fragment header
 * is a few hundred bytes to a few KiB; reading it at once makes a 1 GiB file with a thousand
 * fragments cost a thousand reads instead of a dozen per fragment.
 */
const MAX_BUFFERED_MOOF_BYTES = 1 * MiB;

/**
 * `moof`s read at once. Their offsets are known from the top-level walk, so their reads need not
 * wait for each other: through a file handle each read is a round trip to a thread pool, and
 * overlapping a few of them divides the wait. At most this many times `MAX_BUFFERED_MOOF_BYTES`
 * is held.
 */
const MOOF_READS_IN_FLIGHT = 8;

/** Bytes of the `tfhd`/`trun` fixed fields we read before any per-sample table. */
const FRAGMENT_HEADER_READ_BYTES = 64;

// tf_flags (§8.8.7) and tr_flags (§8.8.8) that decide where each field sits.
const TFHD_BASE_DATA_OFFSET = 0x01;
const TFHD_SAMPLE_DESCRIPTION_INDEX = 0x02;
const TFHD_DEFAULT_SAMPLE_DURATION = 0x08;
const TRUN_DATA_OFFSET = 0x01;
const TRUN_FIRST_SAMPLE_FLAGS = 0x04;
const TRUN_SAMPLE_DURATION = 0x100;
const TRUN_SAMPLE_SIZE = 0x200;
const TRUN_SAMPLE_FLAGS = 0x400;
const TRUN_SAMPLE_COMPOSITION_OFFSET = 0x800;

export interface FragmentedTrack {
  trackId: number;
  /** `trex` default sample duration, used when neither `tfhd` nor `trun` gives one. */
  defaultSampleDuration: number;
}

/** Sum of the track's sample durations over all `moofs`, in the track's timescale units. */
export async function sumFragmentDurations(
  source: ByteSource,
  moofs: readonly BoxHeader[],
  track: FragmentedTrack,
  budget: BoxBudget,
): Promise<number> {
  let total = 0;
  for (let first = 0; first < moofs.length; first += MOOF_READS_IN_FLIGHT) {
    const batch = moofs.slice(first, first + MOOF_READS_IN_FLIGHT);
    const fragments = await Promise.all(batch.map((moof) => bufferedMoof(source, moof)));
    for (const [index, moof] of batch.entries()) {
      const fragment = fragments[index] ?? source;
      for await (const traf of childBoxes(fragment, moof, budget)) {
        if (traf.type === 'traf') total += await sumTrackFragment(fragment, traf, track, budget);
      }
    }
  }
  return total;
}

/** The source with `moof` served from memory when it is small enough to read whole. */
async function bufferedMoof(source: ByteSource, moof: BoxHeader): Promise<ByteSource> {
  const bytes = moof.end - moof.start;
  if (bytes > MAX_BUFFERED_MOOF_BYTES) return source;
  return windowSource(source, moof.start, await readFully(source, moof.start, bytes));
}

async function sumTrackFragment(
  source: ByteSource,
  traf: BoxHeader,
  track: FragmentedTrack,
  budget: BoxBudget,
): Promise<number> {
  let defaultDuration = track.defaultSampleDuration;
  let total = 0;
  for await (const box of childBoxes(source, traf, budget)) {
    if (box.type === 'tfhd') {
      const header = await readBoxPayload(source, box, FRAGMENT_HEADER_READ_BYTES);
      if (uint32BE(header, 4) !== track.trackId) return 0;
      defaultDuration = tfhdDefaultDuration(header) ?? defaultDuration;
    }
    if (box.type === 'trun') total += await sumTrackRun(source, box, defaultDuration);
  }
  return total;
}

function tfhdDefaultDuration(header: Uint8Array): number | undefined {
  const flags = uint32BE(header, 0) ?? 0;
  if (!(flags & TFHD_DEFAULT_SAMPLE_DURATION)) return undefined;

  let offset = 8;
  if (flags & TFHD_BASE_DATA_OFFSET) offset += 8;
  if (flags & TFHD_SAMPLE_DESCRIPTION_INDEX) offset += 4;
  return uint32BE(header, offset);
}

async function sumTrackRun(
  source: ByteSource,
  trun: BoxHeader,
  defaultDuration: number,
): Promise<number> {
  const header = await readBoxPayload(source, trun, FRAGMENT_HEADER_READ_BYTES);
  const flags = (uint32BE(header, 0) ?? 0) & 0xffffff;
  const sampleCount = uint32BE(header, 4);
  if (sampleCount === undefined) throw corruptMp4('a track run (trun) box is too short');
  if (!(flags & TRUN_SAMPLE_DURATION)) return sampleCount * defaultDuration;

  let tableStart = 8;
  if (flags & TRUN_DATA_OFFSET) tableStart += 4;
  if (flags & TRUN_FIRST_SAMPLE_FLAGS) tableStart += 4;
  const fieldsPerSample = [
    TRUN_SAMPLE_DURATION,
    TRUN_SAMPLE_SIZE,
    TRUN_SAMPLE_FLAGS,
    TRUN_SAMPLE_COMPOSITION_OFFSET,
  ].filter((flag) => flags & flag).length;
  const tableBytes = sampleCount * fieldsPerSample * 4;
  if (tableStart + tableBytes > trun.end - trun.payloadStart) {
    throw corruptMp4(`a track run (trun) declares ${sampleCount} samples that do not fit in it`);
  }
  if (tableStart + tableBytes > MAX_TRUN_READ_BYTES) {
    throw corruptMp4(`a track run (trun) holds more than ${MAX_TRUN_READ_BYTES} bytes of samples`);
  }

  // The duration is the first per-sample field when present (§8.8.8.2).
  const table = await readBoxPayload(source, trun, tableStart + tableBytes);
  let total = 0;
  for (let sample = 0; sample < sampleCount; sample++) {
    total += uint32BE(table, tableStart + sample * fieldsPerSample * 4) ?? 0;
  }
  return total;
}
