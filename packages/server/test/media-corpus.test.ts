import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  assertCorpusFacts,
  assertCorpusRejection,
  type CorpusRow,
  loadMediaCorpus,
  MAX_CORPUS_VERDICT_MS,
  startTestServer,
  type TestServer,
} from '@heygen-assets/testkit';
import { postRaw, putBytes, requestUploadUrl, sha256Hex } from './support/api.js';
import { type MetaJson, reportedFacts } from './support/meta-facts.js';
import { directUploadBody, putToSlot, type UploadSlot, v3 } from './support/v3.js';

/** What an uploader would declare for a file, going by its extension. */
const DECLARED_BY_EXTENSION: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.m4s': 'video/mp4',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.pdf': 'application/pdf',
  '.srt': 'application/x-subrip',
};

const corpus = loadMediaCorpus();
let server: TestServer;

before(async () => {
  server = await startTestServer();
});

after(() => server.close());

interface Outcome {
  status: number;
  body: Record<string, unknown>;
  elapsedMs: number;
}

async function timed(send: () => Promise<Response>): Promise<Outcome> {
  const started = performance.now();
  const response = await send();
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, body, elapsedMs: performance.now() - started };
}

async function assertNothingLeft() {
  assert.deepEqual(await readdir(join(server.dataDir, 'blobs', 'tmp')).catch(() => []), []);
}

async function assertServed(url: string, bytes: Buffer, mimeType: string) {
  const response = await fetch(url);
  assert.equal(response.headers.get('content-type'), mimeType);
  assert.equal(
    await sha256Hex(new Uint8Array(await response.arrayBuffer())),
    await sha256Hex(bytes),
  );
}

async function checkPresigned(row: CorpusRow, declared: string, bytes: Buffer) {
  const { url, assetId } = await requestUploadUrl(server, declared);
  const outcome = await timed(() => putBytes(url, bytes, declared));
  assert.ok(outcome.elapsedMs < MAX_CORPUS_VERDICT_MS, `took ${outcome.elapsedMs} ms`);

  if (row.verdict === 'accept') {
    assert.equal(outcome.status, 200, JSON.stringify(outcome.body));
    assert.equal(outcome.body.mime_type, row.typeOrCodes[0]);
    await assertServed(String(outcome.body.url), bytes, String(row.typeOrCodes[0]));
    return;
  }
  assertCorpusRejection(row, String(outcome.body.code), String(outcome.body.error));
  assert.equal((await fetch(`${server.url}/asset/${assetId}`)).status, 404);
  await assertNothingLeft();
}

async function checkRaw(row: CorpusRow, bytes: Buffer) {
  const outcome = await timed(() => postRaw(server, bytes, 'application/octet-stream'));
  assert.ok(outcome.elapsedMs < MAX_CORPUS_VERDICT_MS, `took ${outcome.elapsedMs} ms`);

  if (row.verdict === 'accept') {
    assert.equal(outcome.status, 200, JSON.stringify(outcome.body));
    const data = outcome.body.data as { url: string; meta: MetaJson };
    assertCorpusFacts(row, reportedFacts(data.meta));
    assert.equal(data.meta.size_bytes, bytes.byteLength);
    assert.equal(data.meta.sha256, await sha256Hex(bytes));
    await assertServed(data.url, bytes, String(row.typeOrCodes[0]));
    return;
  }
  assert.equal(outcome.body.code, 400175);
  const message = String(outcome.body.message);
  const code = message.slice(0, message.indexOf(':'));
  assertCorpusRejection(row, code, message);
  await assertNothingLeft();
}

interface V3Outcome extends Outcome {
  body: {
    data?: { asset_id?: string; mime_type?: string };
    error?: { code: string; message: string };
  };
}

/** Asserts a v3 outcome: the accepted asset with its facts, or the row's rejection. */
async function assertV3Outcome(
  row: CorpusRow,
  outcome: V3Outcome,
  bytes: Buffer,
  assetId?: string,
) {
  assert.ok(outcome.elapsedMs < MAX_CORPUS_VERDICT_MS, `took ${outcome.elapsedMs} ms`);

  if (row.verdict === 'accept') {
    assert.equal(outcome.status, 200, JSON.stringify(outcome.body));
    const id = String(outcome.body.data?.asset_id);
    const asset = await v3<MetaJson & { url: string; status: string }>(
      server,
      'GET',
      `/v3/assets/${id}`,
    );
    assert.equal(asset.body.data.status, 'completed');
    assertCorpusFacts(row, reportedFacts(asset.body.data));
    await assertServed(asset.body.data.url, bytes, String(row.typeOrCodes[0]));
    return;
  }
  const error = outcome.body.error;
  assertCorpusRejection(row, String(error?.code), String(error?.message));
  if (assetId) assert.equal((await fetch(`${server.url}/asset/${assetId}`)).status, 404);
  await assertNothingLeft();
}

/** `POST /v3/assets`: the file as the one multipart part `file` (SPEC §6). */
async function checkV3Proxy(row: CorpusRow, bytes: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([bytes]), row.file);
  const outcome = await timed(() =>
    fetch(`${server.url}/v3/assets`, {
      method: 'POST',
      headers: { 'x-api-key': server.apiKey },
      body: form,
    }),
  );
  await assertV3Outcome(row, outcome as V3Outcome, bytes);
}

/** A v3 direct upload: a slot for the declared type, the PUT, then `/complete` (SPEC §6). */
async function checkV3Direct(row: CorpusRow, declared: string, bytes: Buffer) {
  const slot = await v3<UploadSlot>(
    server,
    'POST',
    '/v3/assets/direct-uploads',
    directUploadBody(row.file, declared, bytes),
  );
  assert.equal(slot.status, 200, JSON.stringify(slot.body));
  const put = await putToSlot(slot.body.data, bytes);
  assert.equal(put.status, 200, await put.text());

  const assetId = slot.body.data.asset_id;
  const outcome = await timed(() =>
    fetch(`${server.url}/v3/assets/${assetId}/complete`, {
      method: 'POST',
      headers: { 'x-api-key': server.apiKey },
    }),
  );
  await assertV3Outcome(row, outcome as V3Outcome, bytes, assetId);
}

describe('the media corpus through the server', () => {
  if ('missing' in corpus) {
    test('media corpus', (t) => t.skip(corpus.missing));
    return;
  }

  for (const row of corpus.rows) {
    const declared = DECLARED_BY_EXTENSION[extname(row.file)];
    const verdict = row.verdict === 'accept' ? row.typeOrCodes[0] : row.typeOrCodes.join(' or ');

    if (declared) {
      test(`presigned PUT of ${row.file} as ${declared}: ${row.verdict} ${verdict}`, async () => {
        await checkPresigned(row, declared, await readFile(row.path));
      });
    }
    test(`v3 proxy upload of ${row.file}: ${row.verdict} ${verdict}`, async () => {
      await checkV3Proxy(row, await readFile(row.path));
    });
    if (declared) {
      test(`v3 direct upload of ${row.file} as ${declared}: ${row.verdict} ${verdict}`, async () => {
        await checkV3Direct(row, declared, await readFile(row.path));
      });
    }
    test(`raw upload of ${row.file}: ${row.verdict} ${verdict}${row.verdict === 'accept' ? ' with its facts in meta' : ''}`, async () => {
      await checkRaw(row, await readFile(row.path));
    });
  }
});
