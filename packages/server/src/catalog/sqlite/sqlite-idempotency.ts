import type Database from 'better-sqlite3';
import type { IdempotencyScope, IdempotencyState } from '../records.js';

interface KeyRow {
  request_hash: string;
  created_at: number;
  response_status: number | null;
  response_body: string | null;
}

/** Idempotency keys in SQLite (SPEC §6): one row per space, route and key. */
export class SqliteIdempotency {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  begin(
    scope: IdempotencyScope,
    requestHash: string,
    now: Date,
    ttlMs: number,
    unfinishedTtlMs: number,
  ): IdempotencyState {
    const args = [scope.spaceId, scope.route, scope.key] as const;
    return this.#db.transaction((): IdempotencyState => {
      this.#db
        .prepare(
          `DELETE FROM idempotency_keys WHERE space_id = ? AND route = ? AND key = ?
           AND (created_at < ? OR (response_status IS NULL AND created_at < ?))`,
        )
        .run(...args, now.getTime() - ttlMs, now.getTime() - unfinishedTtlMs);
      const inserted = this.#db
        .prepare(
          `INSERT OR IGNORE INTO idempotency_keys (space_id, route, key, request_hash, created_at)
           VALUES (?, ?, ?, ?, ?)`,
        )
        .run(...args, requestHash, now.getTime());
      if (inserted.changes === 1) return { state: 'started' };

      const row = this.#db
        .prepare('SELECT * FROM idempotency_keys WHERE space_id = ? AND route = ? AND key = ?')
        .get(...args) as KeyRow;
      if (row.response_status === null) return { state: 'in_progress' };
      return {
        state: 'completed',
        requestHash: row.request_hash,
        status: row.response_status,
        body: row.response_body ?? '',
      };
    })();
  }

  complete(scope: IdempotencyScope, status: number, body: string): void {
    this.#db
      .prepare(
        `UPDATE idempotency_keys SET response_status = ?, response_body = ?
         WHERE space_id = ? AND route = ? AND key = ?`,
      )
      .run(status, body, scope.spaceId, scope.route, scope.key);
  }

  abandon(scope: IdempotencyScope): void {
    this.#db
      .prepare('DELETE FROM idempotency_keys WHERE space_id = ? AND route = ? AND key = ?')
      .run(scope.spaceId, scope.route, scope.key);
  }
}
