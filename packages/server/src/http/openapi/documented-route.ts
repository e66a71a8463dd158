import type { RouteOptions } from 'fastify';
import type { Dialect } from '../dialect.js';
import type { RouteDoc } from './route-doc.js';

/** One method of one registered route, with what `/openapi.json` needs to know about it. */
export interface DocumentedRoute {
  method: string;
  /** Fastify's form: `/v3/assets/:id`. */
  url: string;
  doc: RouteDoc;
  dialects: readonly Dialect[];
  auth: boolean;
  idempotent: boolean;
}

/**
 * The documented form of a route as fastify's `onRoute` hook hands it over, one entry per
 * method. A route without `config.openapi` is refused here, so none can be left out of the
 * document: the server does not start with an undocumented route.
 */
export function documentedRoutes(route: RouteOptions): DocumentedRoute[] {
  const methods = [route.method].flat();
  const config = route.config ?? {};
  const doc = config.openapi;
  const name = `${methods.join('/')} ${route.url}`;
  if (!doc) {
    throw new Error(`Route ${name} has no config.openapi; see src/http/openapi/route-doc.ts.`);
  }

  const dialect = config.dialect ?? 'plain';
  const dialects = typeof dialect === 'function' ? doc.dialects : [dialect];
  if (!dialects || dialects.length === 0) {
    throw new Error(`Route ${name} picks its dialect per request: list them in openapi.dialects.`);
  }
  return methods.map((method) => ({
    method,
    url: route.url,
    doc,
    dialects,
    auth: config.auth === true,
    idempotent: config.idempotent === true,
  }));
}
