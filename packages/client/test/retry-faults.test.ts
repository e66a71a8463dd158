import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ApiError,
  HeygenAssets,
  NetworkError,
  type RetryEvent,
  type RetryOptions,
  StreamNotRetriedError,
} from '@heygen-assets/client';
import {
  makeWav,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
  WAV_HEADER_BYTES,
  writeTempFile,
} from '@heygen-assets/testkit';
import {
  type Fault,
  type FaultProxy,
  type ProxiedRequest,
  startFaultProxy,
} from './support/fault-proxy.js';

/** Where the proxy cuts a PUT it was told to drop: well inside the file. */
const CUT_AFTER_BYTES = 256 * 1024;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A valid WAV of about 1.4 MB whose samples are random, so any misplaced byte changes it. */
function noisyWav(): Buffer {
  const wav = makeWav({ seconds: 8, sampleRate: 44_100, channels: 2 });
  randomBytes(wav.byteLength - WAV_HEADER_BYTES).copy(wav, WAV_HEADER_BYTES);
  return wav;
}

async function storedSha256(url: string): Promise<string> {
  const response = await fetch(url);
  assert.equal(response.status, 200);
  return sha256(Buffer.from(await response.arrayBuffer()));
}

const isPresign = (request: ProxiedRequest) =>
  request.method === 'POST' && request.path === '/v1/asset';
const isPut = (request: ProxiedRequest) => request.method === 'PUT';
const isDirectUpload = (request: ProxiedRequest) =>
  request.method === 'POST' && request.path === '/v3/assets/direct-uploads';

/**
 * A real server behind a fault-injecting proxy. Each test sets `faults`: for every kind of
 * request, the faults to inject into the first requests of that kind, in order.
 */
describe('retries against a real server behind a fault-injecting proxy', () => {
  let test: TestServer;
  let proxy: FaultProxy;
  let wav: Buffer;
  let wavPath: string;
  let plan: Array<{ matches: (request: ProxiedRequest) => boolean; faults: Fault[] }> = [];
  let events: RetryEvent[] = [];
  let delays: number[] = [];

  /** Injects `faults`, in order, into the next requests that `matches` accepts. */
  const inject = (matches: (request: ProxiedRequest) => boolean, ...faults: Fault[]) => {
    plan.push({ matches, faults });
  };

  /** A client through the proxy whose waits are recorded and skipped (random = 1). */
  const client = (retry: RetryOptions = {}) =>
    new HeygenAssets({
      apiKey: TEST_API_KEY,
      baseUrl: proxy.url,
      cache: false,
      retry: {
        random: () => 1,
        sleep: async (delayMs) => {
          delays.push(delayMs);
        },
        onRetry: (event) => events.push(event),
        ...retry,
      },
    });

  /**
   * Checks the PUTs after a cut one: the first retry follows the dropped connection, and any
   * later one a 409 `request_in_progress` from a server still noticing that the first PUT died.
   */
  const assertRetriedAfterCut = () => {
    const puts = seen(isPut);
    assert.equal(puts[0], 'cut');
    assert.deepEqual(puts.slice(1), Array(puts.length - 1).fill('forwarded'));
    assert.deepEqual(
      events.map((event) => event.reason),
      ['network', ...Array(puts.length - 2).fill('in_progress')],
    );
    assert.equal(events[0]?.method, 'PUT');
  };

  /** Records each wait and really waits, for a server that needs the time to notice a cut. */
  const recordAndWait = async (delayMs: number) => {
    delays.push(delayMs);
    await sleep(delayMs);
  };

  const seen = (matches: (request: ProxiedRequest) => boolean) =>
    proxy.requests.filter(matches).map((request) => request.fate);

  before(async () => {
    proxy = await startFaultProxy((request) => {
      const entry = plan.find((candidate) => candidate.matches(request));
      return entry?.faults.shift();
    });
    test = await startTestServer({ publicUrl: proxy.url });
    const { port } = test.server.app.server.address() as AddressInfo;
    proxy.forwardTo(`http://127.0.0.1:${port}`);
    wav = noisyWav();
    wavPath = await writeTempFile(test.workDir, 'noise.wav', wav);
  });
  after(async () => {
    await test.close();
    await proxy.close();
  });
  beforeEach(() => {
    plan = [];
    events = [];
    delays = [];
    proxy.requests.length = 0;
  });

  describe('a connection dropped in the middle of the body', () => {
    it('is retried, re-opening the file, and the stored bytes are exactly the file’s', async () => {
      inject(isPut, { cutAfterBytes: CUT_AFTER_BYTES });
      const progress: number[] = [];

      const asset = await client({ baseDelayMs: 200, sleep: recordAndWait }).uploadFile(wavPath, {
        onProgress: (sent) => progress.push(sent),
      });

      assertRetriedAfterCut();
      assert.deepEqual(seen(isPresign), ['forwarded']);
      assert.equal(asset.sha256, sha256(wav));
      assert.equal(asset.sizeBytes, wav.byteLength);
      assert.equal(await storedSha256(asset.url), sha256(wav));
      assert.equal(delays[0], 200);
      // The retry counts from the first byte again, and the last event reports the whole file.
      const restart = progress.findIndex(
        (sent, index) => index > 0 && sent < (progress[index - 1] ?? 0),
      );
      assert.ok(restart > 0, 'progress restarts on the retry');
      assert.equal(progress.at(-1), wav.byteLength);
    });

    it('is retried for bytes in memory, which are sent again', async () => {
      inject(isPut, { cutAfterBytes: CUT_AFTER_BYTES });

      const asset = await client({ baseDelayMs: 200, sleep: recordAndWait }).uploadFile(wav);

      assertRetriedAfterCut();
      assert.equal(await storedSha256(asset.url), sha256(wav));
    });

    it('is retried in a v3 direct upload, whose completion then verifies the bytes', async () => {
      inject(isPut, { cutAfterBytes: CUT_AFTER_BYTES });

      const asset = await client({ baseDelayMs: 200, sleep: recordAndWait }).uploadFileDirect(
        wavPath,
      );

      assertRetriedAfterCut();
      assert.deepEqual(seen(isDirectUpload), ['forwarded']);
      assert.equal(asset.sha256, sha256(wav));
      assert.equal(await storedSha256(asset.url), sha256(wav));
    });

    it('is not retried for a stream, whose bytes are gone: the error says so and why', async () => {
      inject(isPut, { cutAfterBytes: CUT_AFTER_BYTES });

      const error = await client()
        .uploadFile(Readable.from([wav]), { sizeBytes: wav.byteLength })
        .catch((caught: unknown) => caught);

      assert.ok(error instanceof StreamNotRetriedError);
      assert.equal(error.code, 'stream_not_retried');
      assert.equal(error.method, 'PUT');
      assert.ok(error.cause instanceof NetworkError);
      assert.match(
        error.message,
        /^PUT http:\/\/127\.0\.0\.1:\d+\/v1\/uploads\/\w+\?\[redacted\] failed: /,
      );
      assert.match(error.message, /Not retried: the stream given as the source was already read/);
      assert.match(error.message, /pass a file path or bytes to have the upload retried\.$/);
      assert.deepEqual(seen(isPut), ['cut']);
      assert.deepEqual(events, []);
    });
  });

  describe('answers that ask the client to come back', () => {
    it('waits about a second for a 503 with Retry-After: 1, then succeeds', async () => {
      inject(isPresign, {
        answer: 503,
        json: { error: 'Restarting.', code: 'internal_error', data: null },
        headers: { 'retry-after': '1' },
      });
      // The real clock and the real timer, in this one test.
      const realClient = new HeygenAssets({
        apiKey: TEST_API_KEY,
        baseUrl: proxy.url,
        cache: false,
        retry: { onRetry: (event) => events.push(event) },
      });

      const asset = await realClient.uploadFile(wavPath);

      const [first, second] = proxy.requests.filter(isPresign) as [ProxiedRequest, ProxiedRequest];
      const waitedMs = second.arrivedAtMs - first.arrivedAtMs;
      assert.ok(waitedMs >= 900, `waited ${waitedMs.toFixed(0)} ms`);
      assert.ok(waitedMs < 3000, `waited ${waitedMs.toFixed(0)} ms`);
      assert.equal(events.length, 1);
      assert.equal(events[0]?.reason, 'server_error');
      assert.equal(events[0]?.delayMs, 1000);
      assert.equal(events[0]?.retryAfterMs, 1000);
      assert.equal(await storedSha256(asset.url), sha256(wav));
    });

    it('retries a 429 on the presign and uploads once the limit lifts', async () => {
      inject(isPresign, {
        answer: 429,
        json: { error: 'Too many requests.', code: 'rate_limited', data: null },
      });

      const asset = await client().uploadFile(wavPath);

      assert.deepEqual(seen(isPresign), ['answered', 'forwarded']);
      assert.deepEqual(seen(isPut), ['forwarded']);
      assert.deepEqual(delays, [500]);
      assert.equal(events[0]?.reason, 'rate_limited');
      assert.equal(events[0]?.url, `${proxy.url}/v1/asset`);
      assert.ok(events[0]?.error instanceof ApiError);
      assert.equal(events[0].error.status, 429);
      assert.equal(await storedSha256(asset.url), sha256(wav));
    });

    it('retries a 429 on a v3 direct upload with the same Idempotency-Key', async () => {
      inject(isDirectUpload, {
        answer: 429,
        json: { error: { code: 'rate_limited', message: 'Slow down.' } },
        headers: { 'retry-after': '2' },
      });

      const asset = await client().uploadFileDirect(wav);

      const [first, second] = proxy.requests.filter(isDirectUpload) as [
        ProxiedRequest,
        ProxiedRequest,
      ];
      assert.equal(second.fate, 'forwarded');
      assert.ok(first.headers['idempotency-key']);
      assert.equal(second.headers['idempotency-key'], first.headers['idempotency-key']);
      assert.deepEqual(delays, [2000]);
      assert.equal(await storedSha256(asset.url), sha256(wav));
    });
  });

  describe('aborting', () => {
    it('ends the wait after a dropped PUT at once, with the signal’s reason', async () => {
      inject(isPut, { cutAfterBytes: CUT_AFTER_BYTES });
      const controller = new AbortController();
      const reason = new Error('user cancelled');
      const started = performance.now();

      const error = await client({
        baseDelayMs: 60_000,
        sleep: undefined,
        onRetry: () => setTimeout(() => controller.abort(reason), 20),
      })
        .uploadFile(wavPath, { signal: controller.signal })
        .catch((caught: unknown) => caught);
      const elapsedMs = performance.now() - started;

      assert.equal(error, reason);
      assert.deepEqual(seen(isPut), ['cut']);
      assert.ok(elapsedMs < 2000, `took ${elapsedMs.toFixed(0)} ms`);
    });
  });

  describe('an expired upload URL', () => {
    const expired: Fault = {
      answer: 403,
      json: { error: 'The upload URL has expired.', code: 'upload_url_expired', data: null },
    };

    it('is replaced by a fresh one and the upload run again', async () => {
      inject(isPut, expired);

      const asset = await client().uploadFile(wavPath);

      assert.deepEqual(seen(isPresign), ['forwarded', 'forwarded']);
      assert.deepEqual(seen(isPut), ['answered', 'forwarded']);
      const [firstPut, secondPut] = proxy.requests.filter(isPut) as [
        ProxiedRequest,
        ProxiedRequest,
      ];
      assert.notEqual(firstPut.path, secondPut.path);
      assert.equal(secondPut.path, `/v1/uploads/${asset.assetId}`);
      assert.equal(events.length, 1);
      assert.equal(events[0]?.reason, 'upload_url_expired');
      assert.equal(events[0]?.method, 'PUT');
      assert.match(events[0]?.url ?? '', /\/v1\/uploads\/\w+\?\[redacted\]$/);
      assert.equal(await storedSha256(asset.url), sha256(wav));
    });

    it('gets a new v3 slot, asked for with a new Idempotency-Key', async () => {
      inject(isPut, expired);

      const asset = await client().uploadFileDirect(wavPath);

      const slots = proxy.requests.filter(isDirectUpload);
      assert.equal(slots.length, 2);
      assert.notEqual(slots[0]?.headers['idempotency-key'], slots[1]?.headers['idempotency-key']);
      assert.deepEqual(seen(isPut), ['answered', 'forwarded']);
      assert.equal(await storedSha256(asset.url), sha256(wav));
    });

    it('gives up after two fresh URLs expired as well', async () => {
      inject(isPut, expired, expired, expired);

      const error = await client()
        .uploadFile(wavPath)
        .catch((caught: unknown) => caught);

      assert.ok(error instanceof ApiError);
      assert.equal(error.code, 'upload_url_expired');
      assert.deepEqual(seen(isPresign), ['forwarded', 'forwarded', 'forwarded']);
      assert.deepEqual(
        events.map((event) => [event.reason, event.retry]),
        [
          ['upload_url_expired', 1],
          ['upload_url_expired', 2],
        ],
      );
    });
  });

  describe('an answer lost after the server stored the file', () => {
    it('is recovered: the retry is refused as already_uploaded and the stored asset read', async () => {
      inject(isPut, { loseAnswer: true });

      const asset = await client({ sleep: recordAndWait }).uploadFile(wavPath);

      assert.deepEqual(seen(isPut), ['answer lost', 'forwarded']);
      assert.deepEqual(
        proxy.requests.map(
          (request) => `${request.method} ${request.path.replace(/[0-9a-f]{32}/, 'ID')}`,
        ),
        ['POST /v1/asset', 'PUT /v1/uploads/ID', 'PUT /v1/uploads/ID', 'GET /v3/assets/ID'],
      );
      assert.equal(events[0]?.reason, 'network');
      assert.equal(asset.sha256, sha256(wav));
      assert.equal(asset.sizeBytes, wav.byteLength);
      assert.equal(asset.mimeType, 'audio/wav');
      assert.equal(await storedSha256(asset.url), sha256(wav));
    });

    it('is not taken for success when the stored bytes are not the ones sent', async () => {
      const other = noisyWav();
      const { uploadUrl } = await client().getUploadUrl('audio/wav', {});
      const put = await fetch(uploadUrl, {
        method: 'PUT',
        headers: { 'content-type': 'audio/wav' },
        body: other,
      });
      assert.equal(put.status, 200);
      proxy.requests.length = 0;
      // The SDK asks for a URL, and the proxy hands it the one already used for other bytes.
      inject(isPresign, {
        answer: 200,
        json: {
          error: null,
          data: { url: uploadUrl, asset_id: new URL(uploadUrl).pathname.split('/').at(-1) },
        },
      });
      inject(isPut, { loseAnswer: true });

      const error = await client({ sleep: recordAndWait })
        .uploadFile(wavPath)
        .catch((caught: unknown) => caught);

      assert.ok(error instanceof ApiError);
      assert.equal(error.code, 'already_uploaded');
    });
  });

  describe('answers a retry cannot change', () => {
    it('fails at once on a 400, with the server’s code, message and request id', async () => {
      inject(isPresign, {
        answer: 400,
        json: { error: 'size_bytes must be a whole number.', code: 'invalid_request', data: null },
      });

      const error = await client()
        .uploadFile(wavPath)
        .catch((caught: unknown) => caught);

      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 400);
      assert.equal(error.code, 'invalid_request');
      assert.equal(error.serverMessage, 'size_bytes must be a whole number.');
      assert.equal(error.requestId, 'req-proxy');
      assert.equal(proxy.requests.length, 1);
      assert.deepEqual(events, []);
    });

    it('fails at once when the server itself refuses the bytes (400 checksum_mismatch)', async () => {
      const error = await client()
        .uploadFile(wavPath, { checksumSha256: '0'.repeat(64) })
        .catch((caught: unknown) => caught);

      assert.ok(error instanceof ApiError);
      assert.equal(error.status, 400);
      assert.equal(error.code, 'checksum_mismatch');
      assert.match(error.requestId ?? '', /\S/);
      assert.deepEqual(seen(isPut), ['forwarded']);
      assert.deepEqual(events, []);
    });
  });
});
