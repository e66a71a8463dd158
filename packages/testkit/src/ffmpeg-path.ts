/**
 * Fixtures are made with the same ffmpeg the server renders with: `FFMPEG_PATH`, else `ffmpeg`
 * on `PATH`, else the build of `@ffmpeg-installer/ffmpeg` (see the server's `render/`).
 */
export { ffmpegPath } from '@heygen-assets/server';
