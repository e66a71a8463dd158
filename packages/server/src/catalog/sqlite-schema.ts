/**
 * The SQLite schema, one entry per version. `SqliteCatalog.migrate` applies the entries after
 * the stored `user_version` in order, each in its own transaction. Never edit a released entry:
 * append a new one.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE spaces (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE api_keys (
    key_hash TEXT PRIMARY KEY,
    space_id TEXT NOT NULL REFERENCES spaces(id),
    label TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER
  );
  CREATE TABLE assets (
    id TEXT PRIMARY KEY,
    space_id TEXT NOT NULL REFERENCES spaces(id),
    status TEXT NOT NULL,
    declared_type TEXT NOT NULL,
    filename TEXT,
    folder_id TEXT NOT NULL DEFAULT '',
    declared_size_bytes INTEGER,
    declared_sha256 TEXT,
    created_at INTEGER NOT NULL,
    upload_expires_at INTEGER,
    completed_at INTEGER,
    mime_type TEXT,
    file_type TEXT,
    size_bytes INTEGER,
    sha256 TEXT,
    blob_key TEXT,
    facts_json TEXT
  );
  CREATE INDEX assets_space_created ON assets (space_id, created_at DESC, id DESC);
  CREATE INDEX assets_blob_key ON assets (blob_key);
  `,
  `
  ALTER TABLE assets ADD COLUMN completion TEXT NOT NULL DEFAULT 'on_upload';
  ALTER TABLE assets ADD COLUMN completion_requested_at INTEGER;
  ALTER TABLE assets ADD COLUMN staged_blob_key TEXT;
  ALTER TABLE assets ADD COLUMN staged_size_bytes INTEGER;
  ALTER TABLE assets ADD COLUMN staged_sha256 TEXT;
  ALTER TABLE assets ADD COLUMN error_code TEXT;
  ALTER TABLE assets ADD COLUMN error_message TEXT;
  ALTER TABLE assets ADD COLUMN batch_id TEXT;
  ALTER TABLE assets ADD COLUMN item_index INTEGER;
  CREATE INDEX assets_batch ON assets (batch_id, item_index);
  CREATE TABLE batches (
    id TEXT PRIMARY KEY,
    space_id TEXT NOT NULL REFERENCES spaces(id),
    title TEXT,
    created_at INTEGER NOT NULL,
    total_items INTEGER NOT NULL,
    completion_requested_at INTEGER
  );
  CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    run_after INTEGER NOT NULL,
    locked_by TEXT,
    locked_until INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    finished_at INTEGER
  );
  CREATE INDEX jobs_due ON jobs (status, run_after);
  CREATE TABLE idempotency_keys (
    space_id TEXT NOT NULL,
    route TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    response_status INTEGER,
    response_body TEXT,
    PRIMARY KEY (space_id, route, key)
  );
  `,
  `
  CREATE TABLE videos (
    id TEXT PRIMARY KEY,
    space_id TEXT NOT NULL REFERENCES spaces(id),
    status TEXT NOT NULL DEFAULT 'pending',
    request_json TEXT NOT NULL,
    title TEXT,
    callback_id TEXT,
    created_at INTEGER NOT NULL,
    completed_at INTEGER,
    duration_seconds REAL,
    video_blob_key TEXT,
    video_size_bytes INTEGER,
    video_sha256 TEXT,
    thumbnail_blob_key TEXT,
    thumbnail_size_bytes INTEGER,
    thumbnail_sha256 TEXT,
    error_code TEXT,
    error_message TEXT,
    error_detail TEXT
  );
  CREATE INDEX videos_space_created ON videos (space_id, created_at DESC);
  `,
  `
  ALTER TABLE videos ADD COLUMN fetched_sources_json TEXT NOT NULL DEFAULT '{}';
  `,
];
