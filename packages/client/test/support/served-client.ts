import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { HeygenAssets, type HeygenAssetsOptions } from '@heygen-assets/client';
import { makeJpeg, startTestServer, TEST_API_KEY, type TestServer } from '@heygen-assets/testkit';

/** Client options a test may set; the key and base URL are the test server's. */
export type ClientOptions = Omit<HeygenAssetsOptions, 'apiKey' | 'baseUrl'>;

/** A real test server (its temp work dir removed by `test.close()`) and a client of it. */
export interface ServedClient {
  test: TestServer;
  client: HeygenAssets;
}

/** A client of `test`, signed in with the test key, with `options` on top. */
export function clientOf(test: TestServer, options: ClientOptions = {}): HeygenAssets {
  return new HeygenAssets({ apiKey: TEST_API_KEY, baseUrl: test.url, ...options });
}

/** Starts a test server and makes a client of it (e.g. `{ cache: false }` for no id cache). */
export async function startServedClient(options: ClientOptions = {}): Promise<ServedClient> {
  const test = await startTestServer();
  return { test, client: clientOf(test, options) };
}

/** The SHA-256 of `bytes`, in hex. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Fetches `url`, asserting a 200, and returns its bytes and `Content-Type`. */
export async function fetchServed(
  url: string,
): Promise<{ bytes: Buffer; contentType: string | null }> {
  const response = await fetch(url);
  assert.equal(response.status, 200);
  const contentType = response.headers.get('content-type');
  return { bytes: Buffer.from(await response.arrayBuffer()), contentType };
}

/** Fetches `url`, asserting a 200, and returns its bytes. */
export async function fetchServedBytes(url: string): Promise<Buffer> {
  return (await fetchServed(url)).bytes;
}

/** The sniff window: how much of a stream's head the type check reads, in bytes. */
const SNIFF_WINDOW_BYTES = 64 * 1024;

/**
 * A 4000×4000 JPEG, asserted larger than the 64 KiB sniff window, so a stream of it is checked
 * by its head only.
 */
export async function makeBigJpeg(): Promise<Buffer> {
  const bigJpeg = await makeJpeg({ width: 4000, height: 4000 });
  assert.ok(bigJpeg.byteLength > SNIFF_WINDOW_BYTES);
  return bigJpeg;
}
