import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  makePng,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
  writeTempFile,
} from '@heygen-assets/testkit';
import { ProgressBar, progressBar, writeAboveBar } from '../src/output/progress-bar.js';
import { type LoopbackProxy, startLoopbackProxy } from './support/loopback-proxy.js';
import { linesOf, runCli } from './support/run-cli.js';

/** What the proxy answers a request it refuses: a busy server that asks for no wait. */
const BUSY = {
  answer: 503,
  json: { error: { code: 'service_unavailable', message: 'The server is busy.' } },
  headers: { 'retry-after': '0' },
};

describe('retry notices of the commands that read assets', () => {
  let proxy: LoopbackProxy;
  let test: TestServer;
  let env: Record<string, string | undefined>;
  let assetId: string;
  /** How many of the next GET requests the proxy answers 503. */
  let busyGets = 0;

  before(async () => {
    proxy = await startLoopbackProxy((request) => {
      if (request.method !== 'GET' || busyGets === 0) return undefined;
      busyGets -= 1;
      return BUSY;
    });
    test = await startTestServer({ publicUrl: proxy.url });
    proxy.forwardTo(test);
    env = { HEYGEN_API_KEY: TEST_API_KEY, HEYGEN_API_BASE: proxy.url };
    const png = await writeTempFile(test.workDir, 'logo.png', await makePng());
    const uploaded = await runCli(['upload', '--json', png], env);
    assetId = JSON.parse(uploaded.stdout).asset_id;
  });
  beforeEach(() => {
    busyGets = 0;
  });
  after(async () => {
    await proxy.close();
    await test.close();
  });

  it('get writes a line on stderr for each retry, then the asset on stdout', async () => {
    busyGets = 1;

    const result = await runCli(['get', assetId], env);

    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(linesOf(result.stderr), [
      `heygen-assets: GET /v3/assets/${assetId} failed ` +
        '(service_unavailable: The server is busy.); retry 1 of 4 in 0.0 s',
    ]);
    assert.equal(linesOf(result.stdout)[0], `id          ${assetId}`);
  });

  it('get --json keeps stderr for JSON errors alone', async () => {
    busyGets = 1;

    const result = await runCli(['get', assetId, '--json'], env);

    assert.equal(result.exitCode, 0, result.stderr);
    assert.equal(result.stderr, '');
    assert.equal(JSON.parse(result.stdout).id, assetId);
  });
});

/** A terminal stand-in that keeps everything written to it. */
function recordingStream() {
  const written: string[] = [];
  const stream = { write: (text: string) => written.push(text) > 0 };
  return { written, stream: stream as unknown as NodeJS.WriteStream };
}

describe('retry notices under a progress bar', () => {
  it('go above the bar on screen, which is drawn again below them', () => {
    const { written, stream } = recordingStream();
    const bar = new ProgressBar('clip.mp4', stream);
    bar.update(512, 1024);
    written.length = 0;

    writeAboveBar(() => stream.write('notice\n'));

    const line = `clip.mp4  ${progressBar(0.5)}  512 B / 1.0 KiB`;
    assert.deepEqual(written, ['\r\x1b[K', 'notice\n', line]);
    bar.clear();
  });

  it('are written as they are once the bar is cleared, even after a late progress event', () => {
    const { written, stream } = recordingStream();
    const bar = new ProgressBar('clip.mp4', stream);
    bar.update(512, 1024);
    bar.clear();
    bar.update(1024, 1024);
    written.length = 0;

    writeAboveBar(() => stream.write('notice\n'));

    assert.deepEqual(written, ['notice\n']);
  });
});
