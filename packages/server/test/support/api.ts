import type { TestServer } from '@heygen-assets/testkit';

export interface UploadUrl {
  url: string;
  assetId: string;
}

/** `POST /v1/asset` in the presigned dialect; returns the raw response. */
export function postAssetJson(server: TestServer, body: unknown, apiKey = server.apiKey) {
  return fetch(`${server.url}/v1/asset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify(body),
  });
}

/** Asks for an upload URL and checks the guide's response shape on the way. */
export async function requestUploadUrl(
  server: TestServer,
  contentType: string,
  extra: Record<string, unknown> = {},
): Promise<UploadUrl> {
  const response = await postAssetJson(server, { content_type: contentType, ...extra });
  const body = (await response.json()) as { data: { url: string; asset_id: string } };
  if (response.status !== 200) throw new Error(`POST /v1/asset: ${JSON.stringify(body)}`);
  return { url: body.data.url, assetId: body.data.asset_id };
}

/** PUTs `bytes` to an upload URL with fetch. */
export function putBytes(url: string, bytes: Uint8Array, contentType?: string) {
  return fetch(url, {
    method: 'PUT',
    headers: contentType ? { 'content-type': contentType } : {},
    body: bytes,
  });
}

/** `POST /v1/asset` in the raw dialect: the file is the body. */
export function postRaw(
  server: TestServer,
  bytes: Uint8Array,
  contentType: string,
  apiKey: string | undefined = server.apiKey,
) {
  return fetch(`${server.url}/v1/asset`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...(apiKey ? { 'x-api-key': apiKey } : {}) },
    body: bytes,
  });
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const { createHash } = await import('node:crypto');
  return createHash('sha256').update(bytes).digest('hex');
}
