import { mediaTypeRule } from '@heygen-assets/core';
import { ResponseFields } from '../http/response-fields.js';
import type { Transport } from '../http/transport.js';
import type { PreparedUpload } from '../source/prepared-upload.js';
import { v3Post } from './v3-request.js';

/** File name declared for bytes or a stream given without one: `upload.<extension>`. */
const DEFAULT_FILENAME_STEM = 'upload';

/** What a direct upload declares about one file before sending it. */
export interface DirectUploadDeclaration {
  filename: string;
  contentType: string;
  /** Exact size, in bytes; bound to the upload URL. */
  sizeBytes: number;
  /** Hex SHA-256; bound to the upload URL when given. */
  checksumSha256: string | undefined;
  folderId: string | undefined;
}

/** Where and how to PUT one file, as `POST /v3/assets/direct-uploads` hands it out. */
export interface UploadSlot {
  assetId: string;
  /** Carries its own authorization; needs no API key. */
  uploadUrl: string;
  /** Every header the PUT must carry, exactly. */
  uploadHeaders: Record<string, string>;
  /** How long the upload URL stays valid, in seconds. */
  expiresInSeconds: number;
  /** Most bytes the URL accepts. */
  maxBytes: number;
  status: string;
}

/** The declaration for a prepared upload, with the checksum the caller gave or was computed. */
export function declarationFor(
  prepared: PreparedUpload,
  checksumSha256: string | undefined,
  folderId: string | undefined,
): DirectUploadDeclaration {
  const extension = mediaTypeRule(prepared.contentType).extension;
  return {
    filename: prepared.filename ?? `${DEFAULT_FILENAME_STEM}.${extension}`,
    contentType: prepared.contentType,
    sizeBytes: prepared.sizeBytes,
    checksumSha256,
    folderId,
  };
}

/** The JSON body of one file (SPEC §6), as sent alone or as an item of a batch. */
export function declarationBody(declaration: DirectUploadDeclaration) {
  return {
    filename: declaration.filename,
    content_type: declaration.contentType,
    size_bytes: declaration.sizeBytes,
    checksum_sha256: declaration.checksumSha256,
    folder_id: declaration.folderId,
  };
}

/** `POST /v3/assets/direct-uploads`. */
export async function createUploadSlot(
  transport: Transport,
  declaration: DirectUploadDeclaration,
  signal: AbortSignal | undefined,
): Promise<UploadSlot> {
  const body = declarationBody(declaration);
  const request = v3Post(transport.baseUrl, 'v3/assets/direct-uploads', body);
  const response = await transport.api(request, signal);
  const data = ResponseFields.parse(request, response).object('data');
  return readUploadSlot(data, declaration.sizeBytes);
}

/**
 * Reads one slot. Its headers are sent as given, so a `Content-Length` in them that differs from
 * the declared size (which the PUT sends) is refused here rather than by the upload URL.
 */
export function readUploadSlot(fields: ResponseFields, sizeBytes: number): UploadSlot {
  const slot: UploadSlot = {
    assetId: fields.string('asset_id'),
    uploadUrl: fields.httpUrl('upload_url'),
    uploadHeaders: fields.stringRecord('upload_headers'),
    expiresInSeconds: fields.number('expires_in_seconds'),
    maxBytes: fields.number('max_bytes'),
    status: fields.string('status'),
  };

  const length = headerValue(slot.uploadHeaders, 'content-length');
  if (length !== undefined && length !== String(sizeBytes)) {
    throw fields.unexpected(
      `"upload_headers" asks for Content-Length ${length}, not the ${sizeBytes} bytes declared`,
    );
  }
  return slot;
}

/** A header's value from a set whose names may have any case. */
export function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const found = Object.keys(headers).find((key) => key.toLowerCase() === name);
  return found === undefined ? undefined : headers[found];
}
