import { loopbackUrl } from './loopback-url.js';

interface CreateAssetResponse {
  error: string | null;
  data: { url: string; asset_id: string } | null;
}

/**
 * Asks a heygen-assets server for a presigned upload URL (SPEC §4.1) for an MP4 of
 * `sizeBytes` bytes, and returns the URL.
 */
export async function requestUploadUrl(
  apiUrl: string,
  apiKey: string,
  sizeBytes: number,
): Promise<string> {
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
  return envelope.data.url;
}
