import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, HeygenAssets, UnexpectedResponseError } from '@heygen-assets/client';
import { pathOf, queryOf, startRecordingStub } from './support/recording-stub.js';

const ASSET_ID = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

/** A v3 asset object as a server sends it; `fields` replace or add keys. */
function assetJson(fields: Record<string, unknown> = {}) {
  return {
    id: ASSET_ID,
    name: 'clip.mp4',
    type: 'video',
    owner: 'owner-1',
    space_id: 'space-1',
    uploaded_at: 1_700_000_100,
    created_at: 1_700_000_000,
    folder_id: 'folder-1',
    url: `http://files.test/asset/${ASSET_ID}`,
    status: 'completed',
    error: null,
    mime_type: 'video/mp4',
    size_bytes: 2048,
    sha256: 'ab'.repeat(32),
    ...fields,
  };
}

describe('v3 error envelopes', () => {
  it('maps {"error": {code, message, param}} to ApiError with each field and the request id', async () => {
    const stub = await startRecordingStub(() => ({
      status: 400,
      json: { error: { code: 'invalid_request', message: 'limit is too big.', param: 'limit' } },
    }));
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    const error = await client.list({ limit: 5 }).catch((caught: unknown) => caught);
    await stub.close();

    assert.ok(error instanceof ApiError);
    assert.equal(error.status, 400);
    assert.equal(error.code, 'invalid_request');
    assert.equal(error.serverCode, 'invalid_request');
    assert.equal(error.serverMessage, 'limit is too big.');
    assert.equal(error.param, 'limit');
    assert.equal(error.requestId, 'req-stub');
    assert.equal(error.method, 'GET');
    assert.equal(error.url, `${stub.url}/v3/assets?[redacted]`);
    assert.equal(
      error.message,
      `GET ${stub.url}/v3/assets?[redacted] failed with 400 invalid_request: limit is too big.`,
    );
  });

  it('keeps a code the client does not know in serverCode, with a generic code by status', async () => {
    const stub = await startRecordingStub(() => ({
      status: 409,
      json: { error: { code: 'request_in_progress', message: 'Still running.' } },
    }));
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url, retry: { retries: 0 } });

    const known = await client.delete(ASSET_ID).catch((caught: unknown) => caught);
    await stub.close();

    assert.ok(known instanceof ApiError);
    assert.equal(known.code, 'request_in_progress');
    assert.equal(known.param, undefined);

    const other = await startRecordingStub(() => ({
      status: 429,
      json: { error: { code: 'rate_limited', message: 'Slow down.' } },
    }));
    const otherClient = new HeygenAssets({
      apiKey: 'k',
      baseUrl: other.url,
      retry: { retries: 0 },
    });
    const unknown = await otherClient.get(ASSET_ID).catch((caught: unknown) => caught);
    await other.close();

    assert.ok(unknown instanceof ApiError);
    assert.equal(unknown.code, 'invalid_request');
    assert.equal(unknown.serverCode, 'rate_limited');
    assert.equal(unknown.serverMessage, 'Slow down.');
  });
});

describe('reading v3 answers', () => {
  it('get sends the key, encodes the id, and converts every field, probed facts included', async () => {
    const stub = await startRecordingStub(() => ({
      status: 200,
      json: {
        data: assetJson({
          width: 1920,
          height: 1080,
          duration: 12.5,
          codecs: ['h264', 'aac'],
          has_audio: true,
          has_alpha: false,
          future_field: 'ignored',
        }),
      },
    }));
    const client = new HeygenAssets({ apiKey: 'key-1', baseUrl: `${stub.url}/prefix` });

    const asset = await client.get('a/b c');
    await stub.close();

    assert.equal(stub.requests[0]?.url, '/prefix/v3/assets/a%2Fb%20c');
    assert.equal(stub.requests[0]?.headers['x-api-key'], 'key-1');
    assert.equal(stub.requests[0]?.headers['idempotency-key'], undefined);
    assert.deepEqual(asset, {
      id: ASSET_ID,
      name: 'clip.mp4',
      type: 'video',
      owner: 'owner-1',
      spaceId: 'space-1',
      uploadedAt: new Date(1_700_000_100_000),
      createdAt: new Date(1_700_000_000_000),
      folderId: 'folder-1',
      url: `http://files.test/asset/${ASSET_ID}`,
      status: 'completed',
      error: null,
      mimeType: 'video/mp4',
      sizeBytes: 2048,
      sha256: 'ab'.repeat(32),
      width: 1920,
      height: 1080,
      duration: 12.5,
      codecs: ['h264', 'aac'],
      hasAlpha: false,
      hasAudio: true,
    });
  });

  it('reads a failed asset with its error, and absent optional fields as null', async () => {
    const failed = assetJson({
      status: 'failed',
      error: { code: 'corrupt_media', message: 'Bad.' },
    });
    for (const key of ['name', 'owner', 'folder_id', 'url', 'uploaded_at', 'sha256']) {
      delete (failed as Record<string, unknown>)[key];
    }
    const stub = await startRecordingStub(() => ({ status: 200, json: { data: failed } }));
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    const asset = await client.get(ASSET_ID);
    await stub.close();

    assert.equal(asset.status, 'failed');
    assert.deepEqual(asset.error, { code: 'corrupt_media', message: 'Bad.' });
    assert.deepEqual(
      [asset.name, asset.owner, asset.folderId, asset.url, asset.uploadedAt, asset.sha256],
      [null, null, null, null, null, null],
    );
  });

  for (const [problem, fields, message] of [
    [
      'a status the client does not know',
      { status: 'archived' },
      '"data.status" is not one of pending_upload, processing, completed, failed',
    ],
    [
      'a timestamp given as text',
      { created_at: '2024-01-01' },
      '"data.created_at" is not a number',
    ],
    [
      'a fractional timestamp',
      { created_at: 1.5 },
      '"data.created_at" is not whole seconds since 1970',
    ],
    ['codecs that are not strings', { codecs: [1] }, '"data.codecs" is not an array of strings'],
  ] as const) {
    it(`an asset with ${problem} fails with UnexpectedResponseError naming the field`, async () => {
      const stub = await startRecordingStub(() => ({
        status: 200,
        json: { data: assetJson(fields) },
      }));
      const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

      const error = await client.get(ASSET_ID).catch((caught: unknown) => caught);
      await stub.close();

      assert.ok(error instanceof UnexpectedResponseError);
      assert.equal(
        error.message,
        `GET ${stub.url}/v3/assets/${ASSET_ID} answered 200 with a body whose ${message}`,
      );
    });
  }

  it('refuses an empty, "." or ".." id before sending anything', async () => {
    const stub = await startRecordingStub(() => ({ status: 500, json: {} }));
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    for (const id of ['', '.', '..']) {
      await assert.rejects(client.get(id), {
        name: 'TypeError',
        message: `assetId must be a non-empty id, not ${JSON.stringify(id)}.`,
      });
      await assert.rejects(client.delete(id), { name: 'TypeError' });
    }
    await stub.close();
    assert.equal(stub.requests.length, 0);
  });
});

describe('listing pages', () => {
  it('sends limit, token, folder_id, type and status, and reads the list envelope', async () => {
    const stub = await startRecordingStub(() => ({
      status: 200,
      json: { data: [assetJson()], has_more: true, next_token: 'next-1' },
    }));
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    const page = await client.list({
      limit: 1,
      token: 'tok-0',
      folderId: 'f 1',
      type: 'video',
      status: 'all',
    });
    await stub.close();

    assert.equal(
      stub.requests[0]?.url,
      '/v3/assets?limit=1&token=tok-0&folder_id=f+1&type=video&status=all',
    );
    assert.equal(page.hasMore, true);
    assert.equal(page.nextToken, 'next-1');
    assert.deepEqual(
      page.assets.map((asset) => asset.id),
      [ASSET_ID],
    );
  });

  it('listAll follows next_token until has_more is false', async () => {
    const pages: Record<string, unknown> = {
      '': {
        data: [assetJson({ id: 'a1' }), assetJson({ id: 'a2' })],
        has_more: true,
        next_token: 't1',
      },
      t1: { data: [assetJson({ id: 'a3' })], has_more: true, next_token: 't2' },
      t2: { data: [], has_more: false, next_token: null },
    };
    const stub = await startRecordingStub((request) => ({
      status: 200,
      json: pages[queryOf(request, 'token') ?? ''],
    }));
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    const ids: string[] = [];
    for await (const asset of client.listAll({ limit: 2, type: 'video' })) ids.push(asset.id);
    await stub.close();

    assert.deepEqual(ids, ['a1', 'a2', 'a3']);
    assert.deepEqual(
      stub.requests.map((request) => request.url),
      [
        '/v3/assets?limit=2&type=video',
        '/v3/assets?limit=2&token=t1&type=video',
        '/v3/assets?limit=2&token=t2&type=video',
      ],
    );
  });

  it('listAll stops with UnexpectedResponseError when a page hands back its own token', async () => {
    const stub = await startRecordingStub(() => ({
      status: 200,
      json: { data: [assetJson()], has_more: true, next_token: 'same' },
    }));
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    const ids: string[] = [];
    const error = await (async () => {
      for await (const asset of client.listAll({ token: 'same' })) ids.push(asset.id);
    })().catch((caught: unknown) => caught);
    await stub.close();

    assert.ok(error instanceof UnexpectedResponseError);
    assert.match(error.message, /"next_token" is the token this page was asked for$/);
    assert.equal(stub.requests.length, 1);
  });

  it('a page with has_more but no next_token fails with UnexpectedResponseError', async () => {
    const stub = await startRecordingStub(() => ({
      status: 200,
      json: { data: [], has_more: true, next_token: null },
    }));
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    const error = await client.list().catch((caught: unknown) => caught);
    await stub.close();

    assert.ok(error instanceof UnexpectedResponseError);
    assert.match(error.message, /"has_more" is true but "next_token" is null$/);
  });
});

describe('statuses', () => {
  it('splits more than 100 ids over requests and joins the answers in order', async () => {
    const stub = await startRecordingStub((request) => {
      const assetIds = queryOf(request, 'asset_ids')?.split(',') ?? [];
      const batchIds = queryOf(request, 'batch_ids')?.split(',') ?? [];
      const entries = [
        ...assetIds.map((id) => ({ video_id: id, status: 'completed', error: null })),
        ...batchIds.map((id) => ({
          video_id: `${id}-item`,
          status: 'queued',
          error: null,
          batch_id: id,
          item_index: 0,
        })),
      ];
      return { status: 200, json: { data: entries } };
    });
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });
    const assetIds = Array.from({ length: 150 }, (_unused, index) => `a${index}`);

    const entries = await client.statuses({ assetIds, batchIds: ['b1'] });
    await stub.close();

    assert.deepEqual(
      stub.requests.map((request) => [
        pathOf(request),
        queryOf(request, 'asset_ids')?.split(',').length ?? 0,
        queryOf(request, 'batch_ids'),
      ]),
      [
        ['/v3/assets/statuses', 100, null],
        ['/v3/assets/statuses', 50, 'b1'],
      ],
    );
    assert.deepEqual(
      entries.map((entry) => entry.assetId),
      [...assetIds, 'b1-item'],
    );
    assert.deepEqual(entries.at(-1), {
      assetId: 'b1-item',
      status: 'queued',
      error: null,
      batchId: 'b1',
      itemIndex: 0,
    });
  });

  it('refuses no ids, an empty id or one with a comma before sending anything', async () => {
    const stub = await startRecordingStub(() => ({ status: 500, json: {} }));
    const client = new HeygenAssets({ apiKey: 'k', baseUrl: stub.url });

    await assert.rejects(client.statuses({}), {
      name: 'TypeError',
      message: 'statuses needs at least one asset id or batch id.',
    });
    await assert.rejects(client.statuses({ assetIds: ['a,b'] }), {
      name: 'TypeError',
      message: 'assetIds must hold non-empty ids without commas, not "a,b".',
    });
    await assert.rejects(client.statuses({ batchIds: [''] }), { name: 'TypeError' });
    await stub.close();
    assert.equal(stub.requests.length, 0);
  });
});
