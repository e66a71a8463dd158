import { randomUUID } from 'node:crypto';
import { ResponseFields } from '../http/response-fields.js';
import type { Transport } from '../http/transport.js';
import { v3Post } from '../v3/v3-request.js';
import type { VideoRequest } from './video-body.js';

/** What the server may take as an `Idempotency-Key` (SPEC §6): 1–255 of `A-Za-z0-9_-:.`. */
const IDEMPOTENCY_KEY_SYNTAX = /^[A-Za-z0-9_\-:.]{1,255}$/;

export interface GenerateOptions {
  /**
   * Names this request for the server (SPEC §6): the same key with the same body within 24 h
   * gets the first answer's `videoId` back and renders once. Default: a fresh random key, so the
   * client's own retries (a lost answer, a 5xx) never render twice; pass your own to stay safe
   * across restarts of your program.
   */
  idempotencyKey?: string | undefined;
  /** Aborts the request; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** What `POST /v2/video/generate` answers: the id to poll. */
export interface GeneratedVideo {
  videoId: string;
}

/**
 * `POST /v2/video/generate` (SPEC §9). The whole body and every asset it names are checked by
 * the server first; a refusal is an `ApiError` (`invalid_request` listing every problem with its
 * path, `asset_not_usable`, `external_url_not_supported`).
 */
export async function generateVideo(
  transport: Transport,
  body: VideoRequest,
  options: GenerateOptions,
): Promise<GeneratedVideo> {
  const key = options.idempotencyKey ?? randomUUID();
  if (!IDEMPOTENCY_KEY_SYNTAX.test(key)) {
    throw new TypeError('idempotencyKey must be 1 to 255 characters of A-Z, a-z, 0-9, _ - : .');
  }

  const request = v3Post(transport.baseUrl, 'v2/video/generate', body);
  request.headers['idempotency-key'] = key;
  const response = await transport.api(request, options.signal);
  return { videoId: ResponseFields.parse(request, response).object('data').string('video_id') };
}
