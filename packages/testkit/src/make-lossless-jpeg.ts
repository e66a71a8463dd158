import { FixtureCache } from './fixture-cache.js';
import { runFfmpeg } from './run-ffmpeg.js';

export interface LosslessJpegOptions {
  /** Width in pixels. Default 64. */
  width?: number;
  /** Height in pixels. Default 48. */
  height?: number;
}

const cache = new FixtureCache();

/**
 * A lossless JPEG (ITU-T T.81 process 14: an SOF3 frame header, predictive coding, no DCT) of
 * ffmpeg's `testsrc` pattern, made with ffmpeg's `ljpeg` encoder as 8-bit YCbCr 4:2:0. (Asked
 * for RGB, that encoder writes 9-bit samples, which libjpeg cannot decode.) Made once per size in
 * a process.
 */
export async function makeLosslessJpeg(options: LosslessJpegOptions = {}): Promise<Buffer> {
  const settings = { width: options.width ?? 64, height: options.height ?? 48 };
  return cache.get(settings, () =>
    runFfmpeg(
      [
        ...['-f', 'lavfi', '-i', `testsrc=size=${settings.width}x${settings.height}:rate=1`],
        ...['-frames:v', '1', '-c:v', 'ljpeg', '-pix_fmt', 'yuvj420p', '-f', 'image2'],
      ],
      'fixture.jpg',
    ),
  );
}
