import { mediaTypeRule } from '@heygen-assets/core';
import type { AssetRecord } from '../catalog/records.js';
import { assetMeta } from '../media/asset-meta.js';
import { filesUrl } from './asset-urls.js';

/** v3 timestamps are whole seconds since the Unix epoch (SPEC §6). */
export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/**
 * The v3 asset object (SPEC §6), the one shape `GET /v3/assets/{id}` and `GET /v3/assets`
 * return, in every status. Until the upload is verified, `mime_type`, `size_bytes` and `sha256`
 * are what the upload declared, and `uploaded_at` and `url` are null; once it is, the probed
 * metadata follows (`width`, `height`, `duration`, `codecs`, `has_alpha`, `has_audio`: only the
 * keys that apply to the type, as in the legacy `meta`).
 */
export function v3Asset(asset: AssetRecord, publicUrl: string) {
  const completed = asset.status === 'completed';
  return {
    id: asset.id,
    name: asset.filename ?? asset.id,
    type: asset.fileType ?? mediaTypeRule(asset.declaredType).fileType,
    owner: null,
    space_id: asset.spaceId,
    uploaded_at: completed && asset.completedAt ? unixSeconds(asset.completedAt) : null,
    created_at: unixSeconds(asset.createdAt),
    folder_id: asset.folderId === '' ? null : asset.folderId,
    url: completed ? filesUrl(publicUrl, asset.id) : null,
    status: asset.status,
    error: asset.error && { code: asset.error.code, message: asset.error.message },
    mime_type: asset.mimeType ?? asset.declaredType,
    size_bytes: asset.sizeBytes ?? asset.declaredSizeBytes,
    sha256: asset.sha256 ?? asset.declaredSha256,
    ...assetMeta(asset),
  };
}
