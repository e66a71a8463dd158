import { FixtureCache } from './fixture-cache.js';
import { runFfmpeg, runFfmpegToPipe } from './run-ffmpeg.js';

export interface WebmOptions {
  /** Length in seconds. Default 1. */
  seconds?: number;
  /** Width in pixels. Default 320. */
  width?: number;
  /** Height in pixels. Default 240. */
  height?: number;
  /** Add a VP8 `testsrc` video track. Default true. */
  video?: boolean;
  /** Add an Opus sine-tone track. Default true. */
  audio?: boolean;
  /**
   * Write as a live recorder does (ffmpeg's `-live 1`, like browser MediaRecorder output): no
   * Duration element and elements of unknown size. Default false.
   */
  live?: boolean;
  /**
   * Write to a pipe instead of a file, as a recorder streaming its output does: ffmpeg cannot
   * seek back to fill in the Duration, so there is none. Default false.
   */
  pipe?: boolean;
  /** EBML DocType: WebM, or the Matroska it is a subset of (ffmpeg's `matroska` muxer). */
  docType?: 'webm' | 'matroska';
}

/** Frames per second of the generated video. */
const WEBM_FRAME_RATE = 25;

const cache = new FixtureCache();

/** A WebM (VP8 and/or Opus) made with ffmpeg. Made once per distinct options in a process. */
export async function makeWebm(options: WebmOptions = {}): Promise<Buffer> {
  const settings: Required<WebmOptions> = {
    seconds: options.seconds ?? 1,
    width: options.width ?? 320,
    height: options.height ?? 240,
    video: options.video ?? true,
    audio: options.audio ?? true,
    live: options.live ?? false,
    pipe: options.pipe ?? false,
    docType: options.docType ?? 'webm',
  };
  if (!settings.video && !settings.audio) throw new RangeError('A WebM needs video or audio.');
  return cache.get(settings, () => encodeWebm(settings));
}

async function encodeWebm(settings: Required<WebmOptions>): Promise<Buffer> {
  const { seconds, width, height, video, audio, live, pipe, docType } = settings;
  const inputs = [
    ...(video
      ? [
          '-f',
          'lavfi',
          '-i',
          `testsrc=size=${width}x${height}:rate=${WEBM_FRAME_RATE}:duration=${seconds}`,
        ]
      : []),
    ...(audio
      ? ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`]
      : []),
  ];
  const codecs = [
    ...(video ? ['-c:v', 'libvpx', '-deadline', 'realtime', '-b:v', '200k'] : []),
    ...(audio ? ['-c:a', 'libopus', '-b:a', '32k'] : []),
  ];

  // The sources end on their own; `-t` would also tell the muxer the length up front, which a
  // recorder streaming to a pipe does not know.
  const args = [
    ...inputs,
    ...codecs,
    ...(live ? ['-live', '1'] : []),
    ...(pipe ? [] : ['-t', String(seconds)]),
    ...['-f', docType],
  ];
  return pipe ? runFfmpegToPipe(args) : runFfmpeg(args, `fixture.${docType}`);
}
