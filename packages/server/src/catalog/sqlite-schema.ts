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
];
