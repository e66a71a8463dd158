import type {
  AssetFailure,
  AssetListQuery,
  AssetRecord,
  BatchRecord,
  CompletedUpload,
  IdempotencyScope,
  IdempotencyState,
  JobRecord,
  NewAsset,
  NewJob,
  NewVideo,
  RenderedVideo,
  Space,
  StagedUpload,
  VideoFailure,
  VideoRecord,
} from './records.js';

/**
 * Where the service keeps its records: spaces, API keys, assets and settings. Async from day one
 * so that SQLite (embedded default) and PostgreSQL implementations share one contract and one
 * conformance suite.
 */
export interface Catalog {
  /** Creates or upgrades the schema. Safe to call on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /** Returns the stored value of a setting, storing `initial` first if there is none. */
  getOrCreateSetting(name: string, initial: () => string): Promise<string>;

  /** The space every first-start key belongs to; created on first use. */
  defaultSpace(): Promise<Space>;
  createSpace(space: Space): Promise<void>;
  /** Registers a key by its hash; registering a known hash again makes it valid again. */
  addApiKey(key: {
    keyHash: string;
    spaceId: string;
    label: string;
    createdAt: Date;
  }): Promise<void>;
  /** The space a key hash belongs to, if the key is known and not revoked. */
  spaceForKeyHash(keyHash: string): Promise<string | undefined>;
  countApiKeys(): Promise<number>;
  /** Revokes every key with `label` except the one with `keepKeyHash`; returns how many. */
  revokeApiKeysByLabel(label: string, keepKeyHash: string): Promise<number>;

  createAsset(asset: NewAsset): Promise<void>;
  /** The asset with this id, whatever its space: for signed upload URLs and the files host. */
  findAsset(id: string): Promise<AssetRecord | undefined>;
  /** The asset with this id in this space; another space's id is the same as an unknown one. */
  findAssetInSpace(spaceId: string, id: string): Promise<AssetRecord | undefined>;
  /** A page of a space's assets, newest first (ties broken by id), after `query.after`. */
  listAssets(spaceId: string, query: AssetListQuery): Promise<AssetRecord[]>;
  /**
   * Marks a `pending_upload` or `processing` asset completed. Returns false, changing nothing,
   * when it is in neither state any more (completed by a concurrent request, or deleted).
   */
  completeAsset(id: string, upload: CompletedUpload): Promise<boolean>;
  /** Records bytes a PUT staged for a pending explicit-completion asset; false if not pending. */
  stageUpload(id: string, staged: StagedUpload): Promise<boolean>;
  /** Notes that completion was asked for (idempotent: the first time is kept). */
  requestCompletion(ids: readonly string[], at: Date): Promise<void>;
  /** `pending_upload` → `processing`, only for an asset with staged bytes; false otherwise. */
  startProcessing(id: string): Promise<boolean>;
  /** Marks a not-yet-completed asset failed and drops its staged bytes' reference. */
  failAsset(id: string, failure: AssetFailure): Promise<boolean>;
  /** Removes an asset of this space; returns what was removed, or undefined if nothing was. */
  deleteAsset(spaceId: string, id: string): Promise<AssetRecord | undefined>;
  /** Whether any asset still refers to the blob under `blobKey`. */
  isBlobReferenced(blobKey: string): Promise<boolean>;

  /** Creates a batch and its assets (one per item, `itemIndex` in submitted order) at once. */
  createBatch(
    batch: Omit<BatchRecord, 'totalItems' | 'completionRequestedAt'>,
    assets: NewAsset[],
  ): Promise<void>;
  findBatch(spaceId: string, id: string): Promise<BatchRecord | undefined>;
  /** Notes that completion of the batch was asked for; true only for the first request. */
  markBatchCompletionRequested(id: string, at: Date): Promise<boolean>;
  /** The batch's assets in item order, from `offset`. */
  listBatchAssets(batchId: string, offset: number, limit: number): Promise<AssetRecord[]>;
  /** Every asset of a batch, in item order (at most the batch size limit). */
  allBatchAssets(batchId: string): Promise<AssetRecord[]>;

  enqueueJob(job: NewJob): Promise<number>;
  /**
   * Hands one due job to `workerId` for `leaseMs`: a queued job whose time has come, or a
   * running one whose lease ran out (its worker died). Each claim counts as an attempt.
   */
  claimJob(workerId: string, now: Date, leaseMs: number): Promise<JobRecord | undefined>;
  /** Extends the lease of a job this worker still holds; false if it lost the job. */
  renewJobLease(id: number, workerId: string, until: Date): Promise<boolean>;
  finishJob(id: number, workerId: string): Promise<void>;
  /** Puts the job back in the queue for `runAfter`, recording why this attempt failed. */
  retryJob(id: number, workerId: string, error: string, runAfter: Date): Promise<void>;
  /** Gives up on the job for good. */
  failJob(id: number, workerId: string, error: string): Promise<void>;
  /** Requeues every running job: for a single-process catalog at start-up, where none can be live. */
  requeueRunningJobs(): Promise<number>;
  findJob(id: number): Promise<JobRecord | undefined>;

  /** Stores a `pending` video and queues its render in one transaction: never one alone. */
  createVideo(video: NewVideo, render: NewJob): Promise<void>;
  /** The video with this id, whatever its space: for the files host. */
  findVideo(id: string): Promise<VideoRecord | undefined>;
  /** The video with this id in this space; another space's id is the same as an unknown one. */
  findVideoInSpace(spaceId: string, id: string): Promise<VideoRecord | undefined>;
  /**
   * `pending` (or `processing`, when a render was cut off) → `processing`; returns the video,
   * or undefined when it is completed or failed already.
   */
  startVideo(id: string): Promise<VideoRecord | undefined>;
  /**
   * Records the assets a render made of a `processing` video's external URLs (see
   * `VideoRecord.fetchedSources`), replacing the earlier record. False if it is not processing.
   */
  recordFetchedSources(id: string, fetched: Readonly<Record<string, string>>): Promise<boolean>;
  /** Records a finished render of a `processing` video; false if it is not processing. */
  completeVideo(id: string, rendered: RenderedVideo): Promise<boolean>;
  /** Marks a not-yet-finished video failed; false if it had finished already. */
  failVideo(id: string, failure: VideoFailure): Promise<boolean>;

  /**
   * Registers the first use of an idempotency key, or tells what an earlier use left: still in
   * progress, or completed with its response. A use older than `ttlMs` is forgotten first, and
   * so is one still unfinished after `unfinishedTtlMs` (default `ttlMs`): the server that ran it
   * stopped mid-request, so nothing will ever finish it.
   */
  beginIdempotentRequest(
    scope: IdempotencyScope,
    requestHash: string,
    now: Date,
    ttlMs: number,
    unfinishedTtlMs?: number,
  ): Promise<IdempotencyState>;
  /** Stores the response to replay for the key. */
  completeIdempotentRequest(scope: IdempotencyScope, status: number, body: string): Promise<void>;
  /** Forgets the key, so a retry runs anew (after a server error). */
  abandonIdempotentRequest(scope: IdempotencyScope): Promise<void>;
}
