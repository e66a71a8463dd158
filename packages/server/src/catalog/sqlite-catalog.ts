import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Catalog } from './catalog.js';
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
import { type AssetRow, toAsset } from './sqlite/asset-row.js';
import { SqliteIdempotency } from './sqlite/sqlite-idempotency.js';
import { SqliteJobs } from './sqlite/sqlite-jobs.js';
import { SqliteVideos } from './sqlite/sqlite-videos.js';
import { SQLITE_MIGRATIONS } from './sqlite-schema.js';

const DEFAULT_SPACE_ID = 'default';

/** How long a writer waits for another connection's lock before failing, in milliseconds. */
const BUSY_TIMEOUT_MS = 5000;

/** The embedded catalog: one SQLite file in the data directory, in WAL mode. */
export class SqliteCatalog implements Catalog {
  readonly #db: Database.Database;
  readonly #jobs: SqliteJobs;
  readonly #idempotency: SqliteIdempotency;
  readonly #videos: SqliteVideos;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    this.#jobs = new SqliteJobs(this.#db);
    this.#idempotency = new SqliteIdempotency(this.#db);
    this.#videos = new SqliteVideos(this.#db);
  }

  async migrate(): Promise<void> {
    const current = this.#db.pragma('user_version', { simple: true }) as number;
    for (let version = current; version < SQLITE_MIGRATIONS.length; version++) {
      this.#db.transaction(() => {
        this.#db.exec(SQLITE_MIGRATIONS[version] ?? '');
        this.#db.pragma(`user_version = ${version + 1}`);
      })();
    }
  }

  async close(): Promise<void> {
    this.#db.close();
  }

  async getOrCreateSetting(name: string, initial: () => string): Promise<string> {
    const insert = this.#db.prepare('INSERT OR IGNORE INTO settings (name, value) VALUES (?, ?)');
    insert.run(name, initial());
    const row = this.#db.prepare('SELECT value FROM settings WHERE name = ?').get(name) as {
      value: string;
    };
    return row.value;
  }

  async defaultSpace(): Promise<Space> {
    this.#db
      .prepare('INSERT OR IGNORE INTO spaces (id, name, created_at) VALUES (?, ?, ?)')
      .run(DEFAULT_SPACE_ID, 'Default space', Date.now());
    const row = this.#db
      .prepare('SELECT id, name, created_at FROM spaces WHERE id = ?')
      .get(DEFAULT_SPACE_ID) as { id: string; name: string; created_at: number };
    return { id: row.id, name: row.name, createdAt: new Date(row.created_at) };
  }

  async createSpace(space: Space): Promise<void> {
    this.#db
      .prepare('INSERT INTO spaces (id, name, created_at) VALUES (?, ?, ?)')
      .run(space.id, space.name, space.createdAt.getTime());
  }

  async addApiKey(key: {
    keyHash: string;
    spaceId: string;
    label: string;
    createdAt: Date;
  }): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO api_keys (key_hash, space_id, label, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key_hash) DO UPDATE SET revoked_at = NULL`,
      )
      .run(key.keyHash, key.spaceId, key.label, key.createdAt.getTime());
  }

  async spaceForKeyHash(keyHash: string): Promise<string | undefined> {
    const row = this.#db
      .prepare('SELECT space_id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL')
      .get(keyHash) as { space_id: string } | undefined;
    return row?.space_id;
  }

  async countApiKeys(): Promise<number> {
    const row = this.#db
      .prepare('SELECT count(*) AS n FROM api_keys WHERE revoked_at IS NULL')
      .get() as { n: number };
    return row.n;
  }

  async revokeApiKeysByLabel(label: string, keepKeyHash: string): Promise<number> {
    return this.#db
      .prepare(
        `UPDATE api_keys SET revoked_at = ?
         WHERE label = ? AND key_hash != ? AND revoked_at IS NULL`,
      )
      .run(Date.now(), label, keepKeyHash).changes;
  }

  async createAsset(asset: NewAsset): Promise<void> {
    this.#insertAsset.run(assetParams(asset));
  }

  async findAsset(id: string): Promise<AssetRecord | undefined> {
    const row = this.#db.prepare('SELECT * FROM assets WHERE id = ?').get(id) as
      | AssetRow
      | undefined;
    return row && toAsset(row);
  }

  async findAssetInSpace(spaceId: string, id: string): Promise<AssetRecord | undefined> {
    const row = this.#db
      .prepare('SELECT * FROM assets WHERE id = ? AND space_id = ?')
      .get(id, spaceId) as AssetRow | undefined;
    return row && toAsset(row);
  }

  async completeAsset(id: string, upload: CompletedUpload): Promise<boolean> {
    const { facts } = upload;
    const result = this.#db
      .prepare(
        `UPDATE assets SET status = 'completed', completed_at = ?, upload_expires_at = NULL,
           mime_type = ?, file_type = ?, size_bytes = ?, sha256 = ?, blob_key = ?, facts_json = ?,
           staged_blob_key = NULL, staged_size_bytes = NULL, staged_sha256 = NULL
         WHERE id = ? AND status IN ('pending_upload', 'processing')`,
      )
      .run(
        upload.completedAt.getTime(),
        facts.mimeType,
        facts.fileType,
        facts.sizeBytes,
        upload.sha256,
        upload.blobKey,
        JSON.stringify(facts),
        id,
      );
    return result.changes === 1;
  }

  async deleteAsset(spaceId: string, id: string): Promise<AssetRecord | undefined> {
    const row = this.#db
      .prepare('DELETE FROM assets WHERE id = ? AND space_id = ? RETURNING *')
      .get(id, spaceId) as AssetRow | undefined;
    return row && toAsset(row);
  }

  async isBlobReferenced(blobKey: string): Promise<boolean> {
    const row = this.#db.prepare('SELECT 1 FROM assets WHERE blob_key = ? LIMIT 1').get(blobKey);
    return row !== undefined;
  }

  get #insertAsset() {
    return this.#db.prepare(
      `INSERT INTO assets (id, space_id, status, declared_type, filename, folder_id,
         declared_size_bytes, declared_sha256, created_at, upload_expires_at, completion,
         batch_id, item_index)
       VALUES (@id, @spaceId, 'pending_upload', @declaredType, @filename, @folderId,
         @declaredSizeBytes, @declaredSha256, @createdAt, @uploadExpiresAt, @completion,
         @batchId, @itemIndex)`,
    );
  }

  async listAssets(spaceId: string, query: AssetListQuery): Promise<AssetRecord[]> {
    const conditions = ['space_id = @spaceId'];
    if (query.after) conditions.push('(created_at, id) < (@afterCreatedAt, @afterId)');
    if (query.folderId !== undefined) conditions.push('folder_id = @folderId');
    if (query.fileType !== undefined) conditions.push('file_type = @fileType');
    if (query.status !== undefined) conditions.push('status = @status');
    const rows = this.#db
      .prepare(
        `SELECT * FROM assets WHERE ${conditions.join(' AND ')}
         ORDER BY created_at DESC, id DESC LIMIT @limit`,
      )
      .all({
        spaceId,
        afterCreatedAt: query.after?.createdAt.getTime() ?? null,
        afterId: query.after?.id ?? null,
        folderId: query.folderId ?? null,
        fileType: query.fileType ?? null,
        status: query.status ?? null,
        limit: query.limit,
      }) as AssetRow[];
    return rows.map(toAsset);
  }

  async stageUpload(id: string, staged: StagedUpload): Promise<boolean> {
    const result = this.#db
      .prepare(
        `UPDATE assets SET staged_blob_key = ?, staged_size_bytes = ?, staged_sha256 = ?
         WHERE id = ? AND status = 'pending_upload' AND completion = 'explicit'`,
      )
      .run(staged.blobKey, staged.sizeBytes, staged.sha256, id);
    return result.changes === 1;
  }

  async requestCompletion(ids: readonly string[], at: Date): Promise<void> {
    const update = this.#db.prepare(
      `UPDATE assets SET completion_requested_at = ?
       WHERE id = ? AND completion_requested_at IS NULL`,
    );
    this.#db.transaction(() => {
      for (const id of ids) update.run(at.getTime(), id);
    })();
  }

  async startProcessing(id: string): Promise<boolean> {
    const result = this.#db
      .prepare(
        `UPDATE assets SET status = 'processing'
         WHERE id = ? AND status = 'pending_upload' AND staged_blob_key IS NOT NULL`,
      )
      .run(id);
    return result.changes === 1;
  }

  async failAsset(id: string, failure: AssetFailure): Promise<boolean> {
    const result = this.#db
      .prepare(
        `UPDATE assets SET status = 'failed', error_code = ?, error_message = ?,
           staged_blob_key = NULL, staged_size_bytes = NULL, staged_sha256 = NULL
         WHERE id = ? AND status IN ('pending_upload', 'processing')`,
      )
      .run(failure.code, failure.message, id);
    return result.changes === 1;
  }

  async createBatch(
    batch: Omit<BatchRecord, 'totalItems' | 'completionRequestedAt'>,
    assets: NewAsset[],
  ): Promise<void> {
    this.#db.transaction(() => {
      this.#db
        .prepare(
          'INSERT INTO batches (id, space_id, title, created_at, total_items) VALUES (?, ?, ?, ?, ?)',
        )
        .run(batch.id, batch.spaceId, batch.title, batch.createdAt.getTime(), assets.length);
      const insert = this.#insertAsset;
      for (const asset of assets) insert.run(assetParams(asset));
    })();
  }

  async findBatch(spaceId: string, id: string): Promise<BatchRecord | undefined> {
    const row = this.#db
      .prepare('SELECT * FROM batches WHERE id = ? AND space_id = ?')
      .get(id, spaceId) as BatchRow | undefined;
    return row && toBatch(row);
  }

  async markBatchCompletionRequested(id: string, at: Date): Promise<boolean> {
    const result = this.#db
      .prepare(
        'UPDATE batches SET completion_requested_at = ? WHERE id = ? AND completion_requested_at IS NULL',
      )
      .run(at.getTime(), id);
    return result.changes === 1;
  }

  async listBatchAssets(batchId: string, offset: number, limit: number): Promise<AssetRecord[]> {
    const rows = this.#db
      .prepare('SELECT * FROM assets WHERE batch_id = ? ORDER BY item_index LIMIT ? OFFSET ?')
      .all(batchId, limit, offset) as AssetRow[];
    return rows.map(toAsset);
  }

  async allBatchAssets(batchId: string): Promise<AssetRecord[]> {
    const rows = this.#db
      .prepare('SELECT * FROM assets WHERE batch_id = ? ORDER BY item_index')
      .all(batchId) as AssetRow[];
    return rows.map(toAsset);
  }

  async enqueueJob(job: NewJob): Promise<number> {
    return this.#jobs.enqueue(job);
  }

  async claimJob(workerId: string, now: Date, leaseMs: number): Promise<JobRecord | undefined> {
    return this.#jobs.claim(workerId, now, leaseMs);
  }

  async renewJobLease(id: number, workerId: string, until: Date): Promise<boolean> {
    return this.#jobs.renewLease(id, workerId, until);
  }

  async finishJob(id: number, workerId: string): Promise<void> {
    this.#jobs.finish(id, workerId);
  }

  async retryJob(id: number, workerId: string, error: string, runAfter: Date): Promise<void> {
    this.#jobs.retry(id, workerId, error, runAfter);
  }

  async failJob(id: number, workerId: string, error: string): Promise<void> {
    this.#jobs.fail(id, workerId, error);
  }

  async requeueRunningJobs(): Promise<number> {
    return this.#jobs.requeueRunning();
  }

  async findJob(id: number): Promise<JobRecord | undefined> {
    return this.#jobs.find(id);
  }

  async beginIdempotentRequest(
    scope: IdempotencyScope,
    requestHash: string,
    now: Date,
    ttlMs: number,
    unfinishedTtlMs = ttlMs,
  ): Promise<IdempotencyState> {
    return this.#idempotency.begin(scope, requestHash, now, ttlMs, unfinishedTtlMs);
  }

  async completeIdempotentRequest(
    scope: IdempotencyScope,
    status: number,
    body: string,
  ): Promise<void> {
    this.#idempotency.complete(scope, status, body);
  }

  async abandonIdempotentRequest(scope: IdempotencyScope): Promise<void> {
    this.#idempotency.abandon(scope);
  }

  async createVideo(video: NewVideo, render: NewJob): Promise<void> {
    this.#db.transaction(() => {
      this.#videos.create(video);
      this.#jobs.enqueue(render);
    })();
  }

  async findVideo(id: string): Promise<VideoRecord | undefined> {
    return this.#videos.find(id);
  }

  async findVideoInSpace(spaceId: string, id: string): Promise<VideoRecord | undefined> {
    return this.#videos.findInSpace(spaceId, id);
  }

  async startVideo(id: string): Promise<VideoRecord | undefined> {
    return this.#videos.start(id);
  }

  async recordFetchedSources(
    id: string,
    fetched: Readonly<Record<string, string>>,
  ): Promise<boolean> {
    return this.#videos.recordFetchedSources(id, fetched);
  }

  async completeVideo(id: string, rendered: RenderedVideo): Promise<boolean> {
    return this.#videos.complete(id, rendered);
  }

  async failVideo(id: string, failure: VideoFailure): Promise<boolean> {
    return this.#videos.fail(id, failure);
  }
}

interface BatchRow {
  id: string;
  space_id: string;
  title: string | null;
  created_at: number;
  total_items: number;
  completion_requested_at: number | null;
}

function toBatch(row: BatchRow): BatchRecord {
  return {
    id: row.id,
    spaceId: row.space_id,
    title: row.title,
    createdAt: new Date(row.created_at),
    totalItems: row.total_items,
    completionRequestedAt:
      row.completion_requested_at === null ? null : new Date(row.completion_requested_at),
  };
}

function assetParams(asset: NewAsset) {
  return {
    id: asset.id,
    spaceId: asset.spaceId,
    declaredType: asset.declaredType,
    filename: asset.filename,
    folderId: asset.folderId,
    declaredSizeBytes: asset.declaredSizeBytes,
    declaredSha256: asset.declaredSha256,
    createdAt: asset.createdAt.getTime(),
    uploadExpiresAt: asset.uploadExpiresAt?.getTime() ?? null,
    completion: asset.completion ?? 'on_upload',
    batchId: asset.batchId ?? null,
    itemIndex: asset.itemIndex ?? null,
  };
}
