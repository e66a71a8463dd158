import { FixtureCache } from './fixture-cache.js';
import { hasEncoder, runFfmpeg } from './run-ffmpeg.js';

export interface Mp4Options {
  /** Length in seconds. Default 1. */
  seconds?: number;
  /** Width in pixels (even). Default 320. */
  width?: number;
  /** Height in pixels (even). Default 240. */
  height?: number;
  /** Add a `testsrc` video track. Default true; false makes an audio-only file. */
  video?: boolean;
  /** Add an AAC sine-tone track. Default true. */
  audio?: boolean;
  /** Video codec: H.264 (libx264) or HEVC (libx265, sample entry `hev1`). Default `'h264'`. */
  videoCodec?: 'h264' | 'hevc';
  /**
   * Write a fragmented MP4 (empty `moov` with mvhd duration 0, then `moof`/`mdat` pairs) instead
   * of a progressive one. Default false.
   */
  fragmented?: boolean;
  /**
   * For a progressive file: `moov` before `mdat` (`-movflags +faststart`) or after it, as ffmpeg
   * writes by default. Default true.
   */
  faststart?: boolean;
  /** Container: MP4 (brand `isom`) or QuickTime (brand `qt  `, ffmpeg's `mov` muxer). */
  container?: 'mp4' | 'mov';
}

/** Frames per second of the generated video. */
const MP4_FRAME_RATE = 25;

const cache = new FixtureCache();

/**
 * An MP4 with ffmpeg's `testsrc` pattern, H.264 (libx264; MPEG-4 Part 2 when this ffmpeg has no
 * libx264) or HEVC, and optionally an AAC sine tone. Made once per distinct options in a process.
 */
export async function makeMp4(options: Mp4Options = {}): Promise<Buffer> {
  const settings: Required<Mp4Options> = {
    seconds: options.seconds ?? 1,
    width: options.width ?? 320,
    height: options.height ?? 240,
    video: options.video ?? true,
    audio: options.audio ?? true,
    videoCodec: options.videoCodec ?? 'h264',
    fragmented: options.fragmented ?? false,
    faststart: options.faststart ?? true,
    container: options.container ?? 'mp4',
  };
  if (!settings.video && !settings.audio) throw new RangeError('An MP4 needs video or audio.');
  return cache.get(settings, () => encodeMp4(settings));
}

async function encodeMp4(settings: Required<Mp4Options>): Promise<Buffer> {
  const { seconds, width, height, video, audio, fragmented, faststart, container } = settings;
  const videoInput = `testsrc=size=${width}x${height}:rate=${MP4_FRAME_RATE}:duration=${seconds}`;
  const audioInput = `sine=frequency=440:sample_rate=48000:duration=${seconds}`;
  const layout = fragmented
    ? ['-movflags', '+frag_keyframe+empty_moov+default_base_moof']
    : faststart
      ? ['-movflags', '+faststart']
      : [];

  return runFfmpeg(
    [
      ...(video ? ['-f', 'lavfi', '-i', videoInput] : []),
      ...(audio ? ['-f', 'lavfi', '-i', audioInput] : []),
      ...(video ? await videoCodecArgs(settings.videoCodec) : []),
      ...(audio ? ['-c:a', 'aac', '-b:a', '64k'] : []),
      ...['-t', String(seconds), ...layout, '-f', container],
    ],
    `fixture.${container}`,
  );
}

async function videoCodecArgs(codec: 'h264' | 'hevc'): Promise<string[]> {
  if (codec === 'hevc') {
    return ['-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=error'];
  }
  return (await hasEncoder('libx264'))
    ? ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p']
    : ['-c:v', 'mpeg4'];
}
