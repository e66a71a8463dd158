import { AssetError } from '@heygen-assets/core';
import type { HttpRequest } from '../http/http-exchange.js';
import type { RetryPolicy } from '../retry/retry-policy.js';
import { sendWithRetries } from '../retry/send-with-retries.js';
import type { DownloadProgressListener } from './byte-meter.js';
import { downloadAttempt } from './download-attempt.js';
import { type DownloadDestination, sinkFor } from './download-sink.js';
import { localFileError } from './local-file-error.js';
import { VideoFailedError } from './video-failed-error.js';
import type { VideoStatus } from './video-status.js';

export interface DownloadOptions {
  /** Aborts the download; the promise rejects with the signal's reason and no file is left. */
  signal?: AbortSignal | undefined;
  /** Called as bytes arrive, with the bytes received so far and the announced total. */
  onProgress?: DownloadProgressListener | undefined;
}

/** A finished download. */
export interface DownloadedVideo {
  videoId: string;
  /** The file written, when the destination was a path. */
  path: string | undefined;
  sizeBytes: number;
  /** The completed status the MP4 was read from (its `videoUrl`, `duration`, …). */
  video: VideoStatus;
}

/** What a download needs from the client. */
export interface DownloadContext {
  retry: RetryPolicy;
  /** Idle limit per attempt, in milliseconds; 0 waits for ever. */
  timeoutMs: number;
  /** The client's signal and the call's, combined. */
  signal: AbortSignal | undefined;
}

/**
 * `GET`s a completed video's MP4 from the files host into `destination`, streamed with constant
 * memory. No API key is sent: `videoUrl` is a public capability URL, possibly on another host.
 * Network errors, idle timeouts, 429 and 5xx are retried under the client's policy; a path is
 * written from the start again on each attempt and appears only once whole (see `fileSink`); a
 * path that cannot be written (its folder gone, a directory) is a `LocalFileError` with role `out`.
 */
export async function downloadVideo(
  video: VideoStatus,
  destination: DownloadDestination,
  context: DownloadContext,
  onProgress: DownloadProgressListener | undefined,
): Promise<DownloadedVideo> {
  const url = completedVideoUrl(video);
  const request: HttpRequest = {
    method: 'GET',
    url: new URL(url),
    headers: { 'user-agent': 'heygen-assets-client', accept: 'video/mp4' },
  };
  const sink = sinkFor(destination);
  let sizeBytes = 0;

  const path = typeof destination === 'string' ? destination : undefined;
  await sendWithRetries(request, context.retry, context.signal, (attempt) =>
    downloadAttempt(attempt, sink, {
      timeoutMs: context.timeoutMs,
      signal: context.signal,
      onProgress: (receivedBytes, totalBytes) => {
        sizeBytes = receivedBytes;
        onProgress?.(receivedBytes, totalBytes);
      },
    }),
  ).catch((error: unknown) => {
    throw path === undefined ? error : localFileError(error, 'out', path);
  });
  return { videoId: video.id, path, sizeBytes, video };
}

/** The MP4's URL; a video that has not completed has none, and the error says why. */
function completedVideoUrl(video: VideoStatus): string {
  if (video.status === 'failed') throw new VideoFailedError(video);
  if (video.status === 'completed' && video.videoUrl !== null) return video.videoUrl;

  throw new AssetError('invalid_request', `Video ${video.id} is ${video.status}: no MP4 yet.`, {
    param: 'video_id',
    hint: 'Wait for it to complete first (videos.wait), then download it.',
  });
}
