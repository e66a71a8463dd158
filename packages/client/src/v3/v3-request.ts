import { randomUUID } from 'node:crypto';
import type { HttpRequest } from '../http/http-exchange.js';

/** Query parameters; `undefined` ones are left out. */
export type QueryParams = Record<string, string | number | undefined>;

/** `GET` of a v3 path (relative to the base URL, so a path prefix is kept). */
export function v3Get(baseUrl: URL, path: string, query: QueryParams = {}): HttpRequest {
  const url = new URL(path, baseUrl);
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return { method: 'GET', url, headers: {} };
}

/**
 * `POST` of a v3 path with a JSON body (or none). Carries a fresh `Idempotency-Key` (SPEC §6):
 * sending this same request object again, as a retry does, replays the first answer instead of
 * creating a second upload or batch.
 */
export function v3Post(baseUrl: URL, path: string, json?: unknown): HttpRequest {
  const body = json === undefined ? '' : JSON.stringify(json);
  const headers: Record<string, string> = {
    'content-length': String(Buffer.byteLength(body)),
    'idempotency-key': randomUUID(),
  };
  if (json !== undefined) headers['content-type'] = 'application/json';

  return { method: 'POST', url: new URL(path, baseUrl), headers, body };
}

export function v3Delete(baseUrl: URL, path: string): HttpRequest {
  return { method: 'DELETE', url: new URL(path, baseUrl), headers: {} };
}

/**
 * An id as one path segment. Percent-encoded, and `''`, `.` and `..` refused: URL resolution
 * would turn `v3/assets/..` into another route, and `v3/assets/` into the list.
 */
export function pathSegment(id: string, what: string): string {
  if (typeof id !== 'string' || id === '' || id === '.' || id === '..') {
    throw new TypeError(`${what} must be a non-empty id, not ${JSON.stringify(id)}.`);
  }
  return encodeURIComponent(id);
}
