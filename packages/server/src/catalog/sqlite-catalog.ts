import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CanonicalMediaType, FileType, MediaFacts } from '@heygen-assets/core';
import Database from 'better-sqlite3';
import type { Catalog } from './catalog.js';
import type { AssetRecord, AssetStatus, CompletedUpload, NewAsset, Space } from './records.js';
import { SQLITE_MIGRATIONS } from './sqlite-schema.js';

const DEFAULT_SPACE_ID = 'default';

/** How long a writer waits for another connection's lock before failing, in milliseconds. */
const BUSY_TIMEOUT_MS = 5000;

interface AssetRow {
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
}

function toDate(ms: number | null): Date | null {
  return ms === null ? null : new Date(ms);
}

function toAsset(row: AssetRow): AssetRecord {
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
  };
}

/** The embedded catalog: one SQLite file in the data directory, in WAL mode. */
export class SqliteCatalog implements Catalog {
  readonly #db: Database.Database;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
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
        'INSERT OR IGNORE INTO api_keys (key_hash, space_id, label, created_at) VALUES (?, ?, ?, ?)',
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

  async createAsset(asset: NewAsset): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO assets (id, space_id, status, declared_type, filename, folder_id,
           declared_size_bytes, declared_sha256, created_at, upload_expires_at)
         VALUES (?, ?, 'pending_upload', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        asset.id,
        asset.spaceId,
        asset.declaredType,
        asset.filename,
        asset.folderId,
        asset.declaredSizeBytes,
        asset.declaredSha256,
        asset.createdAt.getTime(),
        asset.uploadExpiresAt?.getTime() ?? null,
      );
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
           mime_type = ?, file_type = ?, size_bytes = ?, sha256 = ?, blob_key = ?, facts_json = ?
         WHERE id = ? AND status = 'pending_upload'`,
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
}
