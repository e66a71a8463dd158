import type { HttpRequest } from '../http/http-exchange.js';
import { ResponseFields } from '../http/response-fields.js';
import type { Transport } from '../http/transport.js';
import { v3Get } from '../v3/v3-request.js';

/**
 * Where a render stands (SPEC §9): `pending` (queued) → `processing` (rendering) → `completed`
 * or `failed`. `waiting` is the HeyGen status for a video not yet queued; heygen-assets never
 * reports it, but a HeyGen-compatible server may.
 */
export type VideoStatusValue = 'waiting' | 'pending' | 'processing' | 'completed' | 'failed';

export const VIDEO_STATUSES: readonly VideoStatusValue[] = [
  'waiting',
  'pending',
  'processing',
  'completed',
  'failed',
];

/** Why a render failed: a stable code (`render_failed`, `renderer_missing`, …) and its detail. */
export interface VideoFailure {
  code: string;
  message: string;
  /** The tool's last lines of output, or more on the cause; may be empty. */
  detail: string;
}

/** One video as `GET /v1/video_status.get` describes it, in camelCase. */
export interface VideoStatus {
  id: string;
  status: VideoStatusValue;
  /** The MP4 on the files host; null until completed. */
  videoUrl: string | null;
  /** A JPEG frame; null until completed. */
  thumbnailUrl: string | null;
  /** Length of the MP4, in seconds; null until completed. */
  duration: number | null;
  createdAt: Date;
  callbackId: string | null;
  title: string | null;
  /** Set when `status` is `failed`. */
  error: VideoFailure | null;
}

/** Whether the render has ended, one way or the other. */
export function isSettled(video: VideoStatus): boolean {
  return video.status === 'completed' || video.status === 'failed';
}

/** `GET /v1/video_status.get?video_id=`: another space's video is `not_found`. */
export async function getVideoStatus(
  transport: Transport,
  videoId: string,
  signal: AbortSignal | undefined,
): Promise<VideoStatus> {
  const request = videoStatusRequest(transport.baseUrl, videoId);
  const response = await transport.api(request, signal);
  return readVideoStatus(ResponseFields.parse(request, response).object('data'));
}

export function videoStatusRequest(baseUrl: URL, videoId: string): HttpRequest {
  if (typeof videoId !== 'string' || videoId === '') {
    throw new TypeError(`videoId must be a non-empty id, not ${JSON.stringify(videoId)}.`);
  }
  return v3Get(baseUrl, 'v1/video_status.get', { video_id: videoId });
}

function readVideoStatus(fields: ResponseFields): VideoStatus {
  const error = fields.nullableObject('error');
  return {
    id: fields.string('id'),
    status: fields.oneOf('status', VIDEO_STATUSES),
    videoUrl: fields.isAbsent('video_url') ? null : fields.httpUrl('video_url'),
    thumbnailUrl: fields.isAbsent('thumbnail_url') ? null : fields.httpUrl('thumbnail_url'),
    duration: fields.nullableNumber('duration'),
    createdAt: fields.unixSeconds('created_at'),
    callbackId: fields.nullableString('callback_id'),
    title: fields.nullableString('title'),
    error: error && {
      code: error.string('code'),
      message: error.string('message'),
      detail: error.nullableString('detail') ?? '',
    },
  };
}
