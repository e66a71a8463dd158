import { FixtureCache } from './fixture-cache.js';
import { runFfmpeg } from './run-ffmpeg.js';

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
}

/** Frames per second of the generated video. */
const WEBM_FRAME_RATE = 25;

const cache = new FixtureCache();

/** A WebM (VP8 and/or Opus) made with ffmpeg. Made once per distinct options in a process. */
export async function makeWebm(options: WebmOptions = {}): Promise<Buffer> {
  const settings = {
    seconds: options.seconds ?? 1,
    width: options.width ?? 320,
    height: options.height ?? 240,
    video: options.video ?? true,
    audio: options.audio ?? true,
    live: options.live ?? false,
  };
  if (!settings.video && !settings.audio) throw new RangeError('A WebM needs video or audio.');
  return cache.get(settings, () => encodeWebm(settings));
}

async function encodeWebm(settings: Required<WebmOptions>): Promise<Buffer> {
  const { seconds, width, height, video, audio, live } = settings;
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

  return runFfmpeg(
    [...inputs, ...codecs, ...(live ? ['-live', '1'] : []), '-t', String(seconds), '-f', 'webm'],
    'fixture.webm',
  );
}
