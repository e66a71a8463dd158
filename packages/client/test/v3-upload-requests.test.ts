import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  ApiError,
  BATCH_POLL_FIRST_DELAY_MS,
  HeygenAssets,
  TimeoutError,
  UnexpectedResponseError,
} from '@heygen-assets/client';
import { MediaRejectedError } from '@heygen-assets/core';
import { makeJpeg, makePng } from '@heygen-assets/testkit';
import {
  pathOf,
  queryOf,
  type RecordedRequest,
  type StubAnswer,
  startRecordingStub,
} from './support/recording-stub.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function slotJson(url: string, assetId: string, sizeBytes: number, headers = {}) {
  return {
    asset_id: assetId,
    upload_url: `${url}/put/${assetId}?signature=s3cr3t`,
    upload_headers: {
      'Content-Type': 'image/jpeg',
      'Content-Length': String(sizeBytes),
      ...headers,
    },
    expires_in_seconds: 3600,
    max_bytes: sizeBytes,
    status: 'pending_upload',
  };
}

describe('uploadFileDirect, request by request', () => {
  it('declares size and checksum, PUTs with exactly the upload headers, then completes', async () => {
    const jpeg = await makeJpeg();
    const stub = await startRecordingStub((request, url): StubAnswer => {
      if (pathOf(request) === '/v3/assets/direct-uploads') {
        const slot = slotJson(url, 'a1', jpeg.byteLength, { 'X-Upload-Token': 'tok-1' });
        return { status: 200, json: { data: slot } };
      }
      if (request.method === 'PUT') return { status: 200, text: '' };
      return {
        status: 200,
        json: {
          data: {
            asset_id: 'a1',
            url: 'http://files.test/asset/a1',
            mime_type: 'image/jpeg',
            size_bytes: jpeg.byteLength,
            status: 'completed',
          },
        },
      };
    });
    const client = new HeygenAssets({ apiKey: 'key-1', baseUrl: stub.url });

    const asset = await client.uploadFileDirect(jpeg, { filename: 'a.jpg', folderId: 'f1' });
    await stub.close();

    assert.deepEqual(asset, {
      assetId: 'a1',
      url: 'http://files.test/asset/a1',
      mimeType: 'image/jpeg',
      sizeBytes: jpeg.byteLength,
      sha256: sha256(jpeg),
    });
    const [create, put, complete] = stub.requests as [
      RecordedRequest,
      RecordedRequest,
      RecordedRequest,
    ];
    assert.equal(stub.requests.length, 3);

    assert.equal(create.method, 'POST');
    assert.equal(create.headers['x-api-key'], 'key-1');
    assert.equal(create.headers['content-type'], 'application/json');
    assert.match(String(create.headers['idempotency-key']), UUID);
    assert.deepEqual(JSON.parse(create.body), {
      filename: 'a.jpg',
      content_type: 'image/jpeg',
      size_bytes: jpeg.byteLength,
      checksum_sha256: sha256(jpeg),
      folder_id: 'f1',
    });

    assert.equal(put.url, '/put/a1?signature=s3cr3t');
    const { host, connection, 'user-agent': userAgent, ...putHeaders } = put.headers;
    assert.deepEqual(putHeaders, {
      'content-type': 'image/jpeg',
      'content-length': String(jpeg.byteLength),
      'x-upload-token': 'tok-1',
    });
    assert.deepEqual(put.bytes, jpeg);

    assert.equal(`${complete.method} ${complete.url}`, 'POST /v3/assets/a1/complete');
    assert.equal(complete.headers['x-api-key'], 'key-1');
    assert.equal(complete.headers['content-length'], '0');
    assert.match(String(complete.headers['idempotency-key']), UUID);
    assert.notEqual(complete.headers['idempotency-key'], create.headers['idempotency-key']);
  });

  it('a file refused locally sends no request at all', async () => {
    const stub = await startRecordingStub(() => ({ status: 500, json: {} }));
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    const error = await client
      .uploadFileDirect(Buffer.from('GIF89a not accepted'))
      .catch((caught: unknown) => caught);
    await stub.close();

    assert.ok(error instanceof MediaRejectedError);
    assert.equal(error.code, 'unsupported_media_type');
    assert.equal(stub.requests.length, 0);
  });

  it('upload headers asking for another Content-Length fail before the PUT', async () => {
    const jpeg = await makeJpeg();
    const stub = await startRecordingStub((_request, url) => ({
      status: 200,
      json: { data: slotJson(url, 'a1', jpeg.byteLength + 1) },
    }));
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    const error = await client.uploadFileDirect(jpeg).catch((caught: unknown) => caught);
    await stub.close();

    assert.ok(error instanceof UnexpectedResponseError);
    assert.equal(
      error.message,
      `POST ${stub.url}/v3/assets/direct-uploads answered 200 with a body whose "upload_headers" ` +
        `asks for Content-Length ${jpeg.byteLength + 1}, not the ${jpeg.byteLength} bytes declared`,
    );
    assert.equal(stub.requests.length, 1);
  });

  it('an upload URL that is not http(s) fails before anything is sent there', async () => {
    const jpeg = await makeJpeg();
    const stub = await startRecordingStub((_request, url) => ({
      status: 200,
      json: { data: { ...slotJson(url, 'a1', jpeg.byteLength), upload_url: 'file:///etc/passwd' } },
    }));
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    const error = await client.uploadFileDirect(jpeg).catch((caught: unknown) => caught);
    await stub.close();

    assert.ok(error instanceof UnexpectedResponseError);
    assert.match(error.message, /"data\.upload_url" is not an http\(s\) URL$/);
  });

  it('a refused PUT fails with its ApiError, the signature kept out of the message', async () => {
    const jpeg = await makeJpeg();
    const stub = await startRecordingStub((request, url) =>
      request.method === 'PUT'
        ? {
            status: 403,
            json: { error: { code: 'signature_mismatch', message: 'The signature is wrong.' } },
          }
        : { status: 200, json: { data: slotJson(url, 'a1', jpeg.byteLength) } },
    );
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    const error = await client.uploadFileDirect(jpeg).catch((caught: unknown) => caught);
    await stub.close();

    assert.ok(error instanceof ApiError);
    assert.equal(error.code, 'signature_mismatch');
    assert.equal(error.url, `${stub.url}/put/a1?[redacted]`);
    assert.ok(!error.message.includes('s3cr3t'));
    assert.equal(stub.requests.length, 2, 'no /complete after a refused PUT');
  });
});

interface BatchScript {
  /** Item statuses for each look at the batch, last one repeated. */
  looks: Array<Array<{ status: string; error?: unknown }>>;
  /** Indexes whose PUT the upload URL refuses. */
  refusedPuts?: number[];
  /** Items per status page; the paging fields go inside `data`, as heygen-assets sends them. */
  pageSize?: number;
}

/** A stub of the v3 batch endpoints, answering status looks from `script`. */
function startBatchStub(script: BatchScript) {
  let looks = 0;
  return startRecordingStub((request, url): StubAnswer => {
    const path = pathOf(request);
    if (path === '/v3/assets/direct-uploads/batches') {
      const files = (JSON.parse(request.body) as { files: Array<{ size_bytes: number }> }).files;
      const items = files.map((file, index) => ({
        item_index: index,
        ...slotJson(url, `asset-${index}`, file.size_bytes),
      }));
      return { status: 200, json: { data: { batch_id: 'b1', items: items.reverse() } } };
    }
    if (request.method === 'PUT') {
      const index = Number(path.split('-').at(-1));
      if (script.refusedPuts?.includes(index)) {
        return { status: 403, json: { error: { code: 'signature_mismatch', message: 'No.' } } };
      }
      return { status: 200, text: '' };
    }
    if (path === '/v3/assets/complete/batches') {
      return { status: 202, json: { data: { batch_id: 'b1' } } };
    }

    const token = Number(queryOf(request, 'token') ?? '0');
    if (token === 0) looks += 1;
    const items = (script.looks[Math.min(looks, script.looks.length) - 1] ?? []).map(
      (item, index) => ({ item_index: index, video_id: `asset-${index}`, error: null, ...item }),
    );
    const size = script.pageSize ?? items.length;
    const end = token + size;
    return {
      status: 200,
      json: {
        data: {
          batch_id: 'b1',
          status: 'processing',
          total_items: items.length,
          counts_by_status: {},
          created_at: 1_700_000_000,
          title: null,
          items: items.slice(token, end),
          has_more: end < items.length,
          next_token: end < items.length ? String(end) : null,
        },
      },
    };
  });
}

describe('uploadBatch, request by request', () => {
  it('creates, PUTs, completes, then polls with growing pauses until every item settles', async () => {
    const files = [await makeJpeg(), await makePng(), await makeJpeg({ width: 10, height: 10 })];
    const failure = { code: 'corrupt_media', message: 'Truncated.' };
    const stub = await startBatchStub({
      looks: [
        [{ status: 'queued' }, { status: 'queued' }, { status: 'queued' }],
        [{ status: 'completed' }, { status: 'processing' }, { status: 'queued' }],
        [{ status: 'completed' }, { status: 'failed', error: failure }, { status: 'completed' }],
      ],
      pageSize: 2,
    });
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    const summary = await client.uploadBatch(files, { title: 'T', concurrency: 2 });
    await stub.close();

    assert.deepEqual(summary, {
      batchIds: ['b1'],
      items: [
        {
          index: 0,
          status: 'completed',
          filename: 'upload.jpg',
          assetId: 'asset-0',
          batchId: 'b1',
          error: null,
        },
        {
          index: 1,
          status: 'failed',
          filename: 'upload.png',
          assetId: 'asset-1',
          batchId: 'b1',
          error: failure,
        },
        {
          index: 2,
          status: 'completed',
          filename: 'upload.jpg',
          assetId: 'asset-2',
          batchId: 'b1',
          error: null,
        },
      ],
      completed: 2,
      failed: 1,
    });

    const create = stub.requests[0] as RecordedRequest;
    assert.match(String(create.headers['idempotency-key']), UUID);
    assert.deepEqual(JSON.parse(create.body), {
      files: files.map((bytes, index) => ({
        filename: index === 1 ? 'upload.png' : 'upload.jpg',
        content_type: index === 1 ? 'image/png' : 'image/jpeg',
        size_bytes: bytes.byteLength,
        checksum_sha256: sha256(bytes),
      })),
      title: 'T',
    });
    const puts = stub.requests.filter((request) => request.method === 'PUT');
    assert.deepEqual(puts.map(pathOf).sort(), ['/put/asset-0', '/put/asset-1', '/put/asset-2']);
    assert.ok(puts.every((put) => put.headers['x-api-key'] === undefined));
    const complete = stub.requests[4] as RecordedRequest;
    assert.equal(`${complete.method} ${complete.url}`, 'POST /v3/assets/complete/batches');
    assert.deepEqual(JSON.parse(complete.body), { batch_id: 'b1' });
    assert.match(String(complete.headers['idempotency-key']), UUID);
    assert.deepEqual(
      stub.requests.slice(5).map((request) => request.url),
      [
        '/v3/assets/batches/b1',
        '/v3/assets/batches/b1?token=2',
        '/v3/assets/batches/b1',
        '/v3/assets/batches/b1?token=2',
        '/v3/assets/batches/b1',
        '/v3/assets/batches/b1?token=2',
      ],
    );
  });

  it('pauses 250 ms, then 500 ms between looks', async () => {
    const stub = await startBatchStub({
      looks: [[{ status: 'queued' }], [{ status: 'processing' }], [{ status: 'completed' }]],
    });
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    await client.uploadBatch([await makeJpeg()]);
    await stub.close();

    const looks = stub.requests.filter((request) => request.method === 'GET');
    assert.equal(looks.length, 3);
    const [first, second, third] = looks.map((request) => request.receivedAt) as number[];
    // A timer may fire a millisecond early; the request after it only adds time.
    assert.ok((second ?? 0) - (first ?? 0) >= BATCH_POLL_FIRST_DELAY_MS - 2);
    assert.ok((third ?? 0) - (second ?? 0) >= BATCH_POLL_FIRST_DELAY_MS * 2 - 2);
  });

  it('an item whose PUT is refused fails with that error; the others are not held up', async () => {
    const stub = await startBatchStub({
      refusedPuts: [1],
      looks: [[{ status: 'completed' }, { status: 'pending_upload' }]],
    });
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    const summary = await client.uploadBatch([await makeJpeg(), await makeJpeg()]);
    await stub.close();

    assert.deepEqual(
      summary.items.map((item) => [item.status, item.assetId, item.error]),
      [
        ['completed', 'asset-0', null],
        ['failed', 'asset-1', { code: 'signature_mismatch', message: 'No.' }],
      ],
    );
    assert.ok(summary.items[1]?.cause instanceof ApiError);
    assert.equal(stub.requests.filter((request) => request.method === 'GET').length, 1);
  });

  it('gives up after pollTimeoutMs with a TimeoutError naming the batch status URL', async () => {
    const stub = await startBatchStub({ looks: [[{ status: 'processing' }]] });
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    const error = await client
      .uploadBatch([await makeJpeg()], { pollTimeoutMs: 600 })
      .catch((caught: unknown) => caught);
    await stub.close();

    assert.ok(error instanceof TimeoutError);
    assert.equal(error.timeoutMs, 600);
    assert.equal(error.url, `${stub.url}/v3/assets/batches/b1`);
    assert.equal(
      error.message,
      `GET ${stub.url}/v3/assets/batches/b1 failed: no progress for 600 ms`,
    );
  });

  it('an abort while polling rejects with the signal reason and stops looking', async () => {
    const stub = await startBatchStub({ looks: [[{ status: 'processing' }]] });
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    setTimeout(() => controller.abort(reason), 400);

    const error = await client
      .uploadBatch([await makeJpeg()], { signal: controller.signal })
      .catch((caught: unknown) => caught);
    const looks = stub.requests.filter((request) => request.method === 'GET').length;
    await new Promise((resolve) => setTimeout(resolve, 600));
    await stub.close();

    assert.equal(error, reason);
    assert.equal(stub.requests.filter((request) => request.method === 'GET').length, looks);
  });

  it('a batch answer without one slot per file fails with UnexpectedResponseError', async () => {
    const stub = await startRecordingStub((_request, url) => ({
      status: 200,
      json: { data: { batch_id: 'b1', items: [{ item_index: 0, ...slotJson(url, 'a', 1) }] } },
    }));
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    const error = await client
      .uploadBatch([await makeJpeg(), await makeJpeg()])
      .catch((caught: unknown) => caught);
    await stub.close();

    assert.ok(error instanceof UnexpectedResponseError);
    assert.match(error.message, /"items" hold 1 slots for 2 files$/);
  });
});
