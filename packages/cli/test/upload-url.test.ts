import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  makeJpeg,
  type StubServer,
  startStubServer,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '@heygen-assets/testkit';
import {
  type BusyProxiedServer,
  type LoopbackProxy,
  type SeenRequest,
  startBusyProxiedServer,
} from './support/loopback-proxy.js';
import { linesOf, runCli } from './support/run-cli.js';

// Every server here is started on 127.0.0.1 by the test itself.

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('heygen-assets upload-url', () => {
  let test: TestServer;
  let env: Record<string, string>;
  let jpeg: Buffer;
  let source: StubServer;
  const requested: string[] = [];

  before(async () => {
    test = await startTestServer();
    env = { HEYGEN_API_KEY: TEST_API_KEY, HEYGEN_API_BASE: test.url, HEYGEN_ASSETS_NO_CACHE: '1' };
    jpeg = await makeJpeg();
    source = await startStubServer((request, response: ServerResponse) => {
      requested.push(request.url ?? '');
      if (request.url === '/page.png') {
        response.writeHead(200, { 'content-type': 'image/png' });
        response.end('<!DOCTYPE html><html><body>Sign in</body></html>');
        return;
      }
      response.writeHead(200, {
        'content-type': 'application/octet-stream',
        'content-length': String(jpeg.byteLength),
      });
      response.end(jpeg);
    });
  });
  after(async () => {
    await source.close();
    await test.close();
  });

  it('--json prints one object per URL with the asset the server holds', async () => {
    const url = `${source.url}/photo.jpg`;

    const result = await runCli(['upload-url', '--allow-private-networks', '--json', url], env);

    assert.equal(result.stderr, '');
    assert.equal(result.exitCode, 0);
    const line = JSON.parse(result.stdout);
    assert.deepEqual(line, {
      file: url,
      asset_id: line.asset_id,
      url: `${test.url}/asset/${line.asset_id}`,
      mime_type: 'image/jpeg',
      size_bytes: jpeg.byteLength,
      sha256: sha256(jpeg),
    });
    assert.deepEqual(Buffer.from(await (await fetch(line.url)).arrayBuffer()), jpeg);
  });

  it('refuses a loopback URL by default with forbidden_address and a hint, fetching nothing', async () => {
    const url = `${source.url}/refused.jpg`;

    const result = await runCli(['upload-url', url], env);

    assert.equal(result.exitCode, 1);
    assert.equal(result.stdout, '');
    assert.equal(
      result.stderr,
      `${url}: forbidden_address: ${url} points at 127.0.0.1, a loopback address (this machine): ` +
        'media is fetched only from public addresses.\n' +
        '  hint: Pass allowPrivateNetworks: true to fetch from this machine or your own network.\n',
    );
    assert.equal(requested.includes('/refused.jpg'), false);
  });

  it('refuses http://0x7f000001/ as one JSON error line under --json', async () => {
    const result = await runCli(['upload-url', '--json', 'http://0x7f000001/'], env);

    assert.equal(result.exitCode, 1);
    assert.equal(result.stdout, '');
    const errors = linesOf(result.stderr).map((line) => JSON.parse(line));
    assert.equal(errors.length, 1);
    assert.equal(errors[0].file, 'http://0x7f000001/');
    assert.equal(errors[0].error.code, 'forbidden_address');
  });

  it('names an HTML page served as image/png as text/html', async () => {
    const url = `${source.url}/page.png`;

    const result = await runCli(['upload-url', '--allow-private-networks', url], env);

    assert.equal(result.exitCode, 1);
    assert.ok(
      result.stderr.startsWith(
        `${url}: unsupported_media_type: GET ${url} answered with text/html (a web page) ` +
          '(sent as image/png)',
      ),
      result.stderr,
    );
  });

  it('refuses a body over --max-bytes with file_too_large', async () => {
    const url = `${source.url}/photo.jpg`;

    const result = await runCli(
      ['upload-url', '--allow-private-networks', '--max-bytes', '100', url],
      env,
    );

    assert.equal(result.exitCode, 1);
    assert.match(result.stderr, /: file_too_large: .* more than the maxBytes of 100\./);
  });

  it('exits 2 without any URL', async () => {
    const result = await runCli(['upload-url'], env);

    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /missing required argument 'urls'/);
  });
});

describe('heygen-assets upload-url --retries and --no-cache', () => {
  let served: BusyProxiedServer;
  let proxy: LoopbackProxy;
  let test: TestServer;
  let source: StubServer;
  let env: Record<string, string | undefined>;
  let url: string;

  const isPresign = (request: SeenRequest) =>
    request.method === 'POST' && request.path === '/v1/asset';
  const presigns = () => proxy.requests.filter(isPresign).map((request) => request.fate);

  before(async () => {
    const json = { error: 'The server is busy.', code: 'service_unavailable', data: null };
    served = await startBusyProxiedServer(isPresign, {
      answer: 503,
      json,
      headers: { 'retry-after': '0' },
    });
    ({ proxy, test } = served);
    const jpeg = await makeJpeg({ width: 200 });
    source = await startStubServer((_request, response: ServerResponse) => {
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      response.end(jpeg);
    });
    url = `${source.url}/photo.jpg`;
    const cacheHome = join(test.workDir, 'cache-home');
    env = { ...served.env, XDG_CACHE_HOME: cacheHome, HEYGEN_ASSETS_NO_CACHE: undefined };
  });
  beforeEach(() => {
    proxy.requests.length = 0;
    served.setBusy(0);
  });
  after(async () => {
    await source.close();
    await served.close();
  });

  it('--retries 0 gives up on the first 503; --retries 1 gets through it', async () => {
    served.setBusy(1);
    const once = await runCli(
      ['upload-url', '--allow-private-networks', '--json', '--no-cache', '--retries', '0', url],
      env,
    );
    const presignsOnce = presigns();
    served.setBusy(1);
    const twice = await runCli(
      ['upload-url', '--allow-private-networks', '--json', '--no-cache', '--retries', '1', url],
      env,
    );

    assert.equal(once.exitCode, 1);
    assert.equal(JSON.parse(once.stderr).error.code, 'service_unavailable');
    assert.deepEqual(presignsOnce, ['answered']);
    assert.equal(twice.exitCode, 0, twice.stderr);
    assert.equal(JSON.parse(twice.stdout).file, url);
    assert.deepEqual(presigns(), ['answered', 'answered', 'forwarded']);
  });

  it('--no-cache uploads the same bytes again; without it the cached asset answers', async () => {
    const run = (...flags: string[]) =>
      runCli(['upload-url', '--allow-private-networks', '--json', ...flags, url], env);

    const first = await run();
    const uncached = await run('--no-cache');
    const cached = await run();

    const idOf = (result: { stdout: string }) => JSON.parse(result.stdout).asset_id as string;
    const puts = proxy.requests.filter((request) => request.method === 'PUT').length;
    assert.equal(puts, 2);
    assert.notEqual(idOf(uncached), idOf(first));
    assert.equal(idOf(cached), idOf(first));
  });
});
