import assert from 'node:assert/strict';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { makeTempDir } from '@heygen-assets/testkit';
import { type EnvChanges, runCli, spawnCli } from './support/run-cli.js';
import { waitForOutput } from './support/wait-for-output.js';

const API_KEY = 'fetch-flag-key';
const QUIET_FREE_PORT = ['--host', '127.0.0.1', '--port', '0', '--log-level', 'silent'];
/** A loopback port nothing listens on: the render's fetch, if any, fails there at once. */
const LOOPBACK_IMAGE_URL = 'http://127.0.0.1:1/background.jpg';

/**
 * Starts `serve` with `args` and `env`, sends a video request whose background is a loopback
 * URL, and answers with the HTTP status and error code the request got.
 */
async function loopbackRequestOutcome(dataDir: string, args: string[], env: EnvChanges) {
  const child = spawnCli(['serve', ...QUIET_FREE_PORT, '--data-dir', dataDir, ...args], {
    HEYGEN_API_KEY: API_KEY,
    HEYGEN_FETCH_ALLOW_PRIVATE_NETWORKS: undefined,
    ...env,
  });
  try {
    if (!child.stdout) throw new Error('serve has no stdout');
    const banner = await waitForOutput(child.stdout, /^heygen-assets listening on (\S+)$/m);
    const url = /^heygen-assets listening on (\S+)$/m.exec(banner)?.[1] ?? '';
    const response = await fetch(`${url}/v2/video/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
      body: JSON.stringify({
        video_inputs: [
          {
            character: { type: 'avatar', avatar_id: 'josh_lite3_20230714' },
            voice: { type: 'silence', duration: 1 },
            background: { type: 'image', url: LOOPBACK_IMAGE_URL },
          },
        ],
      }),
    });
    const body = (await response.json()) as { error: { code: string } | null };
    return { status: response.status, code: body.error?.code ?? null };
  } finally {
    const closed = once(child, 'close');
    child.kill('SIGTERM');
    await closed;
  }
}

describe('heygen-assets serve --fetch-allow-private-networks', () => {
  let dataDir: string;

  before(async () => {
    dataDir = await makeTempDir('heygen-cli-fetch-flag-');
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('refuses loopback URLs in video requests by default and with the variable at 0', async () => {
    assert.deepEqual(await loopbackRequestOutcome(dataDir, [], {}), {
      status: 400,
      code: 'forbidden_address',
    });
    assert.deepEqual(
      await loopbackRequestOutcome(dataDir, [], { HEYGEN_FETCH_ALLOW_PRIVATE_NETWORKS: '0' }),
      { status: 400, code: 'forbidden_address' },
    );
  });

  it('accepts them with the flag or with the variable at 1', async () => {
    assert.deepEqual(
      await loopbackRequestOutcome(dataDir, ['--fetch-allow-private-networks'], {}),
      { status: 200, code: null },
    );
    assert.deepEqual(
      await loopbackRequestOutcome(dataDir, [], { HEYGEN_FETCH_ALLOW_PRIVATE_NETWORKS: '1' }),
      { status: 200, code: null },
    );
  });

  it('exits 2 naming the variable when its value is neither on nor off', async () => {
    const result = await runCli(['serve', ...QUIET_FREE_PORT, '--data-dir', dataDir], {
      HEYGEN_API_KEY: API_KEY,
      HEYGEN_FETCH_ALLOW_PRIVATE_NETWORKS: 'maybe',
    });

    assert.equal(result.exitCode, 2);
    assert.match(result.stderr, /HEYGEN_FETCH_ALLOW_PRIVATE_NETWORKS must be 1 or 0 .*"maybe"/);
  });
});
