import { createRequire } from 'node:module';
import { findTool, isExecutable } from './find-tool.js';

const require = createRequire(import.meta.url);

/**
 * The ffmpeg executable renders (and test fixtures) run: `FFMPEG_PATH` when set, else `ffmpeg`
 * on `PATH`, else the static build that `@ffmpeg-installer/ffmpeg` ships for this platform.
 *
 * @throws RenderError `renderer_missing` naming every place looked at when none has ffmpeg.
 */
export function ffmpegPath(): string {
  return findTool({
    command: 'ffmpeg',
    environmentVariable: 'FFMPEG_PATH',
    bundled: bundledFfmpegPath,
    installHint:
      'Install ffmpeg (Debian: apt-get install ffmpeg), or reinstall the server package so ' +
      'that @ffmpeg-installer/ffmpeg brings its build',
  });
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
