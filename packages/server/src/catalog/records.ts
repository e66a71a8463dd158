import type { CanonicalMediaType, FileType, MediaFacts } from '@heygen-assets/core';

/** Lifecycle of an asset (SPEC §6): bytes expected → being checked → servable, or refused. */
export type AssetStatus = 'pending_upload' | 'processing' | 'completed' | 'failed';

export interface Space {
  id: string;
  name: string;
  createdAt: Date;
}

/** An asset row as the catalog stores it. Fields after `status` are set once bytes arrived. */
export interface AssetRecord {
  id: string;
  spaceId: string;
  status: AssetStatus;
  /** The type the upload request declared, canonicalised. */
  declaredType: CanonicalMediaType;
  filename: string | null;
  folderId: string;
  /** Exact size the uploader promised, if it did. */
  declaredSizeBytes: number | null;
  /** Lower-case hex SHA-256 the uploader promised, if it did. */
  declaredSha256: string | null;
  createdAt: Date;
  /** When the upload URL stops working; null once completed. */
  uploadExpiresAt: Date | null;
  completedAt: Date | null;
  mimeType: CanonicalMediaType | null;
  fileType: FileType | null;
  sizeBytes: number | null;
  sha256: string | null;
  /** Where the bytes live in the blob store. */
  blobKey: string | null;
  facts: MediaFacts | null;
}

export type NewAsset = Pick<
  AssetRecord,
  | 'id'
  | 'spaceId'
  | 'declaredType'
  | 'filename'
  | 'folderId'
  | 'declaredSizeBytes'
  | 'declaredSha256'
  | 'createdAt'
  | 'uploadExpiresAt'
>;

/** What a finished upload records: the verified facts and where the bytes are. */
export interface CompletedUpload {
  facts: MediaFacts;
  sha256: string;
  blobKey: string;
  completedAt: Date;
}
