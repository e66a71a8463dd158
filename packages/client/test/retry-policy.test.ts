import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ApiError,
  DEFAULT_RETRIES,
  HeygenAssets,
  NetworkError,
  type RetryEvent,
  type RetryOptions,
  TimeoutError,
} from '@heygen-assets/client';
import { closedPort, startStubServer } from '@heygen-assets/testkit';
import { retryAfterMs } from '../src/retry/retry-after.js';
import {
  type RecordingStub,
  type StubAnswer,
  startRecordingStub,
} from './support/recording-stub.js';

const UPLOAD_URL_JSON = {
  error: null,
  data: { url: 'http://127.0.0.1:9/v1/uploads/a?signature=s', asset_id: 'a' },
};

const unavailable: StubAnswer = {
  status: 503,
  json: { error: 'Down for maintenance.', code: 'internal_error', data: null },
};
const ok: StubAnswer = { status: 200, json: UPLOAD_URL_JSON };

/** A stub answering its requests with `answers` in turn, the last one repeated. */
function scriptedStub(...answers: StubAnswer[]): Promise<RecordingStub> {
  let next = 0;
  return startRecordingStub(() => answers[Math.min(next++, answers.length - 1)] as StubAnswer);
}

/** Waits recorded instead of waited, and the events `onRetry` saw. */
function recorder() {
  const delays: number[] = [];
  const events: RetryEvent[] = [];
  const retry: RetryOptions = {
    sleep: async (delayMs) => {
      delays.push(delayMs);
    },
    onRetry: (event) => events.push(event),
  };
  return { delays, events, retry };
}

function clientFor(url: string, retry: RetryOptions): HeygenAssets {
  return new HeygenAssets({ apiKey: 'k', baseUrl: url, cache: false, retry });
}

describe('the retry policy', () => {
  it('retries 4 times by default, waiting 500, 1000, 2000 and 4000 ms at the top of the jitter', async () => {
    const stub = await scriptedStub(unavailable);
    const { delays, events, retry } = recorder();

    const error = await clientFor(stub.url, { ...retry, random: () => 1 })
      .getUploadUrl('image/jpeg')
      .catch((caught: unknown) => caught);
    await stub.close();

    assert.equal(DEFAULT_RETRIES, 4);
    assert.equal(stub.requests.length, 5);
    assert.deepEqual(delays, [500, 1000, 2000, 4000]);
    assert.deepEqual(
      events.map((event) => [event.reason, event.retry, event.delayMs]),
      [
        ['server_error', 1, 500],
        ['server_error', 2, 1000],
        ['server_error', 3, 2000],
        ['server_error', 4, 4000],
      ],
    );
    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 503);
    assert.equal(error.serverMessage, 'Down for maintenance.');
    assert.equal(error.requestId, 'req-stub');
  });

  it('follows the configured retries, base and maximum delay', async () => {
    const stub = await scriptedStub(unavailable);
    const { delays, retry } = recorder();
    const policy = { ...retry, retries: 3, baseDelayMs: 100, maxDelayMs: 250, random: () => 1 };

    await assert.rejects(clientFor(stub.url, policy).getUploadUrl('image/jpeg'), ApiError);
    await stub.close();

    assert.equal(stub.requests.length, 4);
    assert.deepEqual(delays, [100, 200, 250]);
  });

  it('draws each wait between 0 and its ceiling (full jitter)', async () => {
    const stub = await scriptedStub(unavailable);
    const { delays, retry } = recorder();
    const draws = [0.5, 0, 0.25];
    const policy = { ...retry, retries: 3, baseDelayMs: 1000, random: () => draws.shift() ?? 1 };

    await assert.rejects(clientFor(stub.url, policy).getUploadUrl('image/jpeg'), ApiError);
    await stub.close();

    assert.deepEqual(delays, [500, 0, 1000]);
  });

  it('stops retrying at the first success', async () => {
    const stub = await scriptedStub(unavailable, unavailable, ok);
    const { delays, retry } = recorder();

    const url = await clientFor(stub.url, { ...retry, random: () => 1 }).getUploadUrl('image/jpeg');
    await stub.close();

    assert.equal(url.assetId, 'a');
    assert.equal(stub.requests.length, 3);
    assert.deepEqual(delays, [500, 1000]);
  });

  it('sends nothing more with retries: 0', async () => {
    const stub = await scriptedStub(unavailable, ok);
    const { delays, events, retry } = recorder();

    await assert.rejects(
      clientFor(stub.url, { ...retry, retries: 0 }).getUploadUrl('image/jpeg'),
      ApiError,
    );
    await stub.close();

    assert.equal(stub.requests.length, 1);
    assert.deepEqual(delays, []);
    assert.deepEqual(events, []);
  });

  it('does not retry a method left out of methods', async () => {
    const stub = await scriptedStub(unavailable, ok);
    const { retry } = recorder();

    await assert.rejects(
      clientFor(stub.url, { ...retry, methods: ['GET', 'PUT'] }).getUploadUrl('image/jpeg'),
      ApiError,
    );
    await stub.close();

    assert.equal(stub.requests.length, 1);
  });

  it('does not retry a kind left out of kinds', async () => {
    const stub = await scriptedStub(unavailable, ok);
    const { retry } = recorder();

    await assert.rejects(
      clientFor(stub.url, { ...retry, kinds: ['network', 'rate_limited'] }).getUploadUrl(
        'image/jpeg',
      ),
      ApiError,
    );
    await stub.close();

    assert.equal(stub.requests.length, 1);
  });

  for (const status of [400, 401, 403, 404, 409, 413, 415, 422]) {
    it(`fails at once on ${status}`, async () => {
      const stub = await scriptedStub({
        status,
        json: { error: 'No.', code: 'something_else', data: null },
      });
      const { events, retry } = recorder();

      const error = await clientFor(stub.url, retry)
        .getUploadUrl('image/jpeg')
        .catch((caught: unknown) => caught);
      await stub.close();

      assert.ok(error instanceof ApiError);
      assert.equal(error.status, status);
      assert.equal(error.serverCode, 'something_else');
      assert.equal(stub.requests.length, 1);
      assert.deepEqual(events, []);
    });
  }

  it('retries 408, 429, 500, 502, 504 and 409 request_in_progress, naming each kind', async () => {
    const stub = await scriptedStub(
      { status: 408, json: {} },
      { status: 429, json: {} },
      { status: 500, json: {} },
      { status: 502, text: '<html>Bad gateway</html>' },
      { status: 409, json: { error: { code: 'request_in_progress', message: 'Still going.' } } },
      ok,
    );
    const { events, retry } = recorder();

    await clientFor(stub.url, { ...retry, retries: 5 }).getUploadUrl('image/jpeg');
    await stub.close();

    assert.deepEqual(
      events.map((event) => event.reason),
      ['timeout', 'rate_limited', 'server_error', 'server_error', 'in_progress'],
    );
    assert.equal(stub.requests.length, 6);
  });

  it('describes each retry to onRetry: method, redacted URL, delay and error', async () => {
    const stub = await scriptedStub(unavailable, ok);
    const { events, retry } = recorder();

    await clientFor(`${stub.url}/prefix`, { ...retry, random: () => 1 }).getUploadUrl('image/jpeg');
    await stub.close();

    const [event] = events as [RetryEvent];
    assert.equal(event.reason, 'server_error');
    assert.equal(event.method, 'POST');
    assert.equal(event.url, `${stub.url}/prefix/v1/asset`);
    assert.equal(event.retry, 1);
    assert.equal(event.delayMs, 500);
    assert.equal(event.retryAfterMs, undefined);
    assert.ok(event.error instanceof ApiError);
    assert.equal(event.error.status, 503);
  });

  it('fails the call with the error onRetry throws', async () => {
    const stub = await scriptedStub(unavailable, ok);
    const stop = new Error('no retries for me');

    await assert.rejects(
      clientFor(stub.url, {
        onRetry: () => {
          throw stop;
        },
      }).getUploadUrl('image/jpeg'),
      (error: unknown) => error === stop,
    );
    await stub.close();

    assert.equal(stub.requests.length, 1);
  });

  it('refuses options that cannot work', () => {
    const make = (retry: RetryOptions) => () => new HeygenAssets({ apiKey: 'k', retry });

    assert.throws(make({ retries: -1 }), {
      name: 'TypeError',
      message: 'retry.retries must be a whole number ≥ 0, not -1.',
    });
    assert.throws(make({ retries: 1.5 }), TypeError);
    assert.throws(make({ baseDelayMs: Number.NaN }), {
      message: 'retry.baseDelayMs must be a number of milliseconds ≥ 0, not NaN.',
    });
    assert.throws(make({ kinds: ['network', 'teapot' as 'network'] }), {
      message: 'retry.kinds: unknown kind "teapot".',
    });
  });
});

describe('Retry-After', () => {
  it('waits the seconds it gives instead of the backoff', async () => {
    const stub = await scriptedStub({ ...unavailable, headers: { 'retry-after': '7' } }, ok);
    const { delays, events, retry } = recorder();

    await clientFor(stub.url, { ...retry, random: () => 1 }).getUploadUrl('image/jpeg');
    await stub.close();

    assert.deepEqual(delays, [7000]);
    assert.equal(events[0]?.retryAfterMs, 7000);
  });

  it('waits until the HTTP date it gives, measured on the injected clock', async () => {
    const now = Date.parse('2026-03-01T12:00:00Z');
    const stub = await scriptedStub(
      { status: 429, json: {}, headers: { 'retry-after': 'Sun, 01 Mar 2026 12:00:03 GMT' } },
      ok,
    );
    const { delays, retry } = recorder();

    await clientFor(stub.url, { ...retry, now: () => now }).getUploadUrl('image/jpeg');
    await stub.close();

    assert.deepEqual(delays, [3000]);
  });

  it('is cut to retryAfterCapMs', async () => {
    const stub = await scriptedStub({ ...unavailable, headers: { 'retry-after': '3600' } }, ok);
    const { delays, events, retry } = recorder();

    await clientFor(stub.url, { ...retry, retryAfterCapMs: 5000 }).getUploadUrl('image/jpeg');
    await stub.close();

    assert.deepEqual(delays, [5000]);
    assert.equal(events[0]?.retryAfterMs, 3_600_000);
  });

  it('falls back to the backoff when unreadable', async () => {
    const stub = await scriptedStub({ ...unavailable, headers: { 'retry-after': 'soon' } }, ok);
    const { delays, retry } = recorder();

    await clientFor(stub.url, { ...retry, random: () => 1 }).getUploadUrl('image/jpeg');
    await stub.close();

    assert.deepEqual(delays, [500]);
  });

  it('reads seconds, dates, past dates and nonsense', () => {
    const now = Date.parse('2026-03-01T12:00:00Z');

    assert.equal(retryAfterMs('0', now), 0);
    assert.equal(retryAfterMs(' 120 ', now), 120_000);
    assert.equal(retryAfterMs('Sun, 01 Mar 2026 12:01:00 GMT', now), 60_000);
    assert.equal(retryAfterMs('Sun, 01 Mar 2026 11:00:00 GMT', now), 0);
    assert.equal(retryAfterMs(['2', '9'], now), 2000);
    assert.equal(retryAfterMs(undefined, now), undefined);
    assert.equal(retryAfterMs('', now), undefined);
    assert.equal(retryAfterMs('-5', now), undefined);
    assert.equal(retryAfterMs('1.5', now), undefined);
    assert.equal(retryAfterMs('tomorrow', now), undefined);
    assert.equal(retryAfterMs('Sunday, 01-Mar-26 12:00:10 GMT', now), 10_000);
    assert.equal(retryAfterMs('Sun Mar  1 12:00:20 2026', now), 20_000);
  });
});

describe('retries on the connection', () => {
  it('retries a refused connection, then fails with its NetworkError', async () => {
    const port = await closedPort();
    const { delays, events, retry } = recorder();

    const error = await clientFor(`http://127.0.0.1:${port}`, {
      ...retry,
      retries: 2,
      random: () => 1,
    })
      .getUploadUrl('image/jpeg')
      .catch((caught: unknown) => caught);

    assert.ok(error instanceof NetworkError);
    assert.equal((error.cause as NodeJS.ErrnoException).code, 'ECONNREFUSED');
    assert.deepEqual(
      events.map((event) => event.reason),
      ['network', 'network'],
    );
    assert.deepEqual(delays, [500, 1000]);
  });

  it('retries a connection reset before any answer', async () => {
    let connections = 0;
    const stub = await startStubServer((request, response) => {
      connections += 1;
      if (connections === 1) {
        request.socket.destroy();
        return;
      }
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(UPLOAD_URL_JSON));
      });
    });
    const { events, retry } = recorder();

    const url = await clientFor(stub.url, retry).getUploadUrl('image/jpeg');
    await stub.close();

    assert.equal(url.assetId, 'a');
    assert.equal(connections, 2);
    assert.equal(events[0]?.reason, 'network');
    assert.ok(events[0]?.error instanceof NetworkError);
    assert.match(events[0].error.message, /socket hang up|ECONNRESET/);
  });

  it('retries after the idle timeout, as a timeout', async () => {
    let requests = 0;
    const stub = await startStubServer((request, response) => {
      requests += 1;
      if (requests === 1) return; // silent: the client's idle timeout ends it
      request.resume();
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(UPLOAD_URL_JSON));
      });
    });
    const { events, retry } = recorder();
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url, timeoutMs: 100, retry });

    const url = await client.getUploadUrl('image/jpeg');
    await stub.close();

    assert.equal(url.assetId, 'a');
    assert.equal(requests, 2);
    assert.equal(events[0]?.reason, 'timeout');
    assert.ok(events[0]?.error instanceof TimeoutError);
  });
});

describe('aborting', () => {
  it('ends a Retry-After wait at once, with the signal’s reason', async () => {
    const stub = await scriptedStub({ ...unavailable, headers: { 'retry-after': '30' } }, ok);
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const client = new HeygenAssets({
      apiKey: 'k',
      baseUrl: stub.url,
      cache: false,
      retry: { onRetry: () => setTimeout(() => controller.abort(reason), 50) },
    });
    const started = performance.now();

    const error = await client
      .getUploadUrl('image/jpeg', { signal: controller.signal })
      .catch((caught: unknown) => caught);
    const elapsedMs = performance.now() - started;
    await stub.close();

    assert.equal(error, reason);
    assert.equal(stub.requests.length, 1);
    assert.ok(elapsedMs < 1000, `took ${elapsedMs.toFixed(0)} ms`);
  });

  it('ends a backoff wait through the client-wide signal too', async () => {
    const stub = await scriptedStub(unavailable);
    const controller = new AbortController();
    const client = new HeygenAssets({
      apiKey: 'k',
      baseUrl: stub.url,
      signal: controller.signal,
      retry: { baseDelayMs: 60_000, random: () => 1, onRetry: () => controller.abort() },
    });
    const started = performance.now();

    const error = await client.getUploadUrl('image/jpeg').catch((caught: unknown) => caught);
    const elapsedMs = performance.now() - started;
    await stub.close();

    assert.ok(error instanceof DOMException);
    assert.equal(error.name, 'AbortError');
    assert.equal(stub.requests.length, 1);
    assert.ok(elapsedMs < 1000, `took ${elapsedMs.toFixed(0)} ms`);
  });
});
