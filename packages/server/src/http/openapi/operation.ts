import type { z } from 'zod';
import type { Dialect } from '../dialect.js';
import type { DocumentedRoute } from './documented-route.js';
import { errorEnvelopeSchema } from './error-envelope-schemas.js';
import { type BodyDoc, FILE_BYTES, type ResponseDoc } from './route-doc.js';
import type { JsonSchema, SchemaComponents } from './schema-components.js';

/** Names under `components` that every operation refers to. */
export const REQUEST_ID_HEADER = 'X-Request-Id';
export const IDEMPOTENCY_KEY_PARAMETER = 'Idempotency-Key';
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
export const API_KEY_SCHEME = 'apiKey';
export const BEARER_SCHEME = 'bearer';

/** Errors any operation can answer with, whatever it documents itself. */
const COMMON_ERRORS = {
  500: '`internal_error`: the server failed; retry, and report the `X-Request-Id` if it persists.',
};
const AUTH_ERRORS = { 401: '`unauthorized`: no API key, or one the server does not know.' };
const IDEMPOTENCY_ERRORS = {
  400:
    '`invalid_request` with `param: "Idempotency-Key"`: a malformed key, or one already used ' +
    'with another request.',
  409: '`request_in_progress`: the first request with this Idempotency-Key is still running.',
};

/** The OpenAPI operation object of one route method. */
export function operation(route: DocumentedRoute, schemas: SchemaComponents): JsonSchema {
  const { doc } = route;
  const head = route.method === 'HEAD';
  const parameters = [
    ...parametersOf(doc.params, 'path', schemas),
    ...parametersOf(doc.query, 'query', schemas),
    ...(route.idempotent ? [componentRef('parameters', IDEMPOTENCY_KEY_PARAMETER)] : []),
  ];
  return {
    operationId: head ? `${doc.operationId}Head` : doc.operationId,
    summary: head ? `${doc.summary} (headers only)` : doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    tags: [...route.dialects],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(doc.body ? { requestBody: requestBody(doc.body, schemas) } : {}),
    responses: responses(route, schemas, head),
    security: route.auth ? [{ [API_KEY_SCHEME]: [] }, { [BEARER_SCHEME]: [] }] : [],
  };
}

function parametersOf(
  schema: z.ZodObject | undefined,
  location: 'path' | 'query',
  schemas: SchemaComponents,
): JsonSchema[] {
  if (!schema) return [];

  const json = schemas.convert(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, { description, ...property }]) => ({
    name,
    in: location,
    required: location === 'path' || required.has(name),
    ...(description ? { description } : {}),
    schema: property,
  }));
}

function requestBody(body: Readonly<Record<string, BodyDoc>>, schemas: SchemaComponents) {
  const content = Object.entries(body).map(([mediaType, part]) => [
    mediaType,
    mediaTypeObject(part, 'input', schemas),
  ]);
  return { required: true, content: Object.fromEntries(content) };
}

/** File bytes have no schema to give: OpenAPI 3.1 describes binary content by media type alone. */
function mediaTypeObject(body: BodyDoc, io: 'input' | 'output', schemas: SchemaComponents) {
  return body === FILE_BYTES ? {} : { schema: schemas.convert(body, io) };
}

function responses(route: DocumentedRoute, schemas: SchemaComponents, head: boolean) {
  const success = Object.entries(route.doc.responses).map(([status, response]) => [
    status,
    successResponse(route, response, schemas, head),
  ]);
  const errors = Object.entries(errorStatuses(route)).map(([status, description]) => [
    status,
    errorResponse(route, description, schemas, head),
  ]);
  const all = [...success, ...errors] as [string, JsonSchema][];
  return Object.fromEntries(all.sort(([a], [b]) => Number(a) - Number(b)));
}

function successResponse(
  route: DocumentedRoute,
  response: ResponseDoc,
  schemas: SchemaComponents,
  head: boolean,
): JsonSchema {
  const extraHeaders = Object.entries(response.headers ?? {}).map(([name, description]) => [
    name,
    { description, schema: { type: 'string' } },
  ]);
  const body = response.body;
  return {
    description: response.description,
    headers: { ...standardHeaders(route), ...Object.fromEntries(extraHeaders) },
    ...(body && !head
      ? { content: { [contentTypeOf(body)]: mediaTypeObject(body, 'output', schemas) } }
      : {}),
  };
}

function errorResponse(
  route: DocumentedRoute,
  description: string,
  schemas: SchemaComponents,
  head: boolean,
): JsonSchema {
  return {
    description,
    headers: standardHeaders(route),
    ...(head
      ? {}
      : { content: { 'application/json': { schema: errorSchema(route.dialects, schemas) } } }),
  };
}

/** The dialect's envelope; a route answering in two dialects gets either. */
function errorSchema(dialects: readonly Dialect[], schemas: SchemaComponents): JsonSchema {
  const envelopes = [...new Set(dialects.map(errorEnvelopeSchema))];
  const [only] = envelopes;
  if (envelopes.length === 1 && only) return schemas.convert(only, 'output');
  return { anyOf: envelopes.map((envelope) => schemas.convert(envelope, 'output')) };
}

/** The route's own errors plus those its config implies, descriptions joined per status. */
function errorStatuses(route: DocumentedRoute): Record<string, string> {
  const sources = [
    route.doc.errors,
    route.auth ? AUTH_ERRORS : {},
    route.idempotent ? IDEMPOTENCY_ERRORS : {},
    COMMON_ERRORS,
  ];
  const merged: Record<string, string> = {};
  for (const source of sources) {
    for (const [status, description] of Object.entries(source)) {
      merged[status] = merged[status] ? `${merged[status]} ${description}` : description;
    }
  }
  return merged;
}

function standardHeaders(route: DocumentedRoute): JsonSchema {
  return {
    [REQUEST_ID_HEADER]: componentRef('headers', REQUEST_ID_HEADER),
    ...(route.idempotent
      ? { [IDEMPOTENT_REPLAYED_HEADER]: componentRef('headers', IDEMPOTENT_REPLAYED_HEADER) }
      : {}),
  };
}

function contentTypeOf(body: BodyDoc): string {
  return body === FILE_BYTES ? '*/*' : 'application/json';
}

function componentRef(kind: 'headers' | 'parameters', name: string) {
  return { $ref: `#/components/${kind}/${name}` };
}
