import type { z } from 'zod';
import type { Dialect } from '../dialect.js';

/** A body that is the file itself, of any media type: never parsed, streamed to the store. */
export const FILE_BYTES = 'file bytes';

/** A request or response body: JSON (or a multipart form) as a zod schema, or file bytes. */
export type BodyDoc = z.ZodType | typeof FILE_BYTES;

export interface ResponseDoc {
  description: string;
  /** The body; omitted when the response has none. */
  body?: BodyDoc;
  /** Headers the response carries besides `X-Request-Id`, each with what it says. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * How a route appears in `/openapi.json`, kept in its route config (`config.openapi`) next to
 * the handler. Security, `X-Request-Id`, `Idempotency-Key` and the dialect's error envelope are
 * added from the rest of the route config, so a route states only what is its own.
 */
export interface RouteDoc {
  /** Unique across the API; HEAD operations fastify adds for a GET get `…Head` appended. */
  operationId: string;
  summary: string;
  description?: string;
  /** The dialects the route answers in, when its `dialect` is picked per request. */
  dialects?: readonly Dialect[];
  /** Path parameters; one entry per `:name` in the URL. */
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** The request body by media type; the wildcard type stands for any type not listed. */
  body?: Readonly<Record<string, BodyDoc>>;
  /** Successful (and 3xx) responses by status. */
  responses: Readonly<Record<number, ResponseDoc>>;
  /** Error statuses, each with the codes it carries and when; rendered in the error envelope. */
  errors: Readonly<Record<number, string>>;
}
