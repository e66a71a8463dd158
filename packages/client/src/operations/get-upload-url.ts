import type { HttpRequest, HttpResponse } from '../http/http-exchange.js';
import { ResponseFields } from '../http/response-fields.js';

export interface GetUploadUrlOptions {
  /** Name to store with the asset. Default: none. */
  filename?: string | undefined;
  /** Exact size of the bytes to come, in bytes; the upload is refused if it differs. */
  sizeBytes?: number | undefined;
  /** Hex SHA-256 of the bytes to come; the upload is refused if it differs. */
  checksumSha256?: string | undefined;
  signal?: AbortSignal | undefined;
}

/** A presigned upload URL and the id the asset will have once its bytes are PUT there. */
export interface UploadUrl {
  /** Where to PUT the bytes; carries its own authorization and expires (1 hour by default). */
  uploadUrl: string;
  assetId: string;
}

/** `POST /v1/asset` with a JSON body: the first step of the two-step upload (SPEC §4.1). */
export function uploadUrlRequest(
  baseUrl: URL,
  contentType: string,
  options: GetUploadUrlOptions,
): HttpRequest {
  const body = JSON.stringify({
    content_type: contentType,
    filename: options.filename,
    size_bytes: options.sizeBytes,
    checksum_sha256: options.checksumSha256,
  });

  return {
    method: 'POST',
    url: new URL('v1/asset', baseUrl),
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    },
    body,
  };
}

/** Reads `{"error": null, "data": {"url", "asset_id"}}`. */
export function readUploadUrl(request: HttpRequest, response: HttpResponse): UploadUrl {
  const data = ResponseFields.parse(request, response).object('data');
  return { uploadUrl: data.httpUrl('url'), assetId: data.string('asset_id') };
}
