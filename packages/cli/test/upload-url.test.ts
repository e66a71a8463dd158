import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import {
  makeJpeg,
  type StubServer,
  startStubServer,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '@heygen-assets/testkit';
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
