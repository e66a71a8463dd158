import type { VideoStatus } from './video-status.js';

/**
 * The server ended a render as `failed`. `code` is the server's (`render_failed`,
 * `renderer_missing`, `asset_unavailable`, …), `detail` what more it said (the last lines of the
 * tool's output, for `render_failed`); the whole status is in `video`.
 */
export class VideoFailedError extends Error {
  override name = 'VideoFailedError';
  readonly code: string;
  readonly serverMessage: string;
  readonly detail: string;
  readonly videoId: string;
  readonly video: VideoStatus;

  constructor(video: VideoStatus) {
    const code = video.error?.code ?? 'render_failed';
    const message = video.error?.message ?? 'The server gave no reason.';
    super(`Video ${video.id} failed with ${code}: ${message}`);
    this.code = code;
    this.serverMessage = message;
    this.detail = video.error?.detail ?? '';
    this.videoId = video.id;
    this.video = video;
  }
}
