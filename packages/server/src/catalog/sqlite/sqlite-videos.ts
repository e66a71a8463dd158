import type Database from 'better-sqlite3';
import type {
  NewVideo,
  RenderedVideo,
  VideoFailure,
  VideoFile,
  VideoRecord,
  VideoStatus,
} from '../records.js';

interface VideoRow {
  id: string;
  space_id: string;
  status: string;
  request_json: string;
  fetched_sources_json: string;
  title: string | null;
  callback_id: string | null;
  created_at: number;
  completed_at: number | null;
  duration_seconds: number | null;
  video_blob_key: string | null;
  video_size_bytes: number | null;
  video_sha256: string | null;
  thumbnail_blob_key: string | null;
  thumbnail_size_bytes: number | null;
  thumbnail_sha256: string | null;
  error_code: string | null;
  error_message: string | null;
  error_detail: string | null;
}

function fileOf(
  blobKey: string | null,
  sizeBytes: number | null,
  sha256: string | null,
): VideoFile | null {
  if (blobKey === null || sizeBytes === null || sha256 === null) return null;
  return { blobKey, sizeBytes, sha256 };
}

function toVideo(row: VideoRow): VideoRecord {
  const error: VideoFailure | null =
    row.error_code === null
      ? null
      : { code: row.error_code, message: row.error_message ?? '', detail: row.error_detail ?? '' };
  return {
    id: row.id,
    spaceId: row.space_id,
    status: row.status as VideoStatus,
    request: JSON.parse(row.request_json) as unknown,
    fetchedSources: JSON.parse(row.fetched_sources_json) as Record<string, string>,
    title: row.title,
    callbackId: row.callback_id,
    createdAt: new Date(row.created_at),
    completedAt: row.completed_at === null ? null : new Date(row.completed_at),
    durationSeconds: row.duration_seconds,
    video: fileOf(row.video_blob_key, row.video_size_bytes, row.video_sha256),
    thumbnail: fileOf(row.thumbnail_blob_key, row.thumbnail_size_bytes, row.thumbnail_sha256),
    error,
  };
}

/** Generated videos in SQLite; each state change is one guarded statement. */
export class SqliteVideos {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
  }

  create(video: NewVideo): void {
    this.#db
      .prepare(
        `INSERT INTO videos (id, space_id, request_json, title, callback_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        video.id,
        video.spaceId,
        JSON.stringify(video.request),
        video.title,
        video.callbackId,
        video.createdAt.getTime(),
      );
  }

  find(id: string): VideoRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM videos WHERE id = ?').get(id) as
      | VideoRow
      | undefined;
    return row && toVideo(row);
  }

  findInSpace(spaceId: string, id: string): VideoRecord | undefined {
    const row = this.#db
      .prepare('SELECT * FROM videos WHERE id = ? AND space_id = ?')
      .get(id, spaceId) as VideoRow | undefined;
    return row && toVideo(row);
  }

  start(id: string): VideoRecord | undefined {
    const row = this.#db
      .prepare(
        `UPDATE videos SET status = 'processing'
         WHERE id = ? AND status IN ('pending', 'processing') RETURNING *`,
      )
      .get(id) as VideoRow | undefined;
    return row && toVideo(row);
  }

  recordFetchedSources(id: string, fetched: Readonly<Record<string, string>>): boolean {
    return (
      this.#db
        .prepare(
          `UPDATE videos SET fetched_sources_json = ? WHERE id = ? AND status = 'processing'`,
        )
        .run(JSON.stringify(fetched), id).changes === 1
    );
  }

  complete(id: string, rendered: RenderedVideo): boolean {
    return (
      this.#db
        .prepare(
          `UPDATE videos SET status = 'completed', completed_at = ?, duration_seconds = ?,
             video_blob_key = ?, video_size_bytes = ?, video_sha256 = ?,
             thumbnail_blob_key = ?, thumbnail_size_bytes = ?, thumbnail_sha256 = ?
           WHERE id = ? AND status = 'processing'`,
        )
        .run(
          rendered.completedAt.getTime(),
          rendered.durationSeconds,
          rendered.video.blobKey,
          rendered.video.sizeBytes,
          rendered.video.sha256,
          rendered.thumbnail.blobKey,
          rendered.thumbnail.sizeBytes,
          rendered.thumbnail.sha256,
          id,
        ).changes === 1
    );
  }

  fail(id: string, failure: VideoFailure): boolean {
    return (
      this.#db
        .prepare(
          `UPDATE videos SET status = 'failed', completed_at = ?, error_code = ?,
             error_message = ?, error_detail = ?
           WHERE id = ? AND status IN ('pending', 'processing')`,
        )
        .run(Date.now(), failure.code, failure.message, failure.detail, id).changes === 1
    );
  }
}
