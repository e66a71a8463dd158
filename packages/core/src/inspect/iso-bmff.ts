import type { ByteSource } from '../byte-source.js';
import { MediaRejectedError } from '../errors.js';
import type { FormatFacts, FormatInspection } from './format-inspector.js';
import {
  type BoxBudget,
  type BoxHeader,
  isPrintableBoxType,
  readBoxHeader,
} from './iso-bmff-boxes.js';
import { codecOfSampleFormat, ENCRYPTED_SAMPLE_FORMATS } from './iso-bmff-codecs.js';
import { sumFragmentDurations } from './iso-bmff-fragments.js';
import { type MovieSummary, readMovie, type TrackSummary } from './iso-bmff-movie.js';
import { corruptMp4, incompleteMp4 } from './iso-bmff-rejections.js';
import { readAheadSource } from './read-ahead-source.js';

/**
 * MP4 structure check (ISO/IEC 14496-12). Walks the top-level boxes by their headers only, so a
 * 2 GiB `mdat` costs one 32-byte read, then descends into `moov` for the tracks. Fragmented files
 * are allowed; a bare media segment, a missing `moov` or a box that runs past the end is not.
 */

/**
 * Most top-level boxes walked. A fragmented MP4 has a `moof`+`mdat` pair per fragment; 100,000
 * covers over 13 hours of 1-second fragments.
 */
const MAX_TOP_LEVEL_BOXES = 100_000;

/** Most boxes visited inside `moov` and the `moof`s together. */
const MAX_BOXES_WALKED = 200_000;

/** Boxes that start a media segment (CMAF/DASH): playable only after an init segment. */
const SEGMENT_START_BOXES = new Set(['styp', 'moof', 'sidx', 'emsg', 'prft']);

interface TopLevelBoxes {
  moov: BoxHeader | undefined;
  moofs: BoxHeader[];
}

export async function inspectIsoBmff(inspection: FormatInspection): Promise<FormatFacts> {
  const { declaredType } = inspection;
  // Box headers, small boxes and fragment headers lie close together: read them in blocks.
  const source = readAheadSource(inspection.source);
  const boxes = await walkTopLevelBoxes(source);
  if (!boxes.moov) {
    throw incompleteMp4(
      boxes.moofs.length > 0
        ? 'it has movie fragments but no moov box (the init segment is missing)'
        : 'it has no moov box, which holds the track index (the file may have been cut short ' +
            'before the encoder wrote it)',
    );
  }

  const budget: BoxBudget = { visited: 0, maxBoxes: MAX_BOXES_WALKED };
  const movie = await readMovie(source, boxes.moov, budget);
  const video = movie.tracks.find((track) => track.handler === 'vide');
  const audio = movie.tracks.find((track) => track.handler === 'soun');
  if (!video) throw audioOnly(declaredType !== undefined, audio !== undefined);
  if (video.sampleFormat && ENCRYPTED_SAMPLE_FORMATS.has(video.sampleFormat)) {
    throw new MediaRejectedError(
      'unsupported_codec',
      'The MP4 video track is encrypted (DRM), so it cannot be rendered: upload an unencrypted MP4.',
    );
  }

  const durationSeconds = await movieDurationSeconds(source, movie, video, boxes.moofs, budget);
  const formats = [video.sampleFormat, audio?.sampleFormat].filter(
    (format) => format !== undefined,
  );
  return {
    ...displayedSize(video),
    durationSeconds,
    codecs: formats.map(codecOfSampleFormat),
    hasAudio: audio !== undefined,
  };
}

async function walkTopLevelBoxes(source: ByteSource): Promise<TopLevelBoxes> {
  const found: TopLevelBoxes = { moov: undefined, moofs: [] };
  let offset = 0;
  for (let count = 0; offset < source.size; count++) {
    if (count >= MAX_TOP_LEVEL_BOXES) {
      throw corruptMp4(`it has more than ${MAX_TOP_LEVEL_BOXES} top-level boxes`);
    }
    const box = await readBoxHeader(source, offset, source.size);
    if (box === undefined) {
      throw incompleteMp4(`the file ends inside a box header at offset ${offset}`);
    }
    if (box === 'invalid' || !isPrintableBoxType(box.type)) {
      throw corruptMp4(`the top-level box at offset ${offset} has an impossible size or type`);
    }
    if (count === 0 && SEGMENT_START_BOXES.has(box.type)) {
      throw incompleteMp4(
        `it starts with a '${box.type}' box: it is a bare media segment, not playable without ` +
          'its init segment; join the init segment and the media segments into one file',
      );
    }
    if (box.end > source.size) {
      throw incompleteMp4(
        `its '${box.type}' box at offset ${offset} declares ${box.end - offset} bytes but only ` +
          `${source.size - offset} remain`,
      );
    }
    if (box.type === 'moov') found.moov ??= box;
    if (box.type === 'moof') found.moofs.push(box);
    offset = box.end;
  }
  return found;
}

function audioOnly(declaredAsVideo: boolean, hasAudio: boolean): MediaRejectedError {
  const found = hasAudio ? 'only an audio track' : 'no video track';
  if (declaredAsVideo) {
    return new MediaRejectedError(
      'unsupported_codec',
      `The MP4 container holds ${found}, but a video was declared: upload a video with a ` +
        'picture track, or upload the sound as MP3 or WAV audio.',
    );
  }
  return new MediaRejectedError(
    'unsupported_media_type',
    `The bytes are audio/mp4 (an MP4 container with ${found}), which is not accepted: ` +
      'convert the audio to MP3 or WAV, or upload a video with a picture track.',
  );
}

/**
 * The true length of the movie: `mvhd`, or for a fragmented file `mehd` when present, else the
 * video track's samples in `moov` plus every fragment's `trun` samples. Never 0 (SPEC §3).
 */
async function movieDurationSeconds(
  source: ByteSource,
  movie: MovieSummary,
  video: TrackSummary,
  moofs: readonly BoxHeader[],
  budget: BoxBudget,
): Promise<number> {
  const movieSeconds = movie.duration / movie.timescale;
  let seconds = movieSeconds;
  if (moofs.length > 0 && movie.fragmentDuration > 0) {
    seconds = movie.fragmentDuration / movie.timescale;
  } else if (moofs.length > 0 && video.timescale > 0) {
    const fragments = await sumFragmentDurations(source, moofs, video, budget);
    seconds = Math.max(movieSeconds, (video.duration + fragments) / video.timescale);
  } else if (seconds === 0 && video.timescale > 0) {
    seconds = video.duration / video.timescale;
  }

  if (!(seconds > 0) || !Number.isFinite(seconds)) {
    throw incompleteMp4('its tracks hold no samples (the duration is 0)');
  }
  return seconds;
}

/**
 * Width and height as displayed: the `tkhd` presentation size (pixel aspect ratio applied, so a
 * 320×240 anamorphic encode shows as 426×240), else the coded size from the sample entry, turned
 * a quarter when the track matrix rotates the picture (portrait phone video).
 */
function displayedSize(video: TrackSummary): { width: number; height: number } {
  const width = video.width || video.codedWidth;
  const height = video.height || video.codedHeight;
  if (!width || !height) throw corruptMp4('its video track has no picture size');
  return video.quarterTurn ? { width: height, height: width } : { width, height };
}
