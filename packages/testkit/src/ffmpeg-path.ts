import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The ffmpeg executable the fixtures are made with: `FFMPEG_PATH` when set, else `ffmpeg` found
 * on `PATH`, else the static build that `@ffmpeg-installer/ffmpeg` ships for this platform.
 *
 * @throws Error naming every place looked at when none of them has an executable ffmpeg.
 */
export function ffmpegPath(): string {
  const fromEnv = process.env.FFMPEG_PATH;
  if (fromEnv) return fromEnv;

  const onPath = findOnPath('ffmpeg');
  if (onPath) return onPath;

  const bundled = bundledFfmpegPath();
  if (bundled) return bundled;

  throw new Error(
    'No ffmpeg found: FFMPEG_PATH is not set, no executable ffmpeg is on PATH and ' +
      '@ffmpeg-installer/ffmpeg has no binary for this platform. Install ffmpeg or set FFMPEG_PATH.',
  );
}

function findOnPath(command: string): string | undefined {
  const directories = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const directory of directories) {
    const candidate = join(directory, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function bundledFfmpegPath(): string | undefined {
  try {
    const installer = require('@ffmpeg-installer/ffmpeg') as { path: string };
    return isExecutable(installer.path) ? installer.path : undefined;
  } catch {
    // The installer throws (a string, not an Error) on platforms it has no build for.
    return undefined;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
