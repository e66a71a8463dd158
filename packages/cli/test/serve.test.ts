import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rm } from 'node:fs/promises';
import { type AddressInfo, createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { HeygenAssets } from '@heygen-assets/client';
import { makeJpeg, makeTempDir } from '@heygen-assets/testkit';
import { type EnvChanges, runCli, spawnCli } from './support/run-cli.js';
import { waitForOutput } from './support/wait-for-output.js';

/** Flags for a quiet server on a free loopback port; the data directory comes per test. */
const QUIET_FREE_PORT = ['--host', '127.0.0.1', '--port', '0', '--log-level', 'silent'];

interface Started {
  child: ChildProcess;
  banner: string[];
  url: string;
}

/** Starts `serve`, waits for its banner (URL line plus key lines) and returns it. */
async function startServe(args: string[], env: EnvChanges): Promise<Started> {
  const child = spawnCli(['serve', ...args], env);
  if (!child.stdout) throw new Error('serve has no stdout');
  const output = await waitForOutput(child.stdout, /^heygen-assets listening on .*\nAPI key.*\n/m);
  const banner = output.trimEnd().split('\n');
  const url = /^heygen-assets listening on (\S+)$/.exec(banner[0] ?? '')?.[1] ?? '';
  return { child, banner, url };
}

async function stop(started: Started, signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
  const closed = once(started.child, 'close');
  started.child.kill(signal);
  const [exitCode] = (await closed) as [number | null];
  return exitCode;
}

describe('heygen-assets serve', () => {
  let dataDir: string;
  let jpeg: Buffer;

  before(async () => {
    dataDir = await makeTempDir('heygen-cli-serve-');
    jpeg = await makeJpeg();
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('prints its URL and the key it generated on first start; the key uploads', async () => {
    const started = await startServe([...QUIET_FREE_PORT, '--data-dir', dataDir], {
      HEYGEN_API_KEY: undefined,
    });

    try {
      assert.match(started.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const key = /^API key \(generated on first start, shown only this once\): (\S+)$/.exec(
        started.banner[1] ?? '',
      )?.[1];
      assert.ok(key, started.banner.join('\n'));
      assert.equal(
        started.banner[2],
        `Export it for the SDK and CLI: export HEYGEN_API_KEY=${key}`,
      );
      const client = new HeygenAssets({ apiKey: key, baseUrl: started.url });
      const asset = await client.uploadFile(jpeg);
      assert.equal(asset.url, `${started.url}/asset/${asset.assetId}`);
    } finally {
      assert.equal(await stop(started), 0);
    }
  });

  it('on a later start says where the key is, without printing one', async () => {
    const started = await startServe([...QUIET_FREE_PORT, '--data-dir', dataDir], {
      HEYGEN_API_KEY: undefined,
    });
    const exitCode = await stop(started, 'SIGINT');

    assert.equal(started.banner.length, 2);
    assert.match(started.banner[1] ?? '', /^API key: the one printed when \S+ was first used/);
    assert.equal(exitCode, 0);
  });

  it('registers HEYGEN_API_KEY and says the key comes from it', async () => {
    const otherDir = await makeTempDir('heygen-cli-serve-env-');
    const started = await startServe([...QUIET_FREE_PORT, '--data-dir', otherDir], {
      HEYGEN_API_KEY: 'key-from-env',
    });

    try {
      assert.deepEqual(started.banner.slice(1), ['API key: the one in HEYGEN_API_KEY']);
      const client = new HeygenAssets({ apiKey: 'key-from-env', baseUrl: started.url });
      assert.equal((await client.uploadFile(jpeg)).mimeType, 'image/jpeg');
    } finally {
      await stop(started);
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it('takes its settings from HEYGEN_* variables', async () => {
    const envDir = await makeTempDir('heygen-cli-serve-vars-');
    const publicUrl = 'http://127.0.0.1:1/behind-a-proxy';
    const started = await startServe([], {
      HEYGEN_API_KEY: 'k',
      HEYGEN_HOST: '127.0.0.1',
      HEYGEN_PORT: '0',
      HEYGEN_DATA_DIR: envDir,
      HEYGEN_PUBLIC_URL: publicUrl,
      HEYGEN_UPLOAD_URL_TTL: '60',
      HEYGEN_LOG_LEVEL: 'silent',
    });
    await stop(started);
    await rm(envDir, { recursive: true, force: true });

    assert.equal(started.url, publicUrl);
  });

  it('listens on PORT when neither --port nor HEYGEN_PORT is given', async () => {
    const started = await startServe(['--data-dir', dataDir, '--log-level', 'silent'], {
      HEYGEN_API_KEY: 'k',
      HEYGEN_PORT: undefined,
      PORT: '0',
    });
    await stop(started);

    assert.match(started.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(started.url, 'http://127.0.0.1:3000');
  });

  it('exits 2 on an invalid --port or --log-level', async () => {
    const badPort = await runCli(['serve', '--port', '70000', '--data-dir', dataDir]);
    const badLevel = await runCli(['serve', '--log-level', 'loud', '--data-dir', dataDir]);

    assert.equal(badPort.exitCode, 2);
    assert.match(badPort.stderr, /--port <port>.*70000.*Expected a whole number from 0 to 65535/);
    assert.equal(badLevel.exitCode, 2);
    assert.equal(badLevel.stdout, '');
  });

  it('names a port in use with a code and a hint, and a later start still shows the new key', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    const newDataDir = await makeTempDir('heygen-cli-serve-busy-');
    try {
      const args = ['--host', '127.0.0.1', '--log-level', 'silent', '--data-dir', newDataDir];
      const env = { HEYGEN_API_KEY: undefined };
      const refused = await runCli(['serve', ...args, '--port', String(port)], env);

      assert.equal(refused.exitCode, 1);
      assert.equal(refused.stdout, '');
      assert.equal(
        refused.stderr,
        `heygen-assets: port_in_use: 127.0.0.1:${port} is already in use by another program.\n` +
          '  hint: Stop that program, or choose another port with --port or HEYGEN_PORT ' +
          '(0 picks a free one).\n',
      );

      const started = await startServe([...args, '--port', '0'], env);
      assert.match(started.banner[1] ?? '', /^API key \(generated on first start/);
      await stop(started);
    } finally {
      taken.close();
      await rm(newDataDir, { recursive: true, force: true });
    }
  });
});
