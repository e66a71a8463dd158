import type { Dialect } from '../dialect.js';
import { IDEMPOTENCY_KEY_SYNTAX } from '../idempotency.js';
import type { DocumentedRoute } from './documented-route.js';
import {
  API_KEY_SCHEME,
  BEARER_SCHEME,
  IDEMPOTENCY_KEY_PARAMETER,
  IDEMPOTENT_REPLAYED_HEADER,
  operation,
  REQUEST_ID_HEADER,
} from './operation.js';
import { type JsonSchema, SchemaComponents } from './schema-components.js';

/** The OpenAPI version written; its schema dialect is JSON Schema 2020-12, as zod emits. */
export const OPENAPI_VERSION = '3.1.1';

/** The methods an OpenAPI 3.1 path item can hold. */
const OPENAPI_METHODS = new Set([
  'get',
  'put',
  'post',
  'delete',
  'options',
  'head',
  'patch',
  'trace',
]);

const DIALECT_TAGS: Readonly<Record<Dialect, string>> = {
  presigned: 'Two-step upload: ask for an upload URL, then PUT the bytes to it (SPEC §4).',
  raw: 'HeyGen legacy upload host: the file as the body; legacy list and delete (SPEC §5).',
  v3: 'HeyGen v3 assets API (SPEC §6).',
  v2: 'Video generation on uploaded assets: generate, status, avatars and voices (SPEC §9).',
  files: 'Public files URLs of completed assets (SPEC §7).',
  plain: 'Service routes: health and this document (SPEC §12).',
};

/**
 * The OpenAPI 3.1 document of `routes`, every method of every route one operation.
 */
export function openApiDocument(routes: readonly DocumentedRoute[], version: string): JsonSchema {
  const schemas = new SchemaComponents();
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const operationIds = new Set<string>();
  for (const route of [...routes].sort(byPathThenMethod)) {
    const method = route.method.toLowerCase();
    if (!OPENAPI_METHODS.has(method)) {
      throw new Error(
        `${route.method} ${route.url}: OpenAPI 3.1 has no ${route.method} operation.`,
      );
    }
    const built = operation(route, schemas);
    if (operationIds.has(String(built.operationId))) {
      throw new Error(`${route.method} ${route.url}: operationId ${built.operationId} is taken.`);
    }
    operationIds.add(String(built.operationId));
    const path = openApiPath(route);
    paths[path] = { ...paths[path], [method]: built };
  }

  return {
    openapi: OPENAPI_VERSION,
    info: {
      title: 'heygen-assets',
      version,
      summary: 'Self-hostable asset service for AI video generation.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    // Filled in per request: the public URL is known only once the server listens.
    servers: [],
    tags: Object.entries(DIALECT_TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: schemas.all(),
      securitySchemes: SECURITY_SCHEMES,
      headers: HEADERS,
      parameters: PARAMETERS,
    },
  };
}

/** Fastify's `/v3/assets/:id` as OpenAPI's `/v3/assets/{id}`, every parameter documented. */
function openApiPath(route: DocumentedRoute): string {
  const names = [...route.url.matchAll(/:(\w+)/g)].map((match) => match[1]);
  const documented = Object.keys(route.doc.params?.shape ?? {});
  if (names.join() !== documented.join()) {
    const expected = names.join(', ') || 'nothing';
    throw new Error(
      `${route.method} ${route.url}: openapi.params must list ${expected}, in order.`,
    );
  }
  return route.url.replace(/:(\w+)/g, '{$1}');
}

function byPathThenMethod(a: DocumentedRoute, b: DocumentedRoute): number {
  return a.url.localeCompare(b.url) || a.method.localeCompare(b.method);
}

/** SPEC §2: the key in `X-Api-Key`, or as a bearer token. */
const SECURITY_SCHEMES = {
  [API_KEY_SCHEME]: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
  [BEARER_SCHEME]: {
    type: 'http',
    scheme: 'bearer',
    description: 'The same API key, as `Authorization: Bearer <key>`.',
  },
};

const HEADERS = {
  [REQUEST_ID_HEADER]: {
    description:
      'On every response: the id of this request in the server log. A plain id of up to 128 ' +
      'characters sent in the request is kept.',
    schema: { type: 'string' },
  },
  [IDEMPOTENT_REPLAYED_HEADER]: {
    description:
      '`true` when the response is the stored answer to an earlier request with this key.',
    schema: { type: 'string', enum: ['true'] },
  },
};

const PARAMETERS = {
  [IDEMPOTENCY_KEY_PARAMETER]: {
    name: IDEMPOTENCY_KEY_PARAMETER,
    in: 'header',
    required: false,
    description:
      'Replays the first response to this key on this route for 24 hours (docs/v3-assets-api.md).',
    schema: { type: 'string', pattern: IDEMPOTENCY_KEY_SYNTAX.source },
  },
};
