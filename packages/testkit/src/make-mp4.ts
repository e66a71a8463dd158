import { FixtureCache } from './fixture-cache.js';
import { hasEncoder, runFfmpeg } from './run-ffmpeg.js';

export interface Mp4Options {
  /** Length in seconds. Default 1. */
  seconds?: number;
  /** Width in pixels (even). Default 320. */
  width?: number;
  /** Height in pixels (even). Default 240. */
  height?: number;
  /** Add an AAC sine-tone track. Default true. */
  audio?: boolean;
  /**
   * Write a fragmented MP4 (empty `moov` with mvhd duration 0, then `moof`/`mdat` pairs) instead
   * of a faststart one (`moov` before `mdat`). Default false.
   */
  fragmented?: boolean;
}

/** Frames per second of the generated video. */
const MP4_FRAME_RATE = 25;

const cache = new FixtureCache();

/**
 * An MP4 with ffmpeg's `testsrc` pattern, H.264 (libx264; MPEG-4 Part 2 when this ffmpeg has no
 * libx264) and optionally an AAC sine tone. Made once per distinct options in a process.
 */
export async function makeMp4(options: Mp4Options = {}): Promise<Buffer> {
  const settings = {
    seconds: options.seconds ?? 1,
    width: options.width ?? 320,
    height: options.height ?? 240,
    audio: options.audio ?? true,
    fragmented: options.fragmented ?? false,
  };
  return cache.get(settings, () => encodeMp4(settings));
}

async function encodeMp4(settings: Required<Mp4Options>): Promise<Buffer> {
  const { seconds, width, height, audio, fragmented } = settings;
  const video = `testsrc=size=${width}x${height}:rate=${MP4_FRAME_RATE}:duration=${seconds}`;
  const videoCodec = (await hasEncoder('libx264'))
    ? ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']
    : ['-c:v', 'mpeg4'];
  const audioArgs = audio
    ? ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`]
    : [];
  const audioCodec = audio ? ['-c:a', 'aac', '-b:a', '64k'] : [];
  const layout = fragmented ? '+frag_keyframe+empty_moov+default_base_moof' : '+faststart';

  return runFfmpeg(
    [
      ...['-f', 'lavfi', '-i', video],
      ...audioArgs,
      ...videoCodec,
      ...audioCodec,
      ...['-t', String(seconds), '-movflags', layout, '-f', 'mp4'],
    ],
    'fixture.mp4',
  );
}
