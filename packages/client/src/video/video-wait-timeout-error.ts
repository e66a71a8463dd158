import { TimeoutError } from '../errors/timeout-error.js';
import type { VideoStatus } from './video-status.js';

/**
 * `videos.wait` gave up: the video was still not `completed` or `failed` after `timeoutMs`. The
 * server goes on rendering it, so waiting again later (with the same id) may still succeed. A
 * `TimeoutError` (code `timeout`), so a caller catching timeouts catches this one too.
 */
export class VideoWaitTimeoutError extends TimeoutError {
  override name = 'VideoWaitTimeoutError';
  readonly videoId: string;
  /** The last status seen, `pending` or `processing`. */
  readonly video: VideoStatus;

  /** @param statusUrl the status URL polled, for the message */
  constructor(video: VideoStatus, statusUrl: string, timeoutMs: number) {
    super('GET', statusUrl, timeoutMs);
    this.message =
      `Video ${video.id} was still ${video.status} after ${timeoutMs} ms (GET ${statusUrl}); ` +
      'the server keeps rendering it, so wait again later with the same id.';
    this.videoId = video.id;
    this.video = video;
  }
}
