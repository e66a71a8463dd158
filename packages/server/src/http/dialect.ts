/**
 * The API dialects the server speaks (SPEC §1). Each renders errors in its own envelope; a route
 * names its dialect in its config, and `POST /v1/asset` picks one from the `Content-Type`.
 */
import type { FastifyRequest } from 'fastify';
import type { RouteDoc } from './openapi/route-doc.js';

export type Dialect = 'presigned' | 'raw' | 'v3' | 'v2' | 'files' | 'plain';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's dialect, or how to tell it from the request when one path serves two. */
    dialect?: Dialect | ((request: FastifyRequest) => Dialect);
    /** Whether the route needs an API key (SPEC §2). */
    auth?: boolean;
    /** Whether the route honours `Idempotency-Key` (SPEC §6). */
    idempotent?: boolean;
    /** The route's entry in `/openapi.json`; every route must have one (SPEC §12). */
    openapi?: RouteDoc;
  }
  interface FastifyRequest {
    dialect: Dialect;
    /** The caller's space, set by the API-key check on routes with `auth: true`. */
    spaceId: string;
  }
}
