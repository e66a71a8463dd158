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
  /**
   * How the upload finishes: `on_upload` verifies during the PUT (presigned dialect);
   * `explicit` keeps the PUT's bytes staged until `/complete` (v3 direct uploads).
   */
  completion: AssetCompletion;
  /** When `/complete` (or a batch completion) was asked for; null before. */
  completionRequestedAt: Date | null;
  /** Bytes received by a PUT and waiting for `/complete` (explicit completion only). */
  staged: StagedUpload | null;
  /** Why the asset failed, when `status` is `failed`. */
  error: AssetFailure | null;
  /** The batch the asset was created in, with its position there. */
  batchId: string | null;
  itemIndex: number | null;
}

export type AssetCompletion = 'on_upload' | 'explicit';

export interface StagedUpload {
  blobKey: string;
  sizeBytes: number;
  sha256: string;
}

export interface AssetFailure {
  code: string;
  message: string;
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
> & {
  completion?: AssetCompletion;
  batchId?: string | null;
  itemIndex?: number | null;
};

/** What a finished upload records: the verified facts and where the bytes are. */
export interface CompletedUpload {
  facts: MediaFacts;
  sha256: string;
  blobKey: string;
  completedAt: Date;
}

export interface BatchRecord {
  id: string;
  spaceId: string;
  title: string | null;
  createdAt: Date;
  totalItems: number;
  /** When completion of the whole batch was asked for; null before. */
  completionRequestedAt: Date | null;
}

/** Filters and position for listing a space's assets, newest first. */
export interface AssetListQuery {
  limit: number;
  /** Continue after this asset (exclusive), as returned in the previous page's last row. */
  after?: { createdAt: Date; id: string } | undefined;
  folderId?: string | undefined;
  fileType?: string | undefined;
  /** Only assets in this status; default: every status. */
  status?: AssetStatus | undefined;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** A unit of background work (SPEC §11): claimed by one worker at a time, retried on failure. */
export interface JobRecord {
  id: number;
  kind: string;
  payload: unknown;
  status: JobStatus;
  /** How many times a worker has started it, this run included. */
  attempts: number;
  maxAttempts: number;
  runAfter: Date;
  lastError: string | null;
}

export interface NewJob {
  kind: string;
  payload: unknown;
  /** Default 5. */
  maxAttempts?: number;
  /** Default now. */
  runAfter?: Date;
}

/** What the catalog knows about an `Idempotency-Key` when a request arrives with it. */
export type IdempotencyState =
  | { state: 'started' }
  | { state: 'in_progress' }
  | { state: 'completed'; requestHash: string; status: number; body: string };

export interface IdempotencyScope {
  spaceId: string;
  /** Method and route pattern, e.g. `POST /v3/assets/direct-uploads`. */
  route: string;
  key: string;
}

/** Lifecycle of a generated video (SPEC §9). */
export type VideoStatus = 'pending' | 'processing' | 'completed' | 'failed';

/** A rendered file of a video: the MP4 or its JPEG thumbnail. */
export interface VideoFile {
  blobKey: string;
  sizeBytes: number;
  sha256: string;
}

export interface VideoFailure {
  code: string;
  message: string;
  /** Tool output or other facts for the operator; may be empty. */
  detail: string;
}

/** A video row: the validated request, then the rendered files or why it failed. */
export interface VideoRecord {
  id: string;
  spaceId: string;
  status: VideoStatus;
  /** The validated body, every reference to an asset of this server written as its id. */
  request: unknown;
  /**
   * The assets the render made of the request's external URLs, by `"<file type> <url>"`, so a
   * retried render reuses those still there instead of fetching again.
   */
  fetchedSources: Readonly<Record<string, string>>;
  title: string | null;
  callbackId: string | null;
  createdAt: Date;
  completedAt: Date | null;
  durationSeconds: number | null;
  video: VideoFile | null;
  thumbnail: VideoFile | null;
  error: VideoFailure | null;
}

export type NewVideo = Pick<
  VideoRecord,
  'id' | 'spaceId' | 'request' | 'title' | 'callbackId' | 'createdAt'
>;

/** What a finished render records. */
export interface RenderedVideo {
  video: VideoFile;
  thumbnail: VideoFile;
  durationSeconds: number;
  completedAt: Date;
}
