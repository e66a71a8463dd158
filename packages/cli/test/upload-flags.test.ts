import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { makePng, type TestServer, writeTempFile } from '@heygen-assets/testkit';
import {
  type BusyProxiedServer,
  type LoopbackProxy,
  type SeenRequest,
  startBusyProxiedServer,
} from './support/loopback-proxy.js';
import { linesOf, runCli } from './support/run-cli.js';

/** What the proxy answers a presign it refuses: a busy server that asks for no wait. */
const BUSY = {
  answer: 503,
  json: { error: 'The server is busy.', code: 'service_unavailable', data: null },
  headers: { 'retry-after': '0' },
};

const isPresign = (request: SeenRequest) =>
  request.method === 'POST' && request.path === '/v1/asset';

describe('heygen-assets upload --retries and --no-cache', () => {
  let served: BusyProxiedServer;
  let proxy: LoopbackProxy;
  let test: TestServer;
  let env: Record<string, string | undefined>;
  let pngPath: string;

  const presigns = () => proxy.requests.filter(isPresign).map((request) => request.fate);
  const puts = () => proxy.requests.filter((request) => request.method === 'PUT').length;

  before(async () => {
    served = await startBusyProxiedServer(isPresign, BUSY);
    ({ proxy, test, env } = served);
    pngPath = await writeTempFile(test.workDir, 'logo.png', await makePng());
  });
  beforeEach(() => {
    proxy.requests.length = 0;
    served.setBusy(0);
  });
  after(() => served.close());

  it('--retries 2 gets through two 503 answers', async () => {
    served.setBusy(2);

    const result = await runCli(['upload', '--json', '--retries', '2', pngPath], env);

    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).file, pngPath);
    assert.equal(result.stderr, '', 'under --json, stderr holds only JSON errors');
    assert.deepEqual(presigns(), ['answered', 'answered', 'forwarded']);
  });

  it('tells people on stderr about each retry before it happens', async () => {
    served.setBusy(2);

    const result = await runCli(['upload', '--retries', '3', pngPath], env);

    assert.equal(result.exitCode, 0, result.stderr);
    const busy = 'service_unavailable: The server is busy.';
    assert.deepEqual(linesOf(result.stderr), [
      `heygen-assets: POST /v1/asset failed (${busy}); retry 1 of 3 in 0.0 s`,
      `heygen-assets: POST /v1/asset failed (${busy}); retry 2 of 3 in 0.0 s`,
    ]);
    const [file, assetId, url] = result.stdout.trimEnd().split('  ');
    assert.equal(file, pngPath);
    assert.equal(url, `${proxy.url}/asset/${assetId}`);
  });

  it('--retries 1 gives up after the second 503 and reports the server’s code and message', async () => {
    served.setBusy(2);

    const result = await runCli(['upload', '--retries', '1', pngPath], env);

    assert.equal(result.exitCode, 1);
    assert.equal(result.stdout, '');
    assert.deepEqual(linesOf(result.stderr).slice(0, 2), [
      'heygen-assets: POST /v1/asset failed (service_unavailable: The server is busy.); ' +
        'retry 1 of 1 in 0.0 s',
      `${pngPath}: service_unavailable: The server is busy.`,
    ]);
    assert.deepEqual(presigns(), ['answered', 'answered']);
    assert.equal(puts(), 0);
  });

  it('--retries 0 sends each request once', async () => {
    served.setBusy(1);

    const result = await runCli(['upload', '--json', '--retries', '0', pngPath], env);

    assert.equal(result.exitCode, 1);
    assert.equal(JSON.parse(result.stderr).error.code, 'service_unavailable');
    assert.deepEqual(presigns(), ['answered']);
  });

  it('retries 4 times without --retries, the SDK’s default', async () => {
    served.setBusy(5);

    const result = await runCli(['upload', '--json', pngPath], env);

    assert.equal(result.exitCode, 1);
    assert.deepEqual(presigns(), Array(5).fill('answered'));
  });

  it('exits 2 on a --retries that is not a whole number from 0 to 20', async () => {
    for (const value of ['-1', '21', 'often', '1.5']) {
      const result = await runCli(['upload', '--retries', value, pngPath], env);

      assert.equal(result.exitCode, 2, value);
      assert.match(result.stderr, /--retries/);
    }
    assert.equal(proxy.requests.length, 0);
  });

  it('--no-cache uploads bytes the cache knows again, and leaves the cache as it was', async () => {
    const cacheHome = join(test.workDir, 'cache-home');
    const cacheFile = join(cacheHome, 'heygen-assets', 'asset-ids.json');
    const cached = { ...env, XDG_CACHE_HOME: cacheHome, HEYGEN_ASSETS_NO_CACHE: undefined };

    const uncachedFirst = await runCli(['upload', '--json', '--no-cache', pngPath], cached);
    const cacheAfterNoCache = existsSync(cacheFile);
    const first = await runCli(['upload', '--json', pngPath], cached);
    const cacheText = await readFile(cacheFile, 'utf8');
    const again = await runCli(['upload', '--json', '--no-cache', pngPath], cached);
    const cacheTextAfterNoCache = await readFile(cacheFile, 'utf8');
    const reused = await runCli(['upload', '--json', pngPath], cached);

    const idOf = (result: { stdout: string }) => JSON.parse(result.stdout).asset_id as string;
    assert.equal(cacheAfterNoCache, false);
    assert.equal(puts(), 3);
    assert.equal(new Set([idOf(uncachedFirst), idOf(first), idOf(again)]).size, 3);
    assert.equal(idOf(reused), idOf(first));
    assert.equal(cacheTextAfterNoCache, cacheText);
  });
});
