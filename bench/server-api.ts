import { loopbackUrl } from './loopback-url.js';

interface CreateAssetResponse {
  error: string | null;
  data: { url: string; asset_id: string } | null;
}

export interface PresignedUpload {
  /** Where to `PUT` the bytes. */
  url: string;
  assetId: string;
}

/**
 * Asks a heygen-assets server for a presigned upload URL (SPEC §4.1) for an MP4 of
 * `sizeBytes` bytes.
 */
export async function requestUploadUrl(
  apiUrl: string,
  apiKey: string,
  sizeBytes: number,
): Promise<PresignedUpload> {
  const endpoint = new URL('/v1/asset', loopbackUrl(apiUrl));
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
    body: JSON.stringify({ content_type: 'video/mp4', size_bytes: sizeBytes }),
  });
  const envelope = (await response.json()) as CreateAssetResponse;
  if (!response.ok || !envelope.data) {
    throw new Error(
      `POST ${endpoint.href} answered ${response.status}: ${envelope.error ?? 'no upload URL'}`,
    );
  }
  return { url: envelope.data.url, assetId: envelope.data.asset_id };
}

/** Deletes an asset and, as it is the only one with its bytes, the stored file. */
export async function deleteAsset(apiUrl: string, apiKey: string, assetId: string) {
  const endpoint = new URL(`/v1/asset/${assetId}`, loopbackUrl(apiUrl));
  const response = await fetch(endpoint, { method: 'DELETE', headers: { 'x-api-key': apiKey } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`DELETE ${endpoint.href} answered ${response.status}.`);
}
