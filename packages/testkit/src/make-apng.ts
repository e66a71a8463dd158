import { FixtureCache } from './fixture-cache.js';
import { runFfmpeg } from './run-ffmpeg.js';

export interface ApngOptions {
  /** Width in pixels. Default 64. */
  width?: number;
  /** Height in pixels. Default 48. */
  height?: number;
  /** Number of frames. Default 5. */
  frames?: number;
}

const cache = new FixtureCache();

/**
 * An animated PNG (APNG: `acTL` before the first `IDAT`, then `fcTL`/`fdAT` per frame) of
 * ffmpeg's `testsrc` pattern, looping forever, made with ffmpeg's `apng` muxer. Made once per
 * distinct options in a process.
 */
export async function makeApng(options: ApngOptions = {}): Promise<Buffer> {
  const settings = {
    width: options.width ?? 64,
    height: options.height ?? 48,
    frames: options.frames ?? 5,
  };
  return cache.get(settings, () =>
    runFfmpeg(
      [
        ...['-f', 'lavfi', '-i', `testsrc=size=${settings.width}x${settings.height}:rate=5`],
        ...['-frames:v', String(settings.frames), '-plays', '0', '-f', 'apng'],
      ],
      'fixture.png',
    ),
  );
}
