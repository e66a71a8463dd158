import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
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

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

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

  it('delete forgets the asset: the same file uploaded again is sent, and its URL serves it', async () => {
    const bytes = await makePng({ width: 9, height: 7 });
    const path = await writeTempFile(test.workDir, 'deleted.png', bytes);
    const putsBefore = puts();

    const first = JSON.parse((await runCli(['upload', '--json', path], env)).stdout);
    const deleted = await runCli(['delete', first.asset_id], env);
    const listed = await runCli(['cache', 'list', '--json'], env);
    const again = await runCli(['upload', '--json', path], env);

    assert.equal(deleted.exitCode, 0);
    assert.equal(deleted.stdout, `${first.asset_id}  deleted\n`);
    assert.equal(listed.stdout, '');
    assert.equal(again.exitCode, 0, again.stderr);
    const second = JSON.parse(again.stdout);
    assert.notEqual(second.asset_id, first.asset_id);
    assert.equal(second.sha256, sha256Of(bytes));
    assert.equal(puts() - putsBefore, 2);
    const served = await fetch(second.url);
    assert.equal(served.status, 200);
    assert.equal(sha256Of(Buffer.from(await served.arrayBuffer())), sha256Of(bytes));
    assert.equal((await fetch(first.url)).status, 404);
  });
});
