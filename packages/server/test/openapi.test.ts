import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makeJpeg, makeWav, startTestServer, type TestServer } from '@heygen-assets/testkit';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import Fastify from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../src/app-context.js';
import { openApiRoute } from '../src/http/openapi/openapi-route.js';
import { directUploadBody, putToSlot, type UploadSlot } from './support/v3.js';
import { call } from './support/v3-api.js';

interface DocumentedResponse {
  description: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: object }>;
}

interface Operation {
  operationId: string;
  tags: string[];
  security: Record<string, string[]>[];
  parameters?: { name?: string; in?: string; $ref?: string }[];
  requestBody?: { content: Record<string, { schema?: object }> };
  responses: Record<string, DocumentedResponse>;
}

interface OpenApiDocument {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object>; securitySchemes: Record<string, object> };
}

/** A response as the checks below read it: JSON bodies parsed, others as bytes. */
interface CheckedResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** The error envelope component each dialect (an operation's tag) answers with. */
const ERROR_COMPONENT_OF_TAG: Record<string, string> = {
  presigned: 'PresignedError',
  raw: 'RawError',
  v3: 'V3Error',
  v2: 'V2Error',
  files: 'PlainError',
  plain: 'PlainError',
};

const V3_POSTS = [
  'POST /v3/assets',
  'POST /v3/assets/direct-uploads',
  'POST /v3/assets/direct-uploads/batches',
  'POST /v3/assets/{id}/complete',
  'POST /v3/assets/complete/batches',
];

const UNKNOWN_ID = 'f'.repeat(32);

let server: TestServer;
let document: OpenApiDocument;
let jpeg: Buffer;
const ajv = new Ajv2020({ allErrors: true });
ajv.addFormat('uri', { type: 'string', validate: (value) => URL.canParse(value) });
ajv.addFormat('binary', true);

before(async () => {
  server = await startTestServer();
  jpeg = await makeJpeg({ width: 40, height: 30 });
  const response = await fetch(`${server.url}/openapi.json`);
  document = (await response.json()) as OpenApiDocument;
});

after(() => server.close());

function operations(): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]): [string, Operation] => [
      `${method.toUpperCase()} ${path}`,
      operation,
    ]),
  );
}

/** A documented schema made self-contained for Ajv: components become its `$defs`. */
function standalone(schema: object): object {
  const pointLocally = (value: object) =>
    JSON.parse(JSON.stringify(value).replaceAll('#/components/schemas/', '#/$defs/'));
  return { ...pointLocally(schema), $defs: pointLocally(document.components.schemas) };
}

/**
 * Checks a real response against the document: the operation lists its status, the response
 * carries the documented `X-Request-Id`, and a body validates against the documented schema.
 */
function assertDocumented(method: string, path: string, response: CheckedResponse): void {
  const name = `${method} ${path} ${response.status}`;
  const operation = document.paths[path]?.[method.toLowerCase()];
  assert.ok(operation, `${method} ${path} is not documented`);
  const documented = operation.responses[String(response.status)];
  assert.ok(documented, `${name} is not documented`);
  assert.ok(response.headers.get('x-request-id'), `${name} has no X-Request-Id`);
  assert.ok(documented.headers?.['X-Request-Id'], `${name} documents no X-Request-Id`);

  if (response.body === undefined) {
    assert.equal(documented.content, undefined, `${name} documents a body it does not have`);
    return;
  }
  if (response.body instanceof Uint8Array) {
    assert.ok(documented.content?.['*/*'], `${name} documents no file bytes`);
    return;
  }
  const schema = documented.content?.['application/json']?.schema;
  assert.ok(schema, `${name} documents no JSON body`);
  const validate = ajv.compile(standalone(schema));
  assert.ok(
    validate(response.body),
    `${name}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(response.body)}`,
  );
}

async function send(path: string, init: RequestInit = {}): Promise<CheckedResponse> {
  const response = await fetch(path.startsWith('http') ? path : `${server.url}${path}`, init);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const isJson = response.headers.get('content-type')?.startsWith('application/json');
  let body: unknown;
  if (bytes.byteLength > 0) body = isJson ? JSON.parse(Buffer.from(bytes).toString()) : bytes;
  return { status: response.status, headers: response.headers, body };
}

function withKey(headers: Record<string, string> = {}): Record<string, string> {
  return { 'x-api-key': server.apiKey, ...headers };
}

/** `METHOD /path` of every route fastify registered, read from its route tree. */
function registeredRoutes(): string[] {
  const tree = server.server.app.printRoutes({ commonPrefix: false });
  const segments: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^(.*?)[├└]── (\S+)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    segments.length = (match[1] ?? '').length / 4;
    segments.push(match[2] ?? '');
    const path = segments.join('').replace(/:(\w+)/g, '{$1}');
    const methods = (match[3] ?? '').split(', ').filter(Boolean);
    routes.push(...methods.map((method) => `${method} ${path}`));
  }
  return routes.sort();
}

describe('GET /openapi.json (SPEC §12)', () => {
  test('is served without a key as a valid OpenAPI 3.1 document naming this server', async () => {
    const response = await send('/openapi.json');

    assertDocumented('GET', '/openapi.json', response);
    const validator = new Validator();
    const result = await validator.validate(
      structuredClone(document) as unknown as Record<string, unknown>,
    );
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
    assert.equal(validator.version, '3.1');
    assert.match(document.openapi, /^3\.1\.\d+$/);
    assert.deepEqual(document.servers, [{ url: server.url }]);
  });

  test('lists every route fastify registered, with each of its methods, and nothing else', () => {
    const registered = registeredRoutes();
    const documented = operations()
      .map(([name]) => name)
      .sort();

    assert.ok(registered.length >= 25, `only ${registered.length} routes read: ${registered}`);
    assert.deepEqual(documented, registered);
    for (const route of [
      'GET /healthz',
      'GET /openapi.json',
      'GET /asset/{file}',
      'HEAD /asset/{file}',
      'PUT /v1/uploads/{assetId}',
      'GET /v1/asset/list',
      'DELETE /v1/asset/{id}',
      'POST /v1/asset/{id}/delete',
      ...V3_POSTS,
    ]) {
      assert.ok(documented.includes(route), `${route} is missing`);
    }
  });

  test('gives every response X-Request-Id and every error its dialect envelope', () => {
    for (const [name, operation] of operations()) {
      const errors = Object.entries(operation.responses).filter(
        ([status]) => Number(status) >= 400,
      );
      assert.ok(errors.length > 0, `${name} documents no error`);
      for (const [status, response] of Object.entries(operation.responses)) {
        assert.ok(response.headers?.['X-Request-Id'], `${name} ${status} lacks X-Request-Id`);
      }
      if (name.startsWith('HEAD ')) continue; // a HEAD response has no body to describe

      const expected = operation.tags.map((tag) => ({
        $ref: `#/components/schemas/${ERROR_COMPONENT_OF_TAG[tag]}`,
      }));
      for (const [status, response] of errors) {
        const schema = response.content?.['application/json']?.schema;
        const envelopes = schema && 'anyOf' in schema ? schema.anyOf : [schema];
        assert.deepEqual(envelopes, expected, `${name} ${status}`);
      }
    }
  });

  test('asks for the API key on every route but files, upload URLs and service routes', () => {
    const open = [
      '/healthz',
      '/openapi.json',
      '/asset/{file}',
      '/video/{file}',
      '/v1/uploads/{assetId}',
    ];
    assert.deepEqual(Object.keys(document.components.securitySchemes).sort(), ['apiKey', 'bearer']);
    for (const [name, operation] of operations()) {
      const isOpen = open.some((path) => name.endsWith(` ${path}`));
      const expected = isOpen ? [] : [{ apiKey: [] }, { bearer: [] }];
      assert.deepEqual(operation.security, expected, name);
      assert.equal('401' in operation.responses, !isOpen, `${name} 401`);
    }
  });

  test('offers Idempotency-Key on the five v3 POSTs and video generation, nowhere else', () => {
    const idempotent = operations()
      .filter(([, operation]) =>
        operation.parameters?.some((parameter) => parameter.$ref?.endsWith('/Idempotency-Key')),
      )
      .map(([name]) => name);

    assert.deepEqual(idempotent.sort(), [...V3_POSTS, 'POST /v2/video/generate'].sort());
  });

  test('shows the two dialects of POST /v1/asset as two request content types', () => {
    const operation = document.paths['/v1/asset']?.post;
    const content = operation?.requestBody?.content ?? {};

    assert.deepEqual(Object.keys(content).sort(), ['*/*', 'application/json']);
    assert.deepEqual(operation?.tags, ['presigned', 'raw']);
    const json = content['application/json']?.schema as { required?: string[] };
    assert.deepEqual(json.required, ['content_type']);
  });

  test('documents path and query parameters from the routes', () => {
    const list = document.paths['/v3/assets']?.get;
    const names = (list?.parameters ?? []).map((parameter) => parameter.name);
    assert.deepEqual(names, ['limit', 'token', 'folder_id', 'type', 'status', 'username']);

    const complete = document.paths['/v3/assets/{id}/complete']?.post;
    assert.deepEqual(complete?.parameters?.[0], {
      name: 'id',
      in: 'path',
      required: true,
      description: 'The asset id; an unknown or foreign one answers 404.',
      schema: { type: 'string' },
    });
  });

  test('has only schemas that compile as JSON Schema 2020-12', () => {
    const schemas = operations().flatMap(([, operation]) => [
      ...Object.values(operation.requestBody?.content ?? {}).map((media) => media.schema),
      ...Object.values(operation.responses).flatMap((response) =>
        Object.values(response.content ?? {}).map((media) => media.schema),
      ),
    ]);
    for (const schema of schemas) if (schema) ajv.compile(standalone(schema));
    assert.ok(schemas.length > 50);
  });
});

describe('real responses match the document', () => {
  test('GET /healthz', async () => {
    assertDocumented('GET', '/healthz', await send('/healthz'));
    assertDocumented('HEAD', '/healthz', await send('/healthz', { method: 'HEAD' }));
  });

  test('the presigned dialect: upload URL, PUT, and its errors', async () => {
    const json = { 'content-type': 'application/json' };
    const created = await send('/v1/asset', {
      method: 'POST',
      headers: withKey(json),
      body: JSON.stringify({ content_type: 'image/jpeg', filename: 'a.jpg' }),
    });
    assertDocumented('POST', '/v1/asset', created);
    const { url } = (created.body as { data: { url: string } }).data;

    const put = await send(url, {
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      body: jpeg,
    });
    assert.equal(put.status, 403);
    assertDocumented('PUT', '/v1/uploads/{assetId}', put);
    const stored = await send(url, { method: 'PUT', body: jpeg });
    assert.equal(stored.status, 200);
    assertDocumented('PUT', '/v1/uploads/{assetId}', stored);
    assertDocumented(
      'PUT',
      '/v1/uploads/{assetId}',
      await send(url, { method: 'PUT', body: jpeg }),
    );

    for (const body of [{}, { content_type: 'image/gif' }]) {
      const refused = await send('/v1/asset', {
        method: 'POST',
        headers: withKey(json),
        body: JSON.stringify(body),
      });
      assert.ok(refused.status === 400 || refused.status === 415, JSON.stringify(refused.body));
      assertDocumented('POST', '/v1/asset', refused);
    }
    const unauthorized = await send('/v1/asset', { method: 'POST', headers: json, body: '{}' });
    assert.equal(unauthorized.status, 401);
    assertDocumented('POST', '/v1/asset', unauthorized);
  });

  test('the raw dialect: upload, legacy list and delete, and its errors', async () => {
    const raw = await send('/v1/asset', {
      method: 'POST',
      headers: withKey({ 'content-type': 'image/jpeg' }),
      body: jpeg,
    });
    assert.equal(raw.status, 200);
    assertDocumented('POST', '/v1/asset', raw);
    const { id } = (raw.body as { data: { id: string } }).data;

    assertDocumented(
      'GET',
      '/v1/asset/list',
      await send('/v1/asset/list?limit=2', { headers: withKey() }),
    );
    assertDocumented(
      'GET',
      '/v1/asset/list',
      await send('/v1/asset/list?limit=0', { headers: withKey() }),
    );
    const deleted = await send(`/v1/asset/${id}`, { method: 'DELETE', headers: withKey() });
    assert.equal(deleted.status, 200);
    assertDocumented('DELETE', '/v1/asset/{id}', deleted);
    const gone = await send(`/v1/asset/${id}/delete`, { method: 'POST', headers: withKey() });
    assert.equal(gone.status, 404);
    assertDocumented('POST', '/v1/asset/{id}/delete', gone);

    const empty = await send('/v1/asset', {
      method: 'POST',
      headers: withKey({ 'content-type': 'image/jpeg' }),
      body: new Uint8Array(0),
    });
    assert.equal(empty.status, 400);
    assertDocumented('POST', '/v1/asset', empty);
    const corrupt = await send('/v1/asset', {
      method: 'POST',
      headers: withKey({ 'content-type': 'image/jpeg' }),
      body: jpeg.subarray(0, 200),
    });
    assert.ok(corrupt.status >= 400, JSON.stringify(corrupt.body));
    assertDocumented('POST', '/v1/asset', corrupt);
    const unauthorized = await send('/v1/asset', { method: 'POST', body: jpeg });
    assert.equal(unauthorized.status, 401);
    assertDocumented('POST', '/v1/asset', unauthorized);
  });

  test('v3 uploads: multipart, direct upload slot, PUT, complete, and errors', async () => {
    const form = new FormData();
    form.append('file', new Blob([makeWav()]), 'voice.wav');
    const proxied = await send('/v3/assets', { method: 'POST', headers: withKey(), body: form });
    assert.equal(proxied.status, 200, JSON.stringify(proxied.body));
    assertDocumented('POST', '/v3/assets', proxied);

    const slotResponse = await call(server, 'POST', '/v3/assets/direct-uploads', {
      body: directUploadBody('photo.jpg', 'image/jpeg', jpeg),
    });
    assertDocumented('POST', '/v3/assets/direct-uploads', slotResponse);
    const slot = slotResponse.body.data as UploadSlot;

    const early = await call(server, 'POST', `/v3/assets/${slot.asset_id}/complete`);
    assert.equal(early.status, 409);
    assertDocumented('POST', '/v3/assets/{id}/complete', early);
    const staged = await putToSlot(slot, jpeg);
    assertDocumented('PUT', '/v1/uploads/{assetId}', {
      status: staged.status,
      headers: staged.headers,
      body: await staged.json(),
    });
    const completed = await call(server, 'POST', `/v3/assets/${slot.asset_id}/complete`, {
      headers: { 'idempotency-key': 'openapi-complete-1' },
    });
    assert.equal(completed.status, 200);
    assertDocumented('POST', '/v3/assets/{id}/complete', completed);

    const invalid = await call(server, 'POST', '/v3/assets/direct-uploads', {
      body: { filename: 'a.jpg', content_type: 'image/jpeg', size_bytes: -1 },
    });
    assert.equal(invalid.status, 400);
    assert.equal(invalid.body.error.param, 'size_bytes');
    assertDocumented('POST', '/v3/assets/direct-uploads', invalid);
    const badKey = await call(server, 'POST', '/v3/assets/direct-uploads', {
      body: {},
      headers: { 'idempotency-key': 'not a key' },
    });
    assertDocumented('POST', '/v3/assets/direct-uploads', badKey);
  });

  test('v3 batches: slots, completion, status, statuses', async () => {
    const files = [jpeg, jpeg.subarray(0, 150)].map((bytes, index) =>
      directUploadBody(`${index}.jpg`, 'image/jpeg', bytes),
    );
    const batch = await call(server, 'POST', '/v3/assets/direct-uploads/batches', {
      body: { files, title: 'two' },
    });
    assertDocumented('POST', '/v3/assets/direct-uploads/batches', batch);
    const { batch_id: batchId, items } = batch.body.data;
    await putToSlot(items[0], jpeg);
    await putToSlot(items[1], jpeg.subarray(0, 150));

    const queued = await call(server, 'POST', '/v3/assets/complete/batches', {
      body: { batch_id: batchId },
    });
    assert.equal(queued.status, 202);
    assertDocumented('POST', '/v3/assets/complete/batches', queued);
    const status = await waitForBatch(batchId);
    assertDocumented('GET', '/v3/assets/batches/{id}', status);
    assert.deepEqual(
      status.body.data.items.map((item: { status: string }) => item.status),
      ['completed', 'failed'],
    );
    assertDocumented(
      'GET',
      '/v3/assets/batches/{id}',
      await call(server, 'GET', `/v3/assets/batches/${UNKNOWN_ID}`),
    );

    const statuses = await call(
      server,
      'GET',
      `/v3/assets/statuses?asset_ids=${items[0].asset_id},${UNKNOWN_ID}&batch_ids=${batchId},nope`,
    );
    assert.equal(statuses.body.data.length, 5);
    assertDocumented('GET', '/v3/assets/statuses', statuses);
    assertDocumented(
      'GET',
      '/v3/assets/statuses',
      await call(server, 'GET', '/v3/assets/statuses'),
    );
  });

  test('v3 reads and deletes: get, list, delete, and errors', async () => {
    const pending = await call(server, 'POST', '/v3/assets/direct-uploads', {
      body: { filename: 'later.jpg', content_type: 'image/jpeg', size_bytes: 99, folder_id: 'f' },
    });
    const form = new FormData();
    form.append('file', new Blob([jpeg]), 'photo.jpg');
    const uploaded = await send('/v3/assets', { method: 'POST', headers: withKey(), body: form });
    const id = (uploaded.body as { data: { asset_id: string } }).data.asset_id;

    for (const assetId of [id, pending.body.data.asset_id, UNKNOWN_ID]) {
      assertDocumented(
        'GET',
        '/v3/assets/{id}',
        await call(server, 'GET', `/v3/assets/${assetId}`),
      );
    }
    for (const query of ['', '?status=all&limit=100', '?type=video', '?limit=1000']) {
      assertDocumented('GET', '/v3/assets', await call(server, 'GET', `/v3/assets${query}`));
    }
    assertDocumented('GET', '/v3/assets', await call(server, 'GET', '/v3/assets', { apiKey: 'x' }));
    assertDocumented('DELETE', '/v3/assets/{id}', await call(server, 'DELETE', `/v3/assets/${id}`));
    assertDocumented('DELETE', '/v3/assets/{id}', await call(server, 'DELETE', `/v3/assets/${id}`));
  });

  test('the files host: whole file, range, not modified, unknown, and HEAD', async () => {
    const form = new FormData();
    form.append('file', new Blob([jpeg]), 'photo.jpg');
    const uploaded = await send('/v3/assets', { method: 'POST', headers: withKey(), body: form });
    const url = (uploaded.body as { data: { url: string } }).data.url;
    const path = '/asset/{file}';

    const whole = await send(url);
    assert.equal(whole.status, 200);
    assertDocumented('GET', path, whole);
    assertDocumented('GET', path, await send(url, { headers: { range: 'bytes=0-9' } }));
    const etag = whole.headers.get('etag') ?? '';
    assertDocumented('GET', path, await send(url, { headers: { 'if-none-match': etag } }));
    assertDocumented('GET', path, await send(url, { headers: { range: 'bytes=99999-' } }));
    assertDocumented('GET', path, await send(`/asset/${UNKNOWN_ID}`));
    assertDocumented('HEAD', path, await send(url, { method: 'HEAD' }));
    assertDocumented('HEAD', path, await send(`/asset/${UNKNOWN_ID}`, { method: 'HEAD' }));
  });
});

describe('route documentation is required', () => {
  const context = { publicUrl: () => 'http://127.0.0.1:1' } as AppContext;

  test('a route without config.openapi cannot be registered', async () => {
    const app = Fastify();
    openApiRoute(app, context);

    assert.throws(() => app.get('/undocumented', async () => ({})), /has no config\.openapi/);
    await app.close();
  });

  test('an undocumented path parameter stops the app from starting', async () => {
    const app = Fastify();
    openApiRoute(app, context);
    const openapi = {
      operationId: 'getThing',
      summary: 'A thing',
      responses: { 200: { description: 'It.', body: z.object({}) } },
      errors: {},
    };
    app.get('/things/:id', { config: { openapi } }, async () => ({}));

    await assert.rejects(async () => app.ready(), /openapi\.params must list id/);
    await app.close();
  });
});

async function waitForBatch(batchId: string) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const status = await call(server, 'GET', `/v3/assets/batches/${batchId}`);
    const { counts_by_status: counts } = status.body.data;
    if (counts.completed + counts.failed === status.body.data.total_items) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`batch ${batchId} did not finish`);
}
