import type { Transport } from '../http/transport.js';
import { VideoFailedError } from './video-failed-error.js';
import { getVideoStatus, type VideoStatus, videoStatusRequest } from './video-status.js';
import { VideoWaitTimeoutError } from './video-wait-timeout-error.js';

/** Default for `firstPollDelayMs`, in milliseconds. */
export const VIDEO_POLL_FIRST_DELAY_MS = 500;
/** Default for `maxPollDelayMs`, in milliseconds. */
export const VIDEO_POLL_MAX_DELAY_MS = 5000;
/** Default for `timeoutMs` of `videos.wait`: 30 minutes, in milliseconds. */
export const DEFAULT_VIDEO_WAIT_TIMEOUT_MS = 30 * 60 * 1000;

export interface WaitOptions {
  /**
   * Longest wait, in milliseconds, before `VideoWaitTimeoutError`; 0 waits for ever.
   * Default 1800000 (30 minutes).
   */
  timeoutMs?: number | undefined;
  /** Aborts the wait at once; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Called with the first status seen and then with each change of `status`. */
  onStatus?: ((video: VideoStatus) => void) | undefined;
  /** Ceiling of the first pause between two polls, in milliseconds. Default 500. */
  firstPollDelayMs?: number | undefined;
  /** Highest ceiling of a pause between two polls, in milliseconds. Default 5000. */
  maxPollDelayMs?: number | undefined;
}

/**
 * Polls the status until the render ends. Pauses grow from `firstPollDelayMs` by doubling up to
 * `maxPollDelayMs`, each drawn between half its ceiling and the ceiling: jitter spreads out
 * clients that started together, and the lower half-bound keeps a poll from ever coming right
 * after the previous one. The client's `retry` policy supplies the random source and the sleep,
 * and retries each status request on its own (network errors, 5xx, 429).
 *
 * Resolves with the `completed` status; a `failed` one throws `VideoFailedError`; past the
 * timeout, `VideoWaitTimeoutError` (after one last poll at the deadline).
 */
export async function waitForVideo(
  transport: Transport,
  videoId: string,
  options: WaitOptions = {},
): Promise<VideoStatus> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_VIDEO_WAIT_TIMEOUT_MS;
  const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Number.POSITIVE_INFINITY;
  let ceilingMs = options.firstPollDelayMs ?? VIDEO_POLL_FIRST_DELAY_MS;
  const maxCeilingMs = options.maxPollDelayMs ?? VIDEO_POLL_MAX_DELAY_MS;
  let previous: VideoStatus['status'] | undefined;

  for (;;) {
    const video = await getVideoStatus(transport, videoId, options.signal);
    if (video.status !== previous) options.onStatus?.(video);
    previous = video.status;

    if (video.status === 'completed') return video;
    if (video.status === 'failed') throw new VideoFailedError(video);

    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0) throw timedOut(transport, video, timeoutMs);

    const jittered = ceilingMs / 2 + (transport.retry.random() * ceilingMs) / 2;
    await transport.retry.sleep(Math.min(Math.round(jittered), remainingMs), options.signal);
    ceilingMs = Math.min(ceilingMs * 2, maxCeilingMs);
  }
}

function timedOut(transport: Transport, video: VideoStatus, timeoutMs: number) {
  // The query is only the video id, no secret: kept, so the message names the URL to poll.
  const url = videoStatusRequest(transport.baseUrl, video.id).url.href;
  return new VideoWaitTimeoutError(video, url, timeoutMs);
}
