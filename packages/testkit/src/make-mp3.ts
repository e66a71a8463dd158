import { FixtureCache } from './fixture-cache.js';
import { runFfmpeg } from './run-ffmpeg.js';

export interface Mp3Options {
  /** Length in seconds. Default 1. */
  seconds?: number;
  /** Start with an ID3v2.3 tag carrying a title. Default false (first byte is a frame sync). */
  id3?: boolean;
}

const cache = new FixtureCache();

/**
 * A 128 kbit/s MPEG-1 Layer III sine tone at 44.1 kHz mono made with ffmpeg's libmp3lame, with a
 * Xing/Info frame first. Made once per distinct options in a process.
 */
export async function makeMp3(options: Mp3Options = {}): Promise<Buffer> {
  const settings = { seconds: options.seconds ?? 1, id3: options.id3 ?? false };
  return cache.get(settings, () => encodeMp3(settings));
}

async function encodeMp3(settings: Required<Mp3Options>): Promise<Buffer> {
  const { seconds, id3 } = settings;
  const tag = id3
    ? ['-id3v2_version', '3', '-metadata', 'title=heygen-assets fixture']
    : ['-id3v2_version', '0'];

  return runFfmpeg(
    [
      ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=44100:duration=${seconds}`],
      ...['-c:a', 'libmp3lame', '-b:a', '128k', '-ac', '1'],
      ...tag,
      ...['-map_metadata', '-1', '-f', 'mp3'],
    ],
    'fixture.mp3',
  );
}
