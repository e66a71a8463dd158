import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { makePng, writeTempFile } from '@heygen-assets/testkit';
import { ProgressBar, progressBar, writeAboveBar } from '../src/output/progress-bar.js';
import { type BusyProxiedServer, startBusyProxiedServer } from './support/loopback-proxy.js';
import { linesOf, runCli } from './support/run-cli.js';

/** What the proxy answers a request it refuses: a busy server that asks for no wait. */
const BUSY = {
  answer: 503,
  json: { error: { code: 'service_unavailable', message: 'The server is busy.' } },
  headers: { 'retry-after': '0' },
};

describe('retry notices of the commands that read assets', () => {
  let served: BusyProxiedServer;
  let env: Record<string, string | undefined>;
  let assetId: string;

  before(async () => {
    served = await startBusyProxiedServer((request) => request.method === 'GET', BUSY);
    env = served.env;
    const png = await writeTempFile(served.test.workDir, 'logo.png', await makePng());
    const uploaded = await runCli(['upload', '--json', png], env);
    assetId = JSON.parse(uploaded.stdout).asset_id;
  });
  beforeEach(() => served.setBusy(0));
  after(() => served.close());

  it('get writes a line on stderr for each retry, then the asset on stdout', async () => {
    served.setBusy(1);

    const result = await runCli(['get', assetId], env);

    assert.equal(result.exitCode, 0, result.stderr);
    assert.deepEqual(linesOf(result.stderr), [
      `heygen-assets: GET /v3/assets/${assetId} failed ` +
        '(service_unavailable: The server is busy.); retry 1 of 4 in 0.0 s',
    ]);
    assert.equal(linesOf(result.stdout)[0], `id          ${assetId}`);
  });

  it('get --json keeps stderr for JSON errors alone', async () => {
    served.setBusy(1);

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
