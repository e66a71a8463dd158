import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { HeygenAssets, type UploadedAsset } from '@heygen-assets/client';
import { MediaRejectedError } from '@heygen-assets/core';
import {
  assertCorpusRejection,
  type CorpusRow,
  loadMediaCorpus,
  MAX_CORPUS_VERDICT_MS,
  type StubServer,
} from '@heygen-assets/testkit';
import { answerLikeTheServer, startPresignedStub } from './support/presigned-stub.js';

/**
 * Every real file of the shared media corpus through the SDK's local check (SPEC §10, validate
 * before upload): the same verdict as EXPECTED.md and the server, and a rejection before any
 * request. Accepted files go on to a stub of the two-step upload, which counts what reaches it.
 */
const corpus = loadMediaCorpus();

let stub: StubServer;
let client: HeygenAssets;
const received = { requests: 0, putTypes: [] as (string | undefined)[] };

before(async () => {
  stub = await startPresignedStub(
    (request, response) => {
      received.requests++;
      received.putTypes.push(request.headers['content-type']);
      answerLikeTheServer(request, response);
    },
    () => {
      received.requests++;
    },
  );
  client = new HeygenAssets({ apiKey: 'corpus-key', baseUrl: stub.url });
});

after(() => stub?.close());

async function upload(source: string | Buffer): Promise<{ outcome: unknown; elapsedMs: number }> {
  received.requests = 0;
  received.putTypes = [];
  const started = performance.now();
  const outcome: UploadedAsset | unknown = await client
    .uploadFile(source)
    .catch((error: unknown) => error);
  return { outcome, elapsedMs: performance.now() - started };
}

function assertVerdict(row: CorpusRow, outcome: unknown, elapsedMs: number): void {
  if (row.verdict === 'accept') {
    if (outcome instanceof Error) assert.fail(`refused: ${outcome.message}`);
    assert.equal((outcome as UploadedAsset).mimeType, row.typeOrCodes[0]);
    assert.deepEqual(received, { requests: 2, putTypes: [row.typeOrCodes[0]] });
    return;
  }

  assert.ok(outcome instanceof MediaRejectedError, `expected a local rejection, got ${outcome}`);
  assertCorpusRejection(row, outcome.code, outcome.message);
  assert.equal(received.requests, 0, 'no request may reach the server');
  assert.ok(elapsedMs < MAX_CORPUS_VERDICT_MS, `took ${elapsedMs.toFixed(0)} ms`);
}

describe('the media corpus through the SDK’s local check', () => {
  if ('missing' in corpus) {
    test('media corpus', (t) => t.skip(corpus.missing));
    return;
  }

  for (const row of corpus.rows) {
    const verdict = row.verdict === 'accept' ? row.typeOrCodes[0] : row.typeOrCodes.join(' or ');

    test(`uploadFile(path) of ${row.file}: ${row.verdict} ${verdict}`, async () => {
      const { outcome, elapsedMs } = await upload(row.path);
      assertVerdict(row, outcome, elapsedMs);
    });
    test(`uploadFile(bytes) of ${row.file}: ${row.verdict} ${verdict}`, async () => {
      const { outcome, elapsedMs } = await upload(await readFile(row.path));
      assertVerdict(row, outcome, elapsedMs);
    });
  }
});
