import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import {
  closedPort,
  makeJpeg,
  makeMp3,
  startStubServer,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
  writeTempFile,
} from '@heygen-assets/testkit';
import { linesOf, runCli } from './support/run-cli.js';

const UPLOAD_FIELDS = ['file', 'asset_id', 'url', 'mime_type', 'size_bytes', 'sha256'];

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('heygen-assets upload', () => {
  let test: TestServer;
  let env: Record<string, string>;
  let jpeg: Buffer;
  let mp3: Buffer;
  let jpegPath: string;
  let mp3Path: string;
  let htmlPath: string;
  let emptyPath: string;

  before(async () => {
    test = await startTestServer();
    env = { HEYGEN_API_KEY: TEST_API_KEY, HEYGEN_API_BASE: test.url };
    jpeg = await makeJpeg();
    mp3 = await makeMp3();
    jpegPath = await writeTempFile(test.workDir, 'a.jpg', jpeg);
    mp3Path = await writeTempFile(test.workDir, 'b.mp3', mp3);
    htmlPath = await writeTempFile(
      test.workDir,
      'page.jpg',
      Buffer.from('<!DOCTYPE html>\n<html><head><title>Moved</title></head><body></body></html>\n'),
    );
    emptyPath = await writeTempFile(test.workDir, 'empty.mp3', new Uint8Array());
  });
  after(() => test.close());

  it('--json prints exactly one JSON object per file, with the values the server holds', async () => {
    const result = await runCli(['upload', jpegPath, mp3Path, '--json'], env);

    assert.equal(result.stderr, '');
    assert.equal(result.exitCode, 0);
    // Files upload side by side, so lines come in the order they finish.
    const lines = linesOf(result.stdout).map((line) => JSON.parse(line));
    assert.equal(lines.length, 2);
    const lineOf = (path: string) => lines.find((line) => line.file === path);
    for (const [line, path, bytes, type] of [
      [lineOf(jpegPath), jpegPath, jpeg, 'image/jpeg'],
      [lineOf(mp3Path), mp3Path, mp3, 'audio/mpeg'],
    ] as const) {
      assert.deepEqual(Object.keys(line), UPLOAD_FIELDS);
      assert.deepEqual(line, {
        file: path,
        asset_id: line.asset_id,
        url: `${test.url}/asset/${line.asset_id}`,
        mime_type: type,
        size_bytes: bytes.byteLength,
        sha256: sha256(bytes),
      });
      // What the server serves at the files URL (SPEC §7) is what the CLI printed.
      const served = await fetch(line.url);
      assert.equal(served.status, 200);
      assert.equal(served.headers.get('content-type'), line.mime_type);
      assert.equal(served.headers.get('content-length'), String(line.size_bytes));
      assert.equal(served.headers.get('etag'), `"${line.sha256}"`);
      assert.deepEqual(Buffer.from(await served.arrayBuffer()), bytes);
    }
  });

  it('prints FILE  ASSET_ID  URL per file for people', async () => {
    const result = await runCli(['upload', jpegPath], env);

    assert.equal(result.exitCode, 0);
    const match = /^(\S+) {2}([0-9a-f]{32}) {2}(\S+)\n$/.exec(result.stdout);
    assert.ok(match, result.stdout);
    assert.equal(match[1], jpegPath);
    assert.equal(match[3], `${test.url}/asset/${match[2]}`);
  });

  it('reports a rejected file on stderr with its code, uploads the others, and exits 1', async () => {
    const result = await runCli(['upload', htmlPath, jpegPath], env);

    assert.equal(result.exitCode, 1);
    assert.match(linesOf(result.stderr)[0] ?? '', /^\S+page\.jpg: unsupported_media_type: \S.*$/);
    assert.ok(result.stderr.startsWith(`${htmlPath}: unsupported_media_type: `));
    const stdout = linesOf(result.stdout);
    assert.equal(stdout.length, 1);
    assert.ok(stdout[0]?.startsWith(`${jpegPath}  `));
  });

  it('--json reports a rejected file as one JSON object on stderr', async () => {
    const result = await runCli(['upload', '--json', emptyPath, jpegPath], env);

    assert.equal(result.exitCode, 1);
    const errors = linesOf(result.stderr).map((line) => JSON.parse(line));
    assert.equal(errors.length, 1);
    assert.equal(errors[0].file, emptyPath);
    assert.equal(errors[0].error.code, 'missing_content');
    assert.equal(typeof errors[0].error.message, 'string');
    assert.equal(linesOf(result.stdout).length, 1);
    assert.equal(JSON.parse(result.stdout).file, jpegPath);
  });

  it('reports a missing file with file_not_found', async () => {
    const missing = `${test.workDir}/missing.jpg`;
    const result = await runCli(['upload', missing], env);

    assert.equal(result.exitCode, 1);
    assert.equal(result.stderr, `${missing}: file_not_found: No such file.\n`);
  });

  it('exits 3 with a message naming HEYGEN_API_KEY when it is not set', async () => {
    const result = await runCli(['upload', jpegPath], { ...env, HEYGEN_API_KEY: undefined });

    assert.equal(result.exitCode, 3);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^heygen-assets: missing_api_key: HEYGEN_API_KEY is not set\.\n/);
  });

  it('exits 3 on a wrong key, reporting unauthorized once and stopping', async () => {
    const result = await runCli(['upload', '--json', jpegPath, mp3Path], {
      ...env,
      HEYGEN_API_KEY: 'wrong-key',
    });

    assert.equal(result.exitCode, 3);
    assert.equal(result.stdout, '');
    const errors = linesOf(result.stderr).map((line) => JSON.parse(line));
    assert.equal(errors.length, 1);
    // Both files start together; whichever the server refused first is the one reported.
    assert.ok([jpegPath, mp3Path].includes(errors[0].file));
    assert.equal(errors[0].error.code, 'unauthorized');
    assert.equal(errors[0].error.status, 401);
  });

  it('exits 1 with network_error when nothing listens at HEYGEN_API_BASE', async () => {
    const base = `http://127.0.0.1:${await closedPort()}`;
    const result = await runCli(['upload', jpegPath], { ...env, HEYGEN_API_BASE: base });

    assert.equal(result.exitCode, 1);
    const lines = linesOf(result.stderr);
    assert.match(lines[0] ?? '', /^heygen-assets: POST \/v1\/asset failed \(network_error: /);
    assert.ok(
      lines.some((line) => line.startsWith(`${jpegPath}: network_error: POST ${base}/v1/asset`)),
      result.stderr,
    );
  });

  it('exits 4 with timeout when the server never answers', async () => {
    const stub = await startStubServer(() => {});
    const result = await runCli(['upload', '--timeout', '0.3', jpegPath], {
      ...env,
      HEYGEN_API_BASE: stub.url,
    });
    await stub.close();

    assert.equal(result.exitCode, 4);
    const lines = linesOf(result.stderr);
    assert.equal(lines.filter((line) => line.startsWith('heygen-assets: POST')).length, 4);
    assert.ok(
      lines.some((line) => line.startsWith(`${jpegPath}: timeout: POST ${stub.url}/v1/asset`)),
      result.stderr,
    );
  });

  it('exits 2 without any file', async () => {
    const result = await runCli(['upload'], env);

    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /missing required argument 'files'/);
  });

  it('exits 2 on an invalid --timeout', async () => {
    const result = await runCli(['upload', '--timeout', 'soon', jpegPath], env);

    assert.equal(result.exitCode, 2);
    assert.equal(result.stdout, '');
  });
});
