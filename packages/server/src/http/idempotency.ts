import { createHash } from 'node:crypto';
import { AssetError, essenceOf } from '@heygen-assets/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Catalog } from '../catalog/catalog.js';
import type { IdempotencyScope } from '../catalog/records.js';

/** How long the first response to a key is replayed (SPEC §6), in milliseconds: 24 hours. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * How long a first request may run before its key is taken as lost, in milliseconds: 15
 * minutes, well over the slowest v3 POST (a 32 MiB proxy upload over a slow link). A server
 * stopped mid-request never finishes its key; after this a retry runs instead of getting 409.
 */
export const IDEMPOTENT_REQUEST_TIMEOUT_MS = 15 * 60 * 1000;

/** SPEC §6: 1–255 characters of `A-Za-z0-9_-:.`. */
export const IDEMPOTENCY_KEY_SYNTAX = /^[A-Za-z0-9_\-:.]{1,255}$/;

const KEY_HEADER = 'idempotency-key';
const REPLAYED_HEADER = 'idempotent-replayed';

declare module 'fastify' {
  interface FastifyRequest {
    /** The key this request is the first use of; its response is stored when it is sent. */
    idempotencyScope: IdempotencyScope | null;
  }
}

/**
 * `Idempotency-Key` for routes with `config.idempotent` (SPEC §6). The first request with a key
 * runs and its response (status and body) is kept in the catalog for 24 hours, so it survives a
 * restart; a retry gets the same response again with `Idempotent-Replayed: true`. A retry while
 * the first is still running is refused with 409 `request_in_progress`; the same key with
 * another request (body or path) with 400. A server error (5xx) is not kept, so a retry runs;
 * nor is a first request that never finished (its server stopped) once it is 15 minutes old.
 * Keys are scoped to the space and the route (`POST /v3/assets/:id/complete`).
 */
export function idempotencyHooks(app: FastifyInstance, catalog: Catalog): void {
  app.decorateRequest('idempotencyScope', null);

  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config.idempotent) return;
    const key = keyOf(request);
    if (key === undefined) return;

    const scope = { spaceId: request.spaceId, route: routeOf(request), key };
    const hash = requestHash(request);
    const state = await catalog.beginIdempotentRequest(
      scope,
      hash,
      new Date(),
      IDEMPOTENCY_KEY_TTL_MS,
      IDEMPOTENT_REQUEST_TIMEOUT_MS,
    );
    if (state.state === 'started') {
      request.idempotencyScope = scope;
      return;
    }
    if (state.state === 'in_progress') throw inProgress();
    if (state.requestHash !== hash) throw reusedKey();

    request.log.info({ status: state.status }, 'idempotent response replayed');
    return replay(reply, state.status, state.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const scope = request.idempotencyScope;
    if (!scope) return payload;
    request.idempotencyScope = null;

    await keepOrForget(catalog, request, scope, reply.statusCode, payload);
    return payload;
  });

  // A response that never went through `onSend` (the reply was taken over) leaves no key behind.
  app.addHook('onResponse', async (request) => {
    const scope = request.idempotencyScope;
    if (!scope) return;
    request.idempotencyScope = null;
    await catalog.abandonIdempotentRequest(scope);
  });
}

/**
 * Keeps a response to replay, or forgets the key so a retry runs anew: after a server error, and
 * when the request body did not arrive whole (the client went away, so the refusal it would get
 * says nothing about the request it will retry).
 */
async function keepOrForget(
  catalog: Catalog,
  request: FastifyRequest,
  scope: IdempotencyScope,
  status: number,
  payload: unknown,
): Promise<void> {
  const body = typeof payload === 'string' ? payload : undefined;
  const bodyCutShort = request.raw.complete === false;
  try {
    if (status < 500 && body !== undefined && !bodyCutShort) {
      await catalog.completeIdempotentRequest(scope, status, body);
    } else {
      await catalog.abandonIdempotentRequest(scope);
    }
  } catch (error) {
    request.log.error({ err: error, key: scope.key }, 'idempotency key not recorded');
  }
}

function replay(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply
    .status(status)
    .header(REPLAYED_HEADER, 'true')
    .type('application/json; charset=utf-8')
    .send(body);
}

/** The key, when the request sent one; a malformed one is refused. */
function keyOf(request: FastifyRequest): string | undefined {
  const value = request.headers[KEY_HEADER];
  if (value === undefined) return undefined;
  if (typeof value === 'string' && IDEMPOTENCY_KEY_SYNTAX.test(value)) return value;

  throw new AssetError('invalid_request', 'The Idempotency-Key header is malformed.', {
    param: 'Idempotency-Key',
    hint: 'Send one key of 1 to 255 characters from A-Z, a-z, 0-9, "_", "-", ":" and ".".',
  });
}

function routeOf(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? request.url}`;
}

/**
 * What makes two requests "the same" for a key: the path parameters and the parsed JSON body,
 * with object keys sorted so that formatting and key order do not matter. A body that is not
 * JSON (a multipart upload) is streamed, never held, so it does not count.
 */
function requestHash(request: FastifyRequest): string {
  const isJson = essenceOf(request.headers['content-type'] ?? '') === 'application/json';
  const fingerprint = canonicalJson({
    params: request.params ?? {},
    body: isJson ? (request.body ?? null) : null,
  });
  return createHash('sha256').update(fingerprint).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function inProgress(): AssetError {
  return new AssetError(
    'request_in_progress',
    'A request with this Idempotency-Key is still running.',
    { hint: 'Wait for it to finish, then retry with the same key to get its response.' },
  );
}

function reusedKey(): AssetError {
  return new AssetError(
    'invalid_request',
    'This Idempotency-Key was already used with another request to this endpoint.',
    { param: 'Idempotency-Key', hint: 'Use a new key for a new request.' },
  );
}
