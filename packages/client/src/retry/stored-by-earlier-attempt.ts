import { ApiError } from '../errors/api-error.js';
import type { Transport } from '../http/transport.js';
import type { UploadedAsset } from '../operations/put-upload.js';
import { getAsset } from '../v3/get-asset.js';

/** The code of a PUT to an upload URL whose asset already has its bytes (SPEC §4.2). */
const ALREADY_UPLOADED_CODE = 'already_uploaded';

/**
 * The asset an earlier attempt of a retried PUT stored, when a later one was refused with 409
 * `already_uploaded`: the server kept the bytes, but its answer was lost on the way (a dropped
 * connection, an idle timeout while it verified a large file). Read with `GET /v3/assets/{id}`
 * and accepted only when completed with exactly the bytes sent; otherwise the refusal stands.
 */
export async function storedByEarlierAttempt(
  transport: Transport,
  refusal: unknown,
  assetId: string,
  sentSha256: string,
  signal: AbortSignal | undefined,
): Promise<UploadedAsset> {
  if (!(refusal instanceof ApiError) || refusal.serverCode !== ALREADY_UPLOADED_CODE) {
    throw refusal;
  }

  const asset = await getAsset(transport, assetId, signal).catch(() => undefined);
  if (asset?.status !== 'completed' || asset.sha256 !== sentSha256) throw refusal;
  if (asset.url === null || asset.mimeType === null || asset.sizeBytes === null) throw refusal;
  return {
    assetId: asset.id,
    url: asset.url,
    mimeType: asset.mimeType,
    sizeBytes: asset.sizeBytes,
    sha256: asset.sha256,
  };
}
