import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ApiError, HeygenAssets } from '@heygen-assets/client';
import { AssetError, MediaRejectedError, MiB } from '@heygen-assets/core';
import {
  makeJpeg,
  makeTempDir,
  startTestServer,
  TEST_API_KEY,
  type TestServer,
  writeTempFile,
} from '@heygen-assets/testkit';
import { paddedStream } from './support/padded-stream.js';
import {
  type ReceivedPut,
  receivePut,
  STUB_SIGNATURE,
  sendJson,
  startPresignedStub,
} from './support/presigned-stub.js';

/** V8's `gc()`, made available at run time so the test needs no special Node flag. */
function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

let jpeg: Buffer;
let bigJpeg: Buffer;

before(async () => {
  jpeg = await makeJpeg();
  bigJpeg = await makeJpeg({ width: 4000, height: 4000 });
});

describe('the PUT of the bytes', () => {
  it('sends Content-Length, the detected Content-Type and no API key', async () => {
    let received: ReceivedPut | undefined;
    const stub = await startPresignedStub((request, response) => {
      receivePut(request).then((put) => {
        received = put;
        sendJson(response, 200, {
          asset_id: 'a',
          url: 'http://127.0.0.1/asset/a',
          mime_type: 'image/jpeg',
          size_bytes: put.sizeBytes,
          sha256: put.sha256,
        });
      });
    });
    const client = new HeygenAssets({ apiKey: 'key-1', baseUrl: stub.url });

    await client.uploadFile(jpeg, { contentType: 'image/jpg' });
    await stub.close();

    assert.equal(received?.headers['content-length'], String(jpeg.byteLength));
    assert.equal(received?.headers['content-type'], 'image/jpeg');
    assert.equal(received?.headers['x-api-key'], undefined);
    assert.equal(received?.headers['transfer-encoding'], undefined);
    assert.equal(received?.sizeBytes, jpeg.byteLength);
  });

  it('declares the detected type, the size and the path’s base name when asking for the URL', async () => {
    const created: unknown[] = [];
    const stub = await startPresignedStub(undefined, (body) => created.push(body));
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });
    const dir = await makeTempDir('heygen-client-name-');
    const path = await writeTempFile(dir, 'holiday photo.jpeg', jpeg);

    await client.uploadFile(path);
    await stub.close();
    await rm(dir, { recursive: true, force: true });

    assert.deepEqual(created, [
      { content_type: 'image/jpeg', filename: 'holiday photo.jpeg', size_bytes: jpeg.byteLength },
    ]);
  });

  it('never shows the upload URL’s signature in an error', async () => {
    const stub = await startPresignedStub((request, response) => {
      request.resume();
      request.on('end', () => {
        sendJson(response, 403, {
          error: 'The upload URL signature does not match.',
          code: 'signature_mismatch',
          data: null,
        });
      });
    });
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    const error = await client.uploadFile(jpeg).catch((caught: unknown) => caught);
    await stub.close();

    assert.ok(error instanceof ApiError);
    assert.equal(error.code, 'signature_mismatch');
    assert.equal(error.status, 403);
    assert.equal(error.requestId, 'req-1');
    assert.equal(
      error.message,
      `PUT ${stub.url}/v1/uploads/0123456789abcdef0123456789abcdef?[redacted] failed with 403 ` +
        'signature_mismatch: The upload URL signature does not match.',
    );
    assert.ok(!error.url.includes(STUB_SIGNATURE));
  });

  it('stops sending when the server refuses the upload before reading it', async () => {
    const stub = await startPresignedStub((_request, response) => {
      sendJson(response, 415, { error: 'No thanks.', code: 'unsupported_media_type', data: null });
    });
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });
    const totalBytes = 40 * MiB;
    let sentBytes = 0;

    const error = await client
      .uploadFile(paddedStream(jpeg, totalBytes), {
        sizeBytes: totalBytes,
        onProgress: (sent) => {
          sentBytes = sent;
        },
      })
      .catch((caught: unknown) => caught);
    await stub.close();

    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 415);
    assert.equal(error.serverMessage, 'No thanks.');
    assert.ok(sentBytes < totalBytes, `sent ${sentBytes} of ${totalBytes} bytes`);
  });

  it('fails with checksum_mismatch when the server reports other bytes than were sent', async () => {
    const stub = await startPresignedStub((request, response) => {
      receivePut(request).then((put) => {
        sendJson(response, 200, {
          asset_id: 'a',
          url: 'http://127.0.0.1/asset/a',
          mime_type: 'image/jpeg',
          size_bytes: put.sizeBytes,
          sha256: '0'.repeat(64),
        });
      });
    });
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    const error = await client.uploadFile(jpeg).catch((caught: unknown) => caught);
    await stub.close();

    assert.ok(error instanceof AssetError);
    assert.equal(error.code, 'checksum_mismatch');
  });

  it('holds far less than the file in memory while uploading 48 MiB', async () => {
    const stub = await startPresignedStub();
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });
    const totalBytes = 48 * MiB;
    const collectGarbage = garbageCollector();
    collectGarbage();
    const baseline = process.memoryUsage().arrayBuffers;
    let peak = baseline;
    let nextSampleBytes = 0;

    const asset = await client.uploadFile(paddedStream(jpeg, totalBytes), {
      sizeBytes: totalBytes,
      onProgress: (sent) => {
        if (sent < nextSampleBytes) return;
        nextSampleBytes += 4 * MiB;
        // Live buffers only: what was sent and dropped is garbage, not held memory.
        collectGarbage();
        peak = Math.max(peak, process.memoryUsage().arrayBuffers);
      },
    });
    await stub.close();

    assert.equal(asset.sizeBytes, totalBytes);
    const growth = peak - baseline;
    assert.ok(growth < 16 * MiB, `buffers grew by ${(growth / MiB).toFixed(1)} MiB`);
  });
});

describe('a stream that fails or is aborted during a real upload', () => {
  let test: TestServer;
  let client: HeygenAssets;

  before(async () => {
    test = await startTestServer();
    client = new HeygenAssets({ apiKey: TEST_API_KEY, baseUrl: test.url });
  });
  after(() => test.close());

  it('rejects with the stream’s own error when the stream fails midway', async () => {
    const diskError = new Error('the disk went away');
    async function* failing() {
      yield bigJpeg.subarray(0, 70_000);
      yield bigJpeg.subarray(70_000, 80_000);
      throw diskError;
    }

    await assert.rejects(
      client.uploadFile(Readable.from(failing()), { sizeBytes: bigJpeg.byteLength }),
      (error: unknown) => error === diskError,
    );
  });

  it('fails with size_mismatch when a stream ends before its declared size', async () => {
    await assert.rejects(
      client.uploadFile(Readable.from([bigJpeg]), { sizeBytes: bigJpeg.byteLength + 10 }),
      (error: unknown) => error instanceof MediaRejectedError && error.code === 'size_mismatch',
    );
  });

  it('fails with size_mismatch when a stream goes on past its declared size', async () => {
    await assert.rejects(
      client.uploadFile(Readable.from([bigJpeg]), { sizeBytes: bigJpeg.byteLength - 10 }),
      (error: unknown) => error instanceof MediaRejectedError && error.code === 'size_mismatch',
    );
  });

  it('rejects with the signal’s reason when aborted midway', async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    const totalBytes = 20 * MiB;

    await assert.rejects(
      client.uploadFile(paddedStream(jpeg, totalBytes), {
        sizeBytes: totalBytes,
        signal: controller.signal,
        onProgress: (sent) => {
          if (sent > MiB) controller.abort(reason);
        },
      }),
      (error: unknown) => error === reason,
    );
  });

  it('rejects an already aborted signal with its reason, before any request', async () => {
    const reason = new Error('too late');

    await assert.rejects(
      client.uploadFile(jpeg, { signal: AbortSignal.abort(reason) }),
      (error: unknown) => error === reason,
    );
  });

  it('honours the client-wide signal as well', async () => {
    const reason = new Error('shutting down');
    const aborted = new HeygenAssets({
      apiKey: TEST_API_KEY,
      baseUrl: test.url,
      signal: AbortSignal.abort(reason),
    });

    await assert.rejects(aborted.uploadFile(jpeg), (error: unknown) => error === reason);
  });

  it('the server still accepts uploads after the failed ones', async () => {
    const asset = await client.uploadFile(bigJpeg);

    assert.equal(asset.sizeBytes, bigJpeg.byteLength);
  });
});
