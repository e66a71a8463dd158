import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ApiError,
  HeygenAssets,
  NetworkError,
  TimeoutError,
  UnexpectedResponseError,
} from '@heygen-assets/client';
import {
  closedPort,
  makeJpeg,
  startStubServer,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '@heygen-assets/testkit';

describe('errors from a real server', () => {
  let test: TestServer;

  before(async () => {
    test = await startTestServer();
  });
  after(() => test.close());

  it('an unknown key fails with ApiError 401 unauthorized, naming method, URL and request id', async () => {
    const client = new HeygenAssets({ apiKey: 'not-the-key', baseUrl: test.url });

    const error = await client.uploadFile(await makeJpeg()).catch((caught: unknown) => caught);

    assert.ok(error instanceof ApiError);
    assert.equal(error.code, 'unauthorized');
    assert.equal(error.serverCode, 'unauthorized');
    assert.equal(error.status, 401);
    assert.equal(error.method, 'POST');
    assert.equal(error.url, `${test.url}/v1/asset`);
    assert.match(error.requestId ?? '', /.+/);
    assert.equal(
      error.message,
      `POST ${test.url}/v1/asset failed with 401 unauthorized: ${error.serverMessage}`,
    );
    assert.ok(!error.message.includes('not-the-key'), 'the key must not appear in the message');
  });

  it('a type the server refuses fails with ApiError 415 unsupported_media_type', async () => {
    const client = new HeygenAssets({ apiKey: TEST_API_KEY, baseUrl: test.url });

    const error = await client.getUploadUrl('image/gif').catch((caught: unknown) => caught);

    assert.ok(error instanceof ApiError);
    assert.equal(error.code, 'unsupported_media_type');
    assert.equal(error.status, 415);
    assert.ok(error.message.startsWith(`POST ${test.url}/v1/asset failed with 415 `));
  });

  it('getUploadUrl returns a URL on this server and a 32-hex asset id', async () => {
    const client = new HeygenAssets({ apiKey: TEST_API_KEY, baseUrl: test.url });

    const { uploadUrl, assetId } = await client.getUploadUrl('image/jpeg');

    assert.match(assetId, /^[0-9a-f]{32}$/);
    assert.ok(uploadUrl.startsWith(`${test.url}/`), uploadUrl);
  });
});

describe('errors on the connection', () => {
  it('a refused connection fails with NetworkError, keeping the socket error as cause', async () => {
    const port = await closedPort();
    // One attempt: the error itself is under test here, retries in retry-*.test.ts.
    const client = new HeygenAssets({
      apiKey: 'k',
      baseUrl: `http://127.0.0.1:${port}`,
      retry: { retries: 0 },
    });

    const error = await client.getUploadUrl('image/jpeg').catch((caught: unknown) => caught);

    assert.ok(error instanceof NetworkError);
    assert.equal(error.code, 'network_error');
    assert.equal(
      error.message,
      `POST http://127.0.0.1:${port}/v1/asset failed: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    assert.equal((error.cause as NodeJS.ErrnoException).code, 'ECONNREFUSED');
  });

  it('a server that never answers fails with TimeoutError after timeoutMs', async () => {
    const stub = await startStubServer(() => {});
    const client = new HeygenAssets({
      apiKey: 'k',
      baseUrl: stub.url,
      timeoutMs: 200,
      retry: { retries: 0 },
    });
    const started = Date.now();

    const error = await client.getUploadUrl('image/jpeg').catch((caught: unknown) => caught);
    await stub.close();

    assert.ok(error instanceof TimeoutError);
    assert.equal(error.code, 'timeout');
    assert.equal(error.timeoutMs, 200);
    assert.equal(error.message, `POST ${stub.url}/v1/asset failed: no progress for 200 ms`);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= 150 && elapsed < 5000, `took ${elapsed} ms`);
  });
});

describe('errors from answers a real server does not give', () => {
  it('an HTML error page keeps its status, a generic code and the page text', async () => {
    const stub = await startStubServer((_request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>');
    });
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url, retry: { retries: 0 } });

    const error = await client.getUploadUrl('image/jpeg').catch((caught: unknown) => caught);
    await stub.close();

    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 502);
    assert.equal(error.code, 'internal_error');
    assert.equal(error.serverCode, undefined);
    assert.equal(error.serverMessage, '<html>Bad gateway</html>');
    assert.equal(error.requestId, undefined);
  });

  it('a success answer without asset_id fails with UnexpectedResponseError naming the field', async () => {
    const stub = await startStubServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: null, data: { url: 'http://127.0.0.1:1/x' } }));
    });
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    const error = await client.getUploadUrl('image/jpeg').catch((caught: unknown) => caught);
    await stub.close();

    assert.ok(error instanceof UnexpectedResponseError);
    assert.equal(
      error.message,
      `POST ${stub.url}/v1/asset answered 200 with a body whose "data.asset_id" is not a string`,
    );
  });

  it('keeps a path prefix of the base URL and sends the key and JSON body', async () => {
    let seen: { url?: string; key?: string; body?: unknown } = {};
    const stub = await startStubServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk;
      });
      request.on('end', () => {
        seen = {
          url: request.url,
          key: request.headers['x-api-key'] as string,
          body: JSON.parse(body),
        };
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: null, data: { url: 'http://x/u', asset_id: 'a1' } }));
      });
    });
    const client = new HeygenAssets({ apiKey: 'key-1', baseUrl: `${stub.url}/prefix` });

    const result = await client.getUploadUrl('image/png', { filename: 'p.png', sizeBytes: 12 });
    await stub.close();

    assert.deepEqual(result, { uploadUrl: 'http://x/u', assetId: 'a1' });
    assert.deepEqual(seen, {
      url: '/prefix/v1/asset',
      key: 'key-1',
      body: { content_type: 'image/png', filename: 'p.png', size_bytes: 12 },
    });
  });
});

describe('an upload URL that is not http(s)', () => {
  it('fails with UnexpectedResponseError before anything is sent there', async () => {
    const stub = await startStubServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ error: null, data: { url: 'file:///etc/passwd', asset_id: 'a' } }),
      );
    });
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    const error = await client.uploadFile(await makeJpeg()).catch((caught: unknown) => caught);
    await stub.close();

    assert.ok(error instanceof UnexpectedResponseError);
    assert.equal(
      error.message,
      `POST ${stub.url}/v1/asset answered 200 with a body whose "data.url" is not an http(s) URL`,
    );
  });
});
