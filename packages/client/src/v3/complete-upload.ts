import { ResponseFields } from '../http/response-fields.js';
import type { Transport } from '../http/transport.js';
import { pathSegment, v3Post } from './v3-request.js';

/** An asset whose staged bytes the server verified and made servable. */
export interface CompletedUpload {
  assetId: string;
  /** The public files URL the bytes are served from. */
  url: string;
  /** The type the server detected from the bytes. */
  mimeType: string;
  /** In bytes. */
  sizeBytes: number;
}

/**
 * `POST /v3/assets/{id}/complete`: verifies the staged bytes (SPEC §3 rules, the bound size and
 * checksum). Idempotent. A refused file is an `ApiError` with its SPEC §3 code and status.
 */
export async function completeUpload(
  transport: Transport,
  assetId: string,
  signal: AbortSignal | undefined,
): Promise<CompletedUpload> {
  const path = `v3/assets/${pathSegment(assetId, 'assetId')}/complete`;
  const request = v3Post(transport.baseUrl, path);
  const response = await transport.api(request, signal);
  const data = ResponseFields.parse(request, response).object('data');

  data.oneOf('status', ['completed']);
  return {
    assetId: data.string('asset_id'),
    url: data.httpUrl('url'),
    mimeType: data.string('mime_type'),
    sizeBytes: data.number('size_bytes'),
  };
}
