import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ffmpegPath } from '@heygen-assets/testkit';
import sharp from 'sharp';

const execFileAsync = promisify(execFile);

/** What `ffmpeg -i` tells about a file (no ffprobe is installed): streams, size, duration. */
export interface ProbedVideo {
  durationSeconds: number;
  videoCodec: string;
  audioCodec: string;
  width: number;
  height: number;
}

async function ffmpegStderr(args: readonly string[]): Promise<string> {
  const result = await execFileAsync(ffmpegPath(), ['-hide_banner', ...args], {
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stderr?: string }) => ({ stderr: error.stderr ?? '' }));
  return result.stderr;
}

export async function probeVideo(path: string): Promise<ProbedVideo> {
  const info = await ffmpegStderr(['-i', path]);
  const duration = /Duration: (\d+):(\d+):(\d+\.\d+)/.exec(info);
  const video = /Stream #\S+.*?: Video: (\w+).*?, (\d{2,5})x(\d{2,5})/.exec(info);
  const audio = /Stream #\S+.*?: Audio: (\w+)/.exec(info);
  if (!duration || !video || !audio) throw new Error(`cannot read ${path}:\n${info}`);
  const [, hours = '0', minutes = '0', seconds = '0'] = duration;
  return {
    durationSeconds: Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds),
    videoCodec: video[1] ?? '',
    width: Number(video[2]),
    height: Number(video[3]),
    audioCodec: audio[1] ?? '',
  };
}

/** The loudest sample of the audio, in dBFS (-91 or lower is digital silence). */
export async function maxVolumeDb(path: string): Promise<number> {
  const info = await ffmpegStderr(['-i', path, '-af', 'volumedetect', '-vn', '-f', 'null', '-']);
  const match = /max_volume: (-?[\d.]+|-inf) dB/.exec(info);
  if (!match) throw new Error(`no volumedetect output:\n${info}`);
  return match[1] === '-inf' ? Number.NEGATIVE_INFINITY : Number(match[1]);
}

/** RGB of pixel (x, y) of the frame at `atSeconds`. */
export async function pixelAt(
  path: string,
  atSeconds: number,
  x: number,
  y: number,
  workDir: string,
): Promise<[number, number, number]> {
  const framePath = join(workDir, `frame-${atSeconds}-${Date.now()}.png`);
  await ffmpegStderr(['-ss', String(atSeconds), '-i', path, '-frames:v', '1', '-y', framePath]);
  const { data, info } = await sharp(framePath).raw().toBuffer({ resolveWithObject: true });
  const offset = (y * info.width + x) * info.channels;
  return [data[offset] ?? -1, data[offset + 1] ?? -1, data[offset + 2] ?? -1];
}

/** Whether two colours are within `tolerance` per channel (H.264 shifts colours a little). */
export function closeColor(
  actual: readonly number[],
  expected: readonly number[],
  tolerance = 12,
): boolean {
  return actual.every((value, index) => Math.abs(value - (expected[index] ?? 0)) <= tolerance);
}
