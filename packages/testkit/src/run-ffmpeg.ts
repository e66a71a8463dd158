import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ffmpegPath } from './ffmpeg-path.js';
import { makeTempDir } from './temp-files.js';

const execFileAsync = promisify(execFile);

/** Longest a single fixture encode may take before it is treated as hung, in milliseconds. */
const FFMPEG_TIMEOUT_MS = 60_000;

/** Largest stderr kept from ffmpeg for an error message, in bytes. */
const FFMPEG_MAX_OUTPUT_BYTES = 4 * 1024 * 1024;

/** Largest fixture read from ffmpeg's standard output, in bytes. */
const FFMPEG_MAX_PIPE_BYTES = 64 * 1024 * 1024;

/**
 * Runs ffmpeg with `inputArgs`, writing to a file named `outputName` in a fresh temporary
 * directory, and returns the file's bytes. A real file rather than a pipe, because MP4 faststart
 * and the MP3 Xing header both need ffmpeg to seek back into its output.
 */
export async function runFfmpeg(args: readonly string[], outputName: string): Promise<Buffer> {
  const directory = await makeTempDir('heygen-assets-ffmpeg-');
  const output = join(directory, outputName);
  try {
    await execFileAsync(ffmpegPath(), ['-hide_banner', '-loglevel', 'error', ...args, output], {
      timeout: FFMPEG_TIMEOUT_MS,
      maxBuffer: FFMPEG_MAX_OUTPUT_BYTES,
    });
    return await readFile(output);
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`ffmpeg failed to make ${outputName}${stderr ? `: ${stderr}` : ''}`, {
      cause: error,
    });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * Runs ffmpeg with `args`, writing to its standard output (`pipe:1`), and returns what it wrote.
 * On a pipe ffmpeg cannot seek back into its output, so it leaves out what it would patch in
 * afterwards: a WebM gets no Duration, a WAV keeps placeholder sizes.
 */
export async function runFfmpegToPipe(args: readonly string[]): Promise<Buffer> {
  try {
    const { stdout } = await execFileAsync(
      ffmpegPath(),
      ['-hide_banner', '-loglevel', 'error', ...args, 'pipe:1'],
      { timeout: FFMPEG_TIMEOUT_MS, maxBuffer: FFMPEG_MAX_PIPE_BYTES, encoding: 'buffer' },
    );
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`ffmpeg failed to write to a pipe${stderr ? `: ${stderr}` : ''}`, {
      cause: error,
    });
  }
}

let encoderList: Promise<string> | undefined;

/** Whether the ffmpeg in use was built with the named encoder (e.g. `libx264`). */
export async function hasEncoder(name: string): Promise<boolean> {
  encoderList ??= execFileAsync(ffmpegPath(), ['-hide_banner', '-encoders'], {
    timeout: FFMPEG_TIMEOUT_MS,
    maxBuffer: FFMPEG_MAX_OUTPUT_BYTES,
  }).then((result) => result.stdout);
  const list = await encoderList;
  return list.split('\n').some((line) => line.trim().split(/\s+/)[1] === name);
}
