import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  HeygenAssets,
  MAX_UPLOAD_URL_REFRESHES,
  type RetryEvent,
  StreamNotRetriedError,
} from '@heygen-assets/client';
import {
  makeJpeg,
  makePng,
  makeWav,
  type StubServer,
  startStubServer,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
} from '@heygen-assets/testkit';

/** Lifetime of the test server's upload URLs, in seconds: as short as the server allows. */
const UPLOAD_URL_TTL_SECONDS = 1;
/**
 * How long the proxy holds a PUT before passing it on, in milliseconds. Expiry is checked in
 * whole seconds, so a URL of 1 s lives between 1 and 2 s: past 2 s it has surely expired.
 */
const HOLD_MS = 2100;

/** What the proxy does with a PUT: hold it until its URL expired, or refuse it as expired. */
type PutFate = 'hold' | 'refuse as expired' | undefined;

interface SeenPut {
  path: string;
  sizeBytes: number;
  fate: PutFate;
  /** The status the client was answered with. */
  status: number;
}

interface DelayingProxy extends StubServer {
  puts: SeenPut[];
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function served(url: string | null | undefined): Promise<string> {
  const response = await fetch(url ?? '');
  assert.equal(response.status, 200);
  return sha256(Buffer.from(await response.arrayBuffer()));
}

/**
 * A loopback proxy in front of the test server: every request is passed on (its body buffered
 * first), except that `fateOf` may hold a PUT for `HOLD_MS` first, or refuse it the way the
 * server refuses an expired URL.
 */
async function startDelayingProxy(
  target: () => string,
  fateOf: (sizeBytes: number) => PutFate,
): Promise<DelayingProxy> {
  const puts: SeenPut[] = [];
  const stub = await startStubServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', async () => {
      const body = Buffer.concat(chunks);
      if (incoming.method !== 'PUT') return forward(incoming, body, response, target());

      const put: SeenPut = {
        path: new URL(incoming.url ?? '/', 'http://proxy').pathname,
        sizeBytes: body.byteLength,
        fate: fateOf(body.byteLength),
        status: 0,
      };
      puts.push(put);
      response.on('finish', () => (put.status = response.statusCode));
      if (put.fate === 'refuse as expired') return refuseAsExpired(response);
      if (put.fate === 'hold') await sleep(HOLD_MS);
      forward(incoming, body, response, target());
    });
  });
  return { ...stub, puts };
}

function forward(incoming: IncomingMessage, body: Buffer, response: ServerResponse, to: string) {
  const upstream = httpRequest(new URL(incoming.url ?? '/', to), {
    method: incoming.method,
    headers: incoming.headers,
  });
  upstream.on('error', () => response.destroy());
  upstream.on('response', (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  upstream.end(body);
}

function refuseAsExpired(response: ServerResponse) {
  response.writeHead(403, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      data: null,
      error: 'The upload URL has expired.',
      code: 'upload_url_expired',
    }),
  );
}

describe('uploadBatch when upload URLs expire before the bytes get there', () => {
  let jpeg: Buffer;
  let png: Buffer;
  let wav: Buffer;
  let test: TestServer | undefined;
  let proxy: DelayingProxy | undefined;
  let events: RetryEvent[];

  before(async () => {
    jpeg = await makeJpeg();
    png = await makePng();
    wav = makeWav();
  });
  afterEach(async () => {
    await proxy?.close();
    await test?.close();
  });

  /**
   * A server with 1-second upload URLs behind the proxy (its upload URLs lead through it),
   * and a client of it that records retry events. The PNG's PUTs meet `fates` in turn.
   */
  async function setUp(fates: PutFate[], retries?: number): Promise<HeygenAssets> {
    let boundUrl = '';
    const pending = [...fates];
    proxy = await startDelayingProxy(
      () => boundUrl,
      (sizeBytes) => (sizeBytes === png.byteLength ? pending.shift() : undefined),
    );
    test = await startTestServer({
      publicUrl: proxy.url,
      uploadUrlTtlSeconds: UPLOAD_URL_TTL_SECONDS,
    });
    // `test.url` is the public URL, the proxy's own; requests go on to the bound address.
    const { port } = test.server.app.server.address() as AddressInfo;
    boundUrl = `http://127.0.0.1:${port}`;
    events = [];
    return new HeygenAssets({
      apiKey: TEST_API_KEY,
      baseUrl: proxy.url,
      cache: false,
      retry: { retries, onRetry: (event) => events.push(event) },
    });
  }

  it('sends a file whose URL expired again, in a new batch with a fresh URL', async () => {
    const client = await setUp(['hold']);
    const progress: Array<[number, number, number]> = [];

    const summary = await client.uploadBatch([jpeg, png, wav], {
      title: 'Late',
      concurrency: 3,
      onProgress: (index, sent, total) => progress.push([index, sent, total]),
    });

    assert.equal(summary.completed, 3);
    assert.equal(summary.failed, 0);
    assert.equal(summary.batchIds.length, 2);
    const [first, second] = summary.batchIds as [string, string];
    assert.deepEqual(
      summary.items.map((item) => item.batchId),
      [first, second, first],
    );
    // The server itself refused the held PUT: the proxy only delayed it.
    const pngPuts = proxy?.puts.filter((put) => put.sizeBytes === png.byteLength) ?? [];
    assert.deepEqual(
      pngPuts.map((put) => [put.fate, put.status]),
      [
        ['hold', 403],
        [undefined, 200],
      ],
    );
    assert.equal(pngPuts[1]?.path, `/v1/uploads/${summary.items[1]?.assetId}`);
    assert.notEqual(pngPuts[0]?.path, pngPuts[1]?.path);
    assert.deepEqual(
      events.map((event) => [event.reason, event.method, event.retry]),
      [['upload_url_expired', 'PUT', 1]],
    );

    const hashes = await Promise.all(
      summary.items.map(async (item) => served((await client.get(item.assetId ?? '')).url)),
    );
    assert.deepEqual(hashes, [sha256(jpeg), sha256(png), sha256(wav)]);
    // Each attempt ended with all its bytes handed over: the PNG twice, the others once.
    const finished = (index: number) =>
      progress.filter(([at, sent, total]) => at === index && sent === total).length;
    assert.deepEqual([finished(0), finished(1), finished(2)], [1, 2, 1]);

    // The expired item was completed with its batch, so it ends failed instead of pending.
    const oldBatch = await client.getBatch(first);
    assert.equal(oldBatch.items.length, 3);
    const expiredItem = oldBatch.items.find((item) => item.itemIndex === 1);
    assert.equal(expiredItem?.status, 'failed');
    assert.equal(pngPuts[0]?.path, `/v1/uploads/${expiredItem?.assetId}`);
    const newBatch = await client.getBatch(second);
    assert.equal(newBatch.title, 'Late');
    assert.deepEqual(
      newBatch.items.map((item) => [item.assetId, item.status]),
      [[summary.items[1]?.assetId, 'completed']],
    );
  });

  it('with retries off, reports the expired file as upload_url_expired and keeps the others', async () => {
    const client = await setUp(['hold'], 0);

    const summary = await client.uploadBatch([jpeg, png, wav], { concurrency: 3 });

    assert.equal(summary.batchIds.length, 1);
    assert.deepEqual(
      summary.items.map((item) => [item.status, item.error?.code ?? null]),
      [
        ['completed', null],
        ['failed', 'upload_url_expired'],
        ['completed', null],
      ],
    );
    assert.equal(events.length, 0);
    assert.equal(proxy?.puts.filter((put) => put.sizeBytes === png.byteLength).length, 1);
  });

  it('does not send a stream twice: its file fails with stream_not_retried', async () => {
    const client = await setUp(['hold']);
    const stream = { source: Readable.from([png]), sizeBytes: png.byteLength };

    const summary = await client.uploadBatch([jpeg, stream, wav], { concurrency: 3 });

    assert.equal(summary.batchIds.length, 1);
    assert.deepEqual(
      summary.items.map((item) => [item.status, item.error?.code ?? null]),
      [
        ['completed', null],
        ['failed', 'stream_not_retried'],
        ['completed', null],
      ],
    );
    assert.ok(summary.items[1]?.cause instanceof StreamNotRetriedError);
    assert.match(summary.items[1]?.error?.message ?? '', /upload URL expired at /);
  });

  it(`gives up after ${MAX_UPLOAD_URL_REFRESHES} fresh URLs expired as well`, async () => {
    const client = await setUp(['refuse as expired', 'refuse as expired', 'refuse as expired']);

    const summary = await client.uploadBatch([jpeg, png, wav], { concurrency: 3 });

    assert.equal(summary.batchIds.length, 1 + MAX_UPLOAD_URL_REFRESHES);
    assert.deepEqual(
      summary.items.map((item) => [item.status, item.error?.code ?? null]),
      [
        ['completed', null],
        ['failed', 'upload_url_expired'],
        ['completed', null],
      ],
    );
    assert.equal(summary.items[1]?.batchId, summary.batchIds[MAX_UPLOAD_URL_REFRESHES]);
    assert.deepEqual(
      events.map((event) => [event.reason, event.retry]),
      [
        ['upload_url_expired', 1],
        ['upload_url_expired', 2],
      ],
    );
  });
});
