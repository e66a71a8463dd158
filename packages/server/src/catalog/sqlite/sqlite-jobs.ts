import type Database from 'better-sqlite3';
import type { JobRecord, JobStatus, NewJob } from '../records.js';

/** Attempts a job gets unless its enqueuer says otherwise. */
export const DEFAULT_JOB_MAX_ATTEMPTS = 5;

interface JobRow {
  id: number;
  kind: string;
  payload_json: string;
  status: string;
  attempts: number;
  max_attempts: number;
  run_after: number;
  last_error: string | null;
}

function toJob(row: JobRow): JobRecord {
  return {
    id: row.id,
    kind: row.kind,
    payload: JSON.parse(row.payload_json) as unknown,
    status: row.status as JobStatus,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAfter: new Date(row.run_after),
    lastError: row.last_error,
  };
}

/** The job queue in SQLite: claims are single statements inside one writer, so each is atomic. */
export class SqliteJobs {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  enqueue(job: NewJob): number {
    const now = Date.now();
    const result = this.#db
      .prepare(
        `INSERT INTO jobs (kind, payload_json, max_attempts, run_after, created_at)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(
        job.kind,
        JSON.stringify(job.payload),
        job.maxAttempts ?? DEFAULT_JOB_MAX_ATTEMPTS,
        job.runAfter?.getTime() ?? now,
        now,
      );
    return Number(result.lastInsertRowid);
  }

  claim(workerId: string, now: Date, leaseMs: number): JobRecord | undefined {
    const at = now.getTime();
    const row = this.#db
      .prepare(
        `UPDATE jobs SET status = 'running', locked_by = ?, locked_until = ?, attempts = attempts + 1
         WHERE id = (
           SELECT id FROM jobs
           WHERE (status = 'queued' AND run_after <= ?) OR (status = 'running' AND locked_until < ?)
           ORDER BY run_after, id LIMIT 1
         )
         RETURNING *`,
      )
      .get(workerId, at + leaseMs, at, at) as JobRow | undefined;
    return row && toJob(row);
  }

  renewLease(id: number, workerId: string, until: Date): boolean {
    const result = this.#db
      .prepare(
        `UPDATE jobs SET locked_until = ? WHERE id = ? AND locked_by = ? AND status = 'running'`,
      )
      .run(until.getTime(), id, workerId);
    return result.changes === 1;
  }

  finish(id: number, workerId: string): void {
    this.#db
      .prepare(
        `UPDATE jobs SET status = 'succeeded', finished_at = ?, locked_by = NULL, locked_until = NULL
         WHERE id = ? AND locked_by = ?`,
      )
      .run(Date.now(), id, workerId);
  }

  retry(id: number, workerId: string, error: string, runAfter: Date): void {
    this.#db
      .prepare(
        `UPDATE jobs SET status = 'queued', last_error = ?, run_after = ?, locked_by = NULL,
           locked_until = NULL
         WHERE id = ? AND locked_by = ?`,
      )
      .run(error, runAfter.getTime(), id, workerId);
  }

  fail(id: number, workerId: string, error: string): void {
    this.#db
      .prepare(
        `UPDATE jobs SET status = 'failed', last_error = ?, finished_at = ?, locked_by = NULL,
           locked_until = NULL
         WHERE id = ? AND locked_by = ?`,
      )
      .run(error, Date.now(), id, workerId);
  }

  requeueRunning(): number {
    return this.#db
      .prepare(
        `UPDATE jobs SET status = 'queued', locked_by = NULL, locked_until = NULL
         WHERE status = 'running'`,
      )
      .run().changes;
  }

  find(id: number): JobRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row && toJob(row);
  }
}
