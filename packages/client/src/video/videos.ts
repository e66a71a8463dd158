import type { CallOptions } from '../heygen-assets.js';
import type { Transport } from '../http/transport.js';
import { type CatalogueAvatar, listAvatars } from './avatar-list.js';
import type { DownloadProgressListener } from './byte-meter.js';
import type { DownloadDestination } from './download-sink.js';
import { type DownloadedVideo, type DownloadOptions, downloadVideo } from './download-video.js';
import { requestFromScript, type ScriptClient, type ScriptParts } from './from-script.js';
import { type GeneratedVideo, type GenerateOptions, generateVideo } from './generate-video.js';
import { checkDownloadPath } from './local-file-error.js';
import type { VideoRequest } from './video-body.js';
import { getVideoStatus, type VideoStatus } from './video-status.js';
import { type CatalogueVoice, listVoices } from './voice-list.js';
import { type WaitOptions, waitForVideo } from './wait-for-video.js';

/** What `videos` needs from the client that owns it. */
export interface VideosContext extends ScriptClient {
  transport: Transport;
  /** The client's idle limit per request, in milliseconds. */
  timeoutMs: number;
  /** The client's signal combined with a call's. */
  signal(callSignal: AbortSignal | undefined): AbortSignal | undefined;
}

export interface FromScriptOptions extends ScriptParts {
  /** Where the MP4 goes: a file path (written atomically) or a stream. Left out: not downloaded. */
  out?: DownloadDestination | undefined;
  /** See `GenerateOptions.idempotencyKey`. Default: a fresh random key. */
  idempotencyKey?: string | undefined;
  /** Longest wait for the render, in milliseconds; 0 waits for ever. Default 30 minutes. */
  timeoutMs?: number | undefined;
  /** Told the video id once the server accepted the request. */
  onGenerated?: ((videoId: string) => void) | undefined;
  /** Told the first status and each change of it while waiting. */
  onStatus?: ((video: VideoStatus) => void) | undefined;
  /** Told as the MP4's bytes arrive. */
  onDownloadProgress?: DownloadProgressListener | undefined;
}

/** What `fromScript` produced. */
export interface ScriptVideo {
  videoId: string;
  /** The completed status: `videoUrl`, `thumbnailUrl`, `duration`. */
  video: VideoStatus;
  /** The file written, when `out` was a path. */
  path: string | undefined;
  /** Bytes downloaded; undefined when nothing was. */
  sizeBytes: number | undefined;
}

/**
 * Video generation on uploaded assets (SPEC §9), as `assets.videos`:
 *
 * ```ts
 * const { videoId } = await assets.videos.generate(videoRequest(scene({ … })));
 * const video = await assets.videos.wait(videoId, { onStatus: (v) => console.log(v.status) });
 * await assets.videos.download(video, 'out.mp4');
 * ```
 */
export class Videos {
  readonly #context: VideosContext;

  constructor(context: VideosContext) {
    this.#context = context;
  }

  /**
   * `POST /v2/video/generate`: queues the render and resolves with its id. Sent with an
   * `Idempotency-Key`, so a retry after a lost answer gets the same id and renders once.
   */
  generate(body: VideoRequest, options: GenerateOptions = {}): Promise<GeneratedVideo> {
    const signal = this.#context.signal(options.signal);
    return generateVideo(this.#context.transport, body, { ...options, signal });
  }

  /** `GET /v1/video_status.get`: where one video stands. */
  status(videoId: string, options: CallOptions = {}): Promise<VideoStatus> {
    const signal = this.#context.signal(options.signal);
    return getVideoStatus(this.#context.transport, videoId, signal);
  }

  /** `GET /v2/avatars`: the built-in avatars a scene may name. */
  avatars(options: CallOptions = {}): Promise<CatalogueAvatar[]> {
    return listAvatars(this.#context.transport, this.#context.signal(options.signal));
  }

  /** `GET /v2/voices`: the built-in voices a text scene may speak with. */
  voices(options: CallOptions = {}): Promise<CatalogueVoice[]> {
    return listVoices(this.#context.transport, this.#context.signal(options.signal));
  }

  /**
   * Polls until the render ends, with capped exponential backoff and jitter. Resolves with the
   * `completed` status; `VideoFailedError` for `failed`; `VideoWaitTimeoutError` past
   * `timeoutMs` (default 30 minutes).
   */
  wait(videoId: string, options: WaitOptions = {}): Promise<VideoStatus> {
    const signal = this.#context.signal(options.signal);
    return waitForVideo(this.#context.transport, videoId, { ...options, signal });
  }

  /**
   * Streams a completed video's MP4 to a path (written atomically: a temporary file renamed once
   * whole, nothing left behind on failure) or into a stream (ended after the last byte). Takes a
   * video id (its status is read first) or a status already read.
   */
  async download(
    video: string | VideoStatus,
    destination: DownloadDestination,
    options: DownloadOptions = {},
  ): Promise<DownloadedVideo> {
    const status = typeof video === 'string' ? await this.status(video, options) : video;
    const context = {
      retry: this.#context.transport.retry,
      timeoutMs: this.#context.timeoutMs,
      signal: this.#context.signal(options.signal),
    };
    return downloadVideo(status, destination, context, options.onProgress);
  }

  /**
   * The v2 body for one scene made of local files and ids (see `ScriptParts`): local files are
   * checked, then uploaded through `uploadFile` (so its cache applies). `fromScript` does this,
   * then renders; call it yourself to generate without waiting.
   */
  requestFromScript(parts: ScriptParts): Promise<VideoRequest> {
    const signal = this.#context.signal(parts.signal);
    return requestFromScript({ ...parts, signal }, this.#context);
  }

  /**
   * "Background + script → MP4" in one call: uploads what is local, generates, waits and, with
   * `out`, downloads. A path `out` is checked first (its folder exists, it is not a directory:
   * `LocalFileError` otherwise), so a render is never made for nowhere to put it.
   *
   * ```ts
   * await assets.videos.fromScript({ background: 'bg.jpg', script: 'Hello', out: 'hello.mp4' });
   * ```
   */
  async fromScript(options: FromScriptOptions): Promise<ScriptVideo> {
    if (typeof options.out === 'string') await checkDownloadPath(options.out);
    const body = await this.requestFromScript(options);
    const { signal, idempotencyKey } = options;
    const { videoId } = await this.generate(body, { signal, idempotencyKey });
    options.onGenerated?.(videoId);

    const { timeoutMs, onStatus } = options;
    const video = await this.wait(videoId, { timeoutMs, signal, onStatus });
    if (options.out === undefined) return { videoId, video, path: undefined, sizeBytes: undefined };

    const onProgress = options.onDownloadProgress;
    const downloaded = await this.download(video, options.out, { signal, onProgress });
    return { videoId, video, path: downloaded.path, sizeBytes: downloaded.sizeBytes };
  }
}
