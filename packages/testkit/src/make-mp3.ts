import { FixtureCache } from './fixture-cache.js';
import { runFfmpeg } from './run-ffmpeg.js';

export interface Mp3Options {
  /** Length in seconds. Default 1. */
  seconds?: number;
  /** Start with an ID3v2.3 tag carrying a title. Default false (first byte is a frame sync). */
  id3?: boolean;
  /**
   * Samples per second, in hertz: 32000–48000 make MPEG-1 frames, 16000–24000 MPEG-2 and
   * 8000–12000 MPEG-2.5. Default 44100.
   */
  sampleRate?: number;
  /** Bit rate in kbit/s; MPEG-2 and 2.5 allow at most 160. Default 128. */
  bitrateKbps?: number;
}

const cache = new FixtureCache();

/**
 * A constant-bit-rate Layer III mono sine tone (MPEG-1 at 44.1 kHz and 128 kbit/s by default)
 * made with ffmpeg's libmp3lame, with a Xing/Info frame first. Made once per distinct options in
 * a process.
 */
export async function makeMp3(options: Mp3Options = {}): Promise<Buffer> {
  const settings = {
    seconds: options.seconds ?? 1,
    id3: options.id3 ?? false,
    sampleRate: options.sampleRate ?? 44100,
    bitrateKbps: options.bitrateKbps ?? 128,
  };
  return cache.get(settings, () => encodeMp3(settings));
}

async function encodeMp3(settings: Required<Mp3Options>): Promise<Buffer> {
  const { seconds, id3, sampleRate, bitrateKbps } = settings;
  const tag = id3
    ? ['-id3v2_version', '3', '-metadata', 'title=heygen-assets fixture']
    : ['-id3v2_version', '0'];

  return runFfmpeg(
    [
      ...['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=${sampleRate}:duration=${seconds}`],
      ...['-c:a', 'libmp3lame', '-b:a', `${bitrateKbps}k`, '-ac', '1'],
      ...tag,
      ...['-map_metadata', '-1', '-f', 'mp3'],
    ],
    'fixture.mp3',
  );
}
