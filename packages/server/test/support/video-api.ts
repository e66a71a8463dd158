import type { TestServer } from '@heygen-assets/testkit';
import { putBytes, requestUploadUrl } from './api.js';

/** The guide's avatar and voice, from the built-in catalogue. */
export const GUIDE_AVATAR_ID = 'josh_lite3_20230714';
export const GUIDE_VOICE_ID = '1bd001e7e50f421d891986aad5158bc8';

export interface V2Body {
  error: { code: string; message: string } | null;
  data: Record<string, unknown> | null;
}

export interface VideoStatus {
  id: string;
  status: string;
  video_url: string | null;
  thumbnail_url: string | null;
  duration: number | null;
  callback_id: string | null;
  error: { code: string; message: string; detail: string } | null;
}

/** Uploads `bytes` through the presigned flow and returns the completed asset's id. */
export async function uploadAsset(
  server: TestServer,
  contentType: string,
  bytes: Uint8Array,
  apiKey = server.apiKey,
): Promise<string> {
  const response = await fetch(`${server.url}/v1/asset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ content_type: contentType }),
  });
  const body = (await response.json()) as { data: { url: string; asset_id: string } };
  const put = await putBytes(body.data.url, bytes);
  if (put.status !== 200) throw new Error(`upload failed: ${put.status} ${await put.text()}`);
  return body.data.asset_id;
}

/** An asset whose upload URL was issued but never used. */
export async function pendingAsset(server: TestServer, contentType: string): Promise<string> {
  return (await requestUploadUrl(server, contentType)).assetId;
}

export async function generateVideo(server: TestServer, body: unknown, apiKey = server.apiKey) {
  const response = await fetch(`${server.url}/v2/video/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as V2Body };
}

export async function videoStatus(server: TestServer, videoId: string, apiKey = server.apiKey) {
  const response = await fetch(`${server.url}/v1/video_status.get?video_id=${videoId}`, {
    headers: { 'x-api-key': apiKey },
  });
  return { status: response.status, body: (await response.json()) as { data: VideoStatus } };
}

/** Polls the status until the video is completed or failed, or `timeoutMs` passes. */
export async function waitForVideo(
  server: TestServer,
  videoId: string,
  timeoutMs = 120_000,
): Promise<VideoStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await videoStatus(server, videoId);
    if (body.data.status === 'completed' || body.data.status === 'failed') return body.data;
    if (Date.now() > deadline) throw new Error(`video ${videoId} still ${body.data.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** One scene of the guide: the avatar speaking `text` over an image background. */
export function guideScene(backgroundAssetId: string, text = 'Hello from heygen assets.') {
  return {
    character: { type: 'avatar', avatar_id: GUIDE_AVATAR_ID, avatar_style: 'normal' },
    voice: { type: 'text', voice_id: GUIDE_VOICE_ID, input_text: text },
    background: { type: 'image', image_asset_id: backgroundAssetId },
  };
}
