import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  makePng,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
  writeTempFile,
} from '@heygen-assets/testkit';
import { linesOf, runCli } from './support/run-cli.js';

describe('heygen-assets cache', () => {
  let test: TestServer;
  let env: Record<string, string | undefined>;
  let cacheFile: string;
  let pngPath: string;

  /** PUTs of bytes the server has logged so far. */
  const puts = () =>
    linesOf(test.logs()).filter((line) =>
      /"req":\{"method":"PUT","path":"\/v1\/uploads\//.test(line),
    ).length;

  before(async () => {
    test = await startTestServer();
    const cacheHome = join(test.workDir, 'cache-home');
    cacheFile = join(cacheHome, 'heygen-assets', 'asset-ids.json');
    // The cache on, in a directory of this test's own.
    env = {
      HEYGEN_API_KEY: TEST_API_KEY,
      HEYGEN_API_BASE: test.url,
      XDG_CACHE_HOME: cacheHome,
      HEYGEN_ASSETS_NO_CACHE: undefined,
    };
    pngPath = await writeTempFile(test.workDir, 'logo.png', await makePng());
  });
  after(() => test.close());

  it('upload sends the same file once; the second run answers the cached asset', async () => {
    const putsBefore = puts();

    const first = await runCli(['upload', '--json', pngPath], env);
    const second = await runCli(['upload', '--json', pngPath], env);

    assert.equal(first.exitCode, 0);
    assert.equal(second.exitCode, 0);
    assert.deepEqual(JSON.parse(second.stdout), JSON.parse(first.stdout));
    assert.equal(puts() - putsBefore, 1);
  });

  it('list --json prints each cached id with the server it belongs to', async () => {
    const result = await runCli(['cache', 'list', '--json'], env);

    assert.equal(result.exitCode, 0);
    assert.equal(result.stderr, '');
    const lines = linesOf(result.stdout).map((line) => JSON.parse(line));
    assert.equal(lines.length, 1);
    assert.deepEqual(Object.keys(lines[0]), [
      'asset_id',
      'url',
      'mime_type',
      'size_bytes',
      'sha256',
      'base_url',
      'space',
      'checked_at',
    ]);
    assert.equal(lines[0].url, `${test.url}/asset/${lines[0].asset_id}`);
    assert.equal(lines[0].base_url, `${test.url}/`);
    assert.equal(lines[0].mime_type, 'image/png');
    assert.ok(Math.abs(lines[0].checked_at - Date.now() / 1000) < 120);
  });

  it('list prints a table for people', async () => {
    const result = await runCli(['cache', 'list'], env);

    assert.equal(result.exitCode, 0);
    const [header, row, ...rest] = linesOf(result.stdout);
    assert.match(header ?? '', /^ASSET ID {26}TYPE {7}SIZE +CHECKED \(UTC\) +SERVER$/);
    assert.match(
      row ?? '',
      /^[0-9a-f]{32} {2}image\/png {2}[\d.]+ (?:B|KiB) +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d {2}http:\/\/127\.0\.0\.1:\d+\/$/,
    );
    assert.deepEqual(rest, []);
  });

  it('clear forgets every id, says how many and where; the next upload sends the file', async () => {
    const putsBefore = puts();

    const cleared = await runCli(['cache', 'clear'], env);
    const listed = await runCli(['cache', 'list'], env);
    const uploaded = await runCli(['upload', '--json', pngPath], env);

    assert.equal(cleared.exitCode, 0);
    assert.equal(cleared.stdout, `Cleared 1 cached asset ids from ${cacheFile}.\n`);
    assert.equal(listed.stdout, 'No cached asset ids.\n');
    assert.equal(uploaded.exitCode, 0);
    assert.equal(puts() - putsBefore, 1);
  });

  it('clear --json prints one object', async () => {
    await runCli(['cache', 'clear'], env);

    const result = await runCli(['cache', 'clear', '--json'], env);

    assert.equal(result.exitCode, 0);
    assert.deepEqual(JSON.parse(result.stdout), { cleared: 0, path: cacheFile });
  });
});
