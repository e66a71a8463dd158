import { AssetError, canonicalMediaType, mediaTypeRule } from '@heygen-assets/core';
import type { AppContext } from '../../app-context.js';
import type { PendingUploadRequest } from '../../assets/asset-uploads.js';
import type { AssetRecord } from '../../catalog/records.js';
import type { DirectUploadRequest } from './direct-upload-schema.js';

/** Turns a validated direct-upload body into a pending explicit-completion asset request. */
export function pendingDirectUpload(
  body: DirectUploadRequest,
  spaceId: string,
  context: AppContext,
  paramPrefix = '',
): PendingUploadRequest {
  const declaredType = canonicalMediaType(body.content_type);
  if (!declaredType) {
    throw new AssetError(
      'unsupported_media_type',
      `content_type ${body.content_type} is not accepted.`,
      {
        param: `${paramPrefix}content_type`,
        hint: 'Accepted: image/jpeg, image/png, video/mp4, video/webm, audio/mpeg, audio/wav, application/pdf, application/x-subrip.',
      },
    );
  }
  const { maxBytes } = mediaTypeRule(declaredType);
  if (body.size_bytes > maxBytes) {
    throw new AssetError(
      'file_too_large',
      `size_bytes ${body.size_bytes} is over the ${maxBytes}-byte limit for ${declaredType}.`,
      {
        param: `${paramPrefix}size_bytes`,
        hint: 'Compress or shorten the file, or split it, and upload again.',
      },
    );
  }
  return {
    spaceId,
    declaredType,
    filename: body.filename,
    folderId: body.folder_id,
    sizeBytes: body.size_bytes,
    sha256: body.checksum_sha256,
    ttlSeconds: context.config.uploadUrlTtlSeconds,
    completion: 'explicit',
  };
}

/** What a client needs to PUT one file (SPEC §6): the URL, the headers it must send, limits. */
export function uploadSlot(asset: AssetRecord, context: AppContext) {
  const expiresAt = Math.floor((asset.uploadExpiresAt?.getTime() ?? 0) / 1000);
  const path = context.signer.pathFor({ assetId: asset.id, expiresAt });
  const sizeBytes = asset.declaredSizeBytes ?? 0;
  return {
    asset_id: asset.id,
    upload_url: `${context.publicUrl()}${path}`,
    upload_headers: { 'Content-Type': asset.declaredType, 'Content-Length': String(sizeBytes) },
    expires_in_seconds: Math.max(0, expiresAt - Math.floor(Date.now() / 1000)),
    max_bytes: sizeBytes,
    status: asset.status,
  };
}
