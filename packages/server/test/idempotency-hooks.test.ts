import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { AssetError } from '@heygen-assets/core';
import Fastify, { type FastifyInstance, type InjectOptions } from 'fastify';
import '../src/http/dialect.js';
import { SqliteCatalog } from '../src/catalog/sqlite-catalog.js';
import { handleError } from '../src/http/error-handler.js';
import {
  IDEMPOTENCY_KEY_TTL_MS,
  IDEMPOTENT_REQUEST_TIMEOUT_MS,
  idempotencyHooks,
} from '../src/http/idempotency.js';

/**
 * The hooks on a bare Fastify app with the real SQLite catalog: routes whose speed and outcome
 * the tests control. The caller's space comes from an `x-space` header instead of a key.
 */
let app: FastifyInstance;
let catalog: SqliteCatalog;
let runs: number;
let gate: Gate | undefined;
let failNext: boolean;

before(async () => {
  catalog = new SqliteCatalog(':memory:');
  await catalog.migrate();

  app = Fastify();
  app.decorateRequest('dialect', 'v3');
  app.decorateRequest('spaceId', '');
  app.addHook('onRequest', async (request) => {
    request.dialect = 'v3';
    request.spaceId = String(request.headers['x-space'] ?? 'space-a');
  });
  app.setErrorHandler(handleError);
  idempotencyHooks(app, catalog);

  const config = { dialect: 'v3', auth: true, idempotent: true } as const;
  app.post('/things', { config }, async (request) => {
    runs++;
    await gate?.promise;
    if (failNext) {
      failNext = false;
      throw new Error('the disk is on fire');
    }
    return { data: { run: runs, got: request.body ?? null } };
  });
  app.post<{ Params: { id: string } }>('/things/:id/finish', { config }, async (request) => {
    runs++;
    return { data: { id: request.params.id, run: runs } };
  });
  app.post('/refusals', { config }, async () => {
    runs++;
    throw new AssetError('invalid_request', `Refusal number ${runs}.`, { param: 'name' });
  });
  app.post('/plain', { config: { dialect: 'v3', auth: true } }, async () => {
    runs++;
    return { data: { run: runs } };
  });
  await app.ready();
});

after(async () => {
  await app.close();
  await catalog.close();
});

beforeEach(() => {
  runs = 0;
  gate = undefined;
  failNext = false;
});

let keyCounter = 0;
function freshKey(): string {
  keyCounter++;
  return `key-${keyCounter}:${Date.now()}.x_y`;
}

function post(url: string, key: string | undefined, payload?: unknown, extra: InjectOptions = {}) {
  return app.inject({
    method: 'POST',
    url,
    headers: { ...(key === undefined ? {} : { 'idempotency-key': key }), ...extra.headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

describe('Idempotency-Key (SPEC §6)', () => {
  test('replays the first response with the identical status and body, running once', async () => {
    const key = freshKey();

    const first = await post('/things', key, { name: 'a' });
    const second = await post('/things', key, { name: 'a' });

    assert.equal(first.statusCode, 200);
    assert.equal(first.headers['idempotent-replayed'], undefined);
    assert.equal(second.statusCode, 200);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.match(String(second.headers['content-type']), /^application\/json/);
    assert.equal(second.body, first.body);
    assert.equal(runs, 1);
  });

  test('answers a duplicate with 409 request_in_progress while the first is still running', async () => {
    const key = freshKey();
    gate = new Gate();

    const first = post('/things', key, { name: 'slow' });
    await waitFor(() => runs === 1);
    const duplicate = await post('/things', key, { name: 'slow' });
    gate.open();
    const firstResponse = await first;
    const retry = await post('/things', key, { name: 'slow' });

    assert.equal(duplicate.statusCode, 409);
    assert.deepEqual(duplicate.json().error.code, 'request_in_progress');
    assert.equal(duplicate.headers['idempotent-replayed'], undefined);
    assert.equal(firstResponse.statusCode, 200);
    assert.equal(retry.statusCode, 200);
    assert.equal(retry.body, firstResponse.body);
    assert.equal(runs, 1);
  });

  test('refuses the same key with another body with 400 naming Idempotency-Key', async () => {
    const key = freshKey();
    await post('/things', key, { name: 'a' });

    const other = await post('/things', key, { name: 'b' });

    assert.equal(other.statusCode, 400);
    assert.deepEqual(other.json(), {
      error: {
        code: 'invalid_request',
        message:
          'This Idempotency-Key was already used with another request to this endpoint. ' +
          'Use a new key for a new request.',
        param: 'Idempotency-Key',
      },
    });
    assert.equal(runs, 1);
  });

  test('takes the same JSON in another key order or spacing as the same request', async () => {
    const key = freshKey();
    const first = await post('/things', key, { a: 1, b: { c: [1, 2], d: null } });

    const reordered = await post('/things', key, '{ "b": {"d": null, "c": [1,2]}, "a": 1 }', {
      headers: { 'content-type': 'application/json' },
    });

    assert.equal(reordered.statusCode, 200);
    assert.equal(reordered.headers['idempotent-replayed'], 'true');
    assert.equal(reordered.body, first.body);
  });

  test('refuses the same key on the same route with another path parameter', async () => {
    const key = freshKey();
    await post('/things/one/finish', key);

    const other = await post('/things/two/finish', key);

    assert.equal(other.statusCode, 400);
    assert.equal(other.json().error.param, 'Idempotency-Key');
    assert.equal(runs, 1);
  });

  test('scopes keys to the space and the route', async () => {
    const key = freshKey();
    await post('/things', key, {});

    const otherSpace = await post('/things', key, {}, { headers: { 'x-space': 'space-b' } });
    const otherRoute = await post('/things/one/finish', key);

    assert.equal(otherSpace.statusCode, 200);
    assert.equal(otherSpace.headers['idempotent-replayed'], undefined);
    assert.equal(otherRoute.statusCode, 200);
    assert.equal(otherRoute.headers['idempotent-replayed'], undefined);
    assert.equal(runs, 3);
  });

  test('replays a refusal (4xx) like any other response', async () => {
    const key = freshKey();

    const first = await post('/refusals', key);
    const second = await post('/refusals', key);

    assert.equal(first.statusCode, 400);
    assert.equal(second.statusCode, 400);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.equal(second.body, first.body);
    assert.equal(runs, 1);
  });

  test('forgets the key after a server error, so a retry runs anew', async () => {
    const key = freshKey();
    failNext = true;

    const failed = await post('/things', key, {});
    const retried = await post('/things', key, {});

    assert.equal(failed.statusCode, 500);
    assert.equal(retried.statusCode, 200);
    assert.equal(retried.headers['idempotent-replayed'], undefined);
    assert.equal(retried.json().data.run, 2);
  });

  test('runs a request without a key every time', async () => {
    await post('/things', undefined, {});
    await post('/things', undefined, {});

    assert.equal(runs, 2);
  });

  test('ignores the header on a route that is not idempotent', async () => {
    const key = freshKey();

    const first = await post('/plain', key);
    const second = await post('/plain', 'not a valid key!');

    assert.equal(first.statusCode, 200);
    assert.equal(second.statusCode, 200);
    assert.equal(runs, 2);
  });

  test('accepts a 255-character key of every allowed character', async () => {
    const key = 'Az09_-:.'.repeat(32).slice(0, 255);

    const response = await post('/things', key, {});

    assert.equal(response.statusCode, 200);
  });

  for (const [label, key] of [
    ['an empty key', ''],
    ['a 256-character key', 'k'.repeat(256)],
    ['a key with a space', 'two words'],
    ['a key with a slash', 'a/b'],
    ['a non-ASCII key', 'clé'],
  ] as const) {
    test(`refuses ${label} with 400 invalid_request naming Idempotency-Key`, async () => {
      const response = await post('/things', key, {});

      assert.equal(response.statusCode, 400);
      assert.equal(response.json().error.code, 'invalid_request');
      assert.equal(response.json().error.param, 'Idempotency-Key');
      assert.equal(runs, 0);
    });
  }

  test('runs a key again once its first use is more than 24 hours old', async (t) => {
    const key = freshKey();
    const start = Date.now();
    t.mock.timers.enable({ apis: ['Date'], now: start });
    await post('/things', key, {});

    t.mock.timers.setTime(start + IDEMPOTENCY_KEY_TTL_MS - 1000);
    const within = await post('/things', key, {});
    t.mock.timers.setTime(start + IDEMPOTENCY_KEY_TTL_MS + 1000);
    const afterwards = await post('/things', key, {});

    assert.equal(within.headers['idempotent-replayed'], 'true');
    assert.equal(afterwards.headers['idempotent-replayed'], undefined);
    assert.equal(runs, 2);
  });
});

describe('a first request that never finishes', () => {
  test('holds its key (409) until it is older than the request timeout, then a retry runs', async (t) => {
    const key = freshKey();
    const start = Date.now();
    t.mock.timers.enable({ apis: ['Date'], now: start });
    const held = new Gate();
    gate = held;
    const stuck = post('/things', key, {});
    await waitFor(() => runs === 1);

    t.mock.timers.setTime(start + IDEMPOTENT_REQUEST_TIMEOUT_MS - 1000);
    const early = await post('/things', key, {});
    gate = undefined;
    t.mock.timers.setTime(start + IDEMPOTENT_REQUEST_TIMEOUT_MS + 1000);
    const late = await post('/things', key, {});

    assert.equal(early.statusCode, 409);
    assert.equal(late.statusCode, 200);
    assert.equal(late.json().data.run, 2);
    held.open();
    await stuck;
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 500 && !condition(); attempt++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
  assert.ok(condition(), 'the condition did not come true');
}

/** A promise the test resolves when it lets the slow route finish. */
class Gate {
  open!: () => void;
  readonly promise = new Promise<void>((resolve) => {
    this.open = resolve;
  });
}
