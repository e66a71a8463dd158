import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_BASE_URL, HeygenAssets } from '@heygen-assets/client';
import { AssetError } from '@heygen-assets/core';

/** Runs `body` with the given environment variables set (or removed when undefined). */
function withEnv(vars: Record<string, string | undefined>, body: () => void): void {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(vars);
  try {
    body();
  } finally {
    apply(saved);
  }
}

describe('HeygenAssets options', () => {
  it('refuses to start without an API key, with code unauthorized', () => {
    withEnv({ HEYGEN_API_KEY: undefined }, () => {
      assert.throws(
        () => new HeygenAssets(),
        (error: unknown) => {
          assert.ok(error instanceof AssetError);
          assert.equal(error.code, 'unauthorized');
          assert.equal(error.message, 'No API key: pass apiKey or set HEYGEN_API_KEY.');
          return true;
        },
      );
    });
  });

  it('takes the key and base URL from HEYGEN_API_KEY and HEYGEN_API_BASE', () => {
    withEnv({ HEYGEN_API_KEY: 'from-env', HEYGEN_API_BASE: 'http://127.0.0.1:4567/api' }, () => {
      assert.equal(new HeygenAssets().baseUrl, 'http://127.0.0.1:4567/api/');
    });
  });

  it('defaults the base URL to a server on this machine', () => {
    withEnv({ HEYGEN_API_BASE: undefined }, () => {
      assert.equal(new HeygenAssets({ apiKey: 'k' }).baseUrl, `${DEFAULT_BASE_URL}/`);
    });
  });

  it('refuses a base URL that is not http or https', () => {
    assert.throws(() => new HeygenAssets({ apiKey: 'k', baseUrl: 'ftp://127.0.0.1/' }), TypeError);
    assert.throws(() => new HeygenAssets({ apiKey: 'k', baseUrl: 'not a url' }), TypeError);
  });

  it('refuses a negative timeout', () => {
    assert.throws(() => new HeygenAssets({ apiKey: 'k', timeoutMs: -1 }), TypeError);
  });
});
