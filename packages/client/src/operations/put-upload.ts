import type { Readable } from 'node:stream';
import { AssetError } from '@heygen-assets/core';
import type { BodyOpener, HttpRequest, HttpResponse } from '../http/http-exchange.js';
import { ResponseFields } from '../http/response-fields.js';
import type { ImageOptimization } from '../optimize/optimize-image.js';

/** An asset whose bytes the server has stored, verified and made servable. */
export interface UploadedAsset {
  assetId: string;
  /** The public files URL the bytes are served from. */
  url: string;
  /** The type the server detected from the bytes. */
  mimeType: string;
  sizeBytes: number;
  /** Hex SHA-256 of the stored bytes. */
  sha256: string;
  /** How the image was optimised, when `optimize` was asked and the file is an image. */
  optimization?: ImageOptimization | undefined;
}

export interface PutUploadParts {
  uploadUrl: URL;
  contentType: string;
  sizeBytes: number;
  /** The bytes: opened afresh for each attempt, or a stream sent once. */
  body: Readable | BodyOpener;
}

/**
 * `PUT <upload url>` with the bytes (SPEC §4.2). `Content-Length` is always sent so the server
 * can refuse an oversized file before reading it; the `Content-Type` must be the declared one.
 * No API key: the URL carries its own authorization, and it may point at object storage.
 */
export function putUploadRequest(parts: PutUploadParts): HttpRequest {
  return {
    method: 'PUT',
    url: parts.uploadUrl,
    headers: {
      'content-type': parts.contentType,
      'content-length': String(parts.sizeBytes),
    },
    body: parts.body,
  };
}

/**
 * Reads `{"asset_id", "url", "mime_type", "size_bytes", "sha256"}` and checks that the server
 * stored exactly the bytes sent, by their SHA-256.
 */
export function readUploadedAsset(
  request: HttpRequest,
  response: HttpResponse,
  sentSha256: string,
): UploadedAsset {
  const fields = ResponseFields.parse(request, response);
  const asset: UploadedAsset = {
    assetId: fields.string('asset_id'),
    url: fields.string('url'),
    mimeType: fields.string('mime_type'),
    sizeBytes: fields.number('size_bytes'),
    sha256: fields.string('sha256'),
  };

  if (asset.sha256 !== sentSha256) {
    throw new AssetError(
      'checksum_mismatch',
      `The server stored bytes with SHA-256 ${asset.sha256}, but the bytes sent have ${sentSha256}.`,
      { hint: 'Something between this client and the server changed the bytes; upload again.' },
    );
  }
  return asset;
}
