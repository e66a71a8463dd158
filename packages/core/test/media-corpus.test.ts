import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  assertCorpusFacts,
  assertCorpusRejection,
  loadMediaCorpus,
  MAX_CORPUS_VERDICT_MS,
} from '@heygen-assets/testkit';
import { bufferSource, inspectMedia, MediaRejectedError } from '../src/index.js';

/** Every real file of the shared media corpus against its verdict in EXPECTED.md (SPEC §3). */
const corpus = loadMediaCorpus();

if ('missing' in corpus) {
  test('media corpus', (t) => {
    t.skip(corpus.missing);
  });
} else {
  const { rows } = corpus;

  test('the media corpus table lists every file once', () => {
    assert.ok(rows.length >= 60, `${rows.length} rows`);
    assert.equal(new Set(rows.map((row) => row.file)).size, rows.length);
  });

  for (const row of rows) {
    const verdict =
      row.verdict === 'accept' ? row.typeOrCodes.join('/') : row.typeOrCodes.join(' or ');
    test(`${row.file}: ${row.verdict} ${verdict}`, async () => {
      const bytes = readFileSync(row.path);
      const started = performance.now();
      const outcome = await inspectMedia(bufferSource(bytes)).catch((error: unknown) => error);
      const elapsed = performance.now() - started;

      assert.ok(elapsed < MAX_CORPUS_VERDICT_MS, `took ${elapsed.toFixed(0)} ms`);
      if (row.verdict === 'accept') {
        if (outcome instanceof Error) assert.fail(`rejected: ${outcome.message}`);
        assertCorpusFacts(row, outcome as Awaited<ReturnType<typeof inspectMedia>>);
      } else {
        if (!(outcome instanceof MediaRejectedError)) {
          assert.fail(`expected a rejection, got ${JSON.stringify(outcome)}`);
        }
        assertCorpusRejection(row, outcome.code, outcome.message);
      }
    });
  }
}
