import type { CanonicalMediaType, FileType, MediaFacts } from '@heygen-assets/core';
import type { AssetCompletion, AssetRecord, AssetStatus } from '../records.js';

export interface AssetRow {
  id: string;
  space_id: string;
  status: string;
  declared_type: string;
  filename: string | null;
  folder_id: string;
  declared_size_bytes: number | null;
  declared_sha256: string | null;
  created_at: number;
  upload_expires_at: number | null;
  completed_at: number | null;
  mime_type: string | null;
  file_type: string | null;
  size_bytes: number | null;
  sha256: string | null;
  blob_key: string | null;
  facts_json: string | null;
  completion: string;
  completion_requested_at: number | null;
  staged_blob_key: string | null;
  staged_size_bytes: number | null;
  staged_sha256: string | null;
  error_code: string | null;
  error_message: string | null;
  batch_id: string | null;
  item_index: number | null;
}

export function toDate(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

export function toAsset(row: AssetRow): AssetRecord {
  return {
    id: row.id,
    spaceId: row.space_id,
    status: row.status as AssetStatus,
    declaredType: row.declared_type as CanonicalMediaType,
    filename: row.filename,
    folderId: row.folder_id,
    declaredSizeBytes: row.declared_size_bytes,
    declaredSha256: row.declared_sha256,
    createdAt: new Date(row.created_at),
    uploadExpiresAt: toDate(row.upload_expires_at),
    completedAt: toDate(row.completed_at),
    mimeType: row.mime_type as CanonicalMediaType | null,
    fileType: row.file_type as FileType | null,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    blobKey: row.blob_key,
    facts: row.facts_json === null ? null : (JSON.parse(row.facts_json) as MediaFacts),
    completion: row.completion as AssetCompletion,
    completionRequestedAt: toDate(row.completion_requested_at),
    staged:
      row.staged_blob_key === null
        ? null
        : {
            blobKey: row.staged_blob_key,
            sizeBytes: row.staged_size_bytes ?? 0,
            sha256: row.staged_sha256 ?? '',
          },
    error:
      row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
    batchId: row.batch_id,
    itemIndex: row.item_index,
  };
}
