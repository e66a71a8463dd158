import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bufferSource, inspectMedia, type MediaFacts, MediaRejectedError } from '../src/index.js';

/**
 * Every real file of the shared media corpus against its verdict in EXPECTED.md (SPEC §3). The
 * corpus lives beside the repository (`<repo>/../shared/media`, or `HEYGEN_MEDIA_CORPUS`) and
 * is never committed, so this test skips, saying why, when it is absent.
 */

const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CORPUS_DIR =
  process.env.HEYGEN_MEDIA_CORPUS ?? join(REPOSITORY_ROOT, '..', 'shared', 'media');

/** Longest one verdict may take for these small files, in milliseconds (EXPECTED.md). */
const MAX_VERDICT_MS = 2000;

/** Allowed difference between a reported and an expected duration, in seconds. */
const DURATION_TOLERANCE_SECONDS = 0.05;

interface ExpectedRow {
  file: string;
  verdict: 'accept' | 'reject';
  /** The accepted type, or the accepted error codes. */
  typeOrCodes: string[];
  facts: string;
}

function expectedRows(markdown: string): ExpectedRow[] {
  return markdown
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter((cells) => cells[2] === 'accept' || cells[2] === 'reject')
    .map((cells) => ({
      file: cells[1] ?? '',
      verdict: cells[2] as 'accept' | 'reject',
      typeOrCodes: (cells[3] ?? '').split(' / ').map((part) => part.trim()),
      facts: cells[4] ?? '',
    }));
}

if (!existsSync(join(CORPUS_DIR, 'EXPECTED.md'))) {
  test('media corpus', (t) => {
    t.skip(`no media corpus at ${CORPUS_DIR} (set HEYGEN_MEDIA_CORPUS to run it)`);
  });
} else {
  const rows = expectedRows(readFileSync(join(CORPUS_DIR, 'EXPECTED.md'), 'utf8'));

  test('the media corpus table lists every file once', () => {
    assert.ok(rows.length >= 60, `${rows.length} rows`);
    assert.equal(new Set(rows.map((row) => row.file)).size, rows.length);
  });

  for (const row of rows) {
    const verdict =
      row.verdict === 'accept' ? row.typeOrCodes.join('/') : row.typeOrCodes.join(' or ');
    test(`${row.file}: ${row.verdict} ${verdict}`, async () => {
      const bytes = readFileSync(join(CORPUS_DIR, row.file));
      const started = performance.now();
      const outcome = await inspectMedia(bufferSource(bytes)).catch((error: unknown) => error);
      const elapsed = performance.now() - started;

      assert.ok(elapsed < MAX_VERDICT_MS, `took ${elapsed.toFixed(0)} ms`);
      if (row.verdict === 'accept') assertAccepted(row, outcome);
      else assertRejected(row, outcome);
    });
  }
}

function assertAccepted(row: ExpectedRow, outcome: unknown): void {
  if (outcome instanceof Error) assert.fail(`rejected: ${outcome.message}`);
  const facts = outcome as MediaFacts;
  const [type] = row.typeOrCodes;
  assert.equal(facts.mimeType, type);

  const size = /(\d+)×(\d+)/.exec(row.facts);
  if (size) assert.deepEqual([facts.width, facts.height], [Number(size[1]), Number(size[2])]);

  const seconds = /([\d.]+) s\b/.exec(row.facts);
  if (seconds) {
    const expected = Number(seconds[1]);
    const reported = facts.durationSeconds ?? Number.NaN;
    assert.ok(
      Math.abs(reported - expected) <= DURATION_TOLERANCE_SECONDS,
      `duration ${reported} s, expected ${expected} s`,
    );
  }
  if (/duration > 0/.test(row.facts)) assert.ok((facts.durationSeconds ?? 0) > 0);
  if (/has_audio/.test(row.facts)) assert.equal(facts.hasAudio, true);
  if (/no audio/.test(row.facts)) assert.equal(facts.hasAudio, false);
  if (/has_alpha/.test(row.facts)) assert.equal(facts.hasAlpha, true);
  if (/HEVC/.test(row.facts)) assert.ok(facts.codecs?.includes('hevc'), String(facts.codecs));
}

function assertRejected(row: ExpectedRow, outcome: unknown): void {
  if (!(outcome instanceof MediaRejectedError)) {
    assert.fail(
      `expected a rejection, got ${outcome instanceof Error ? outcome.stack : JSON.stringify(outcome)}`,
    );
  }
  assert.ok(row.typeOrCodes.includes(outcome.code), `${outcome.code}: ${outcome.message}`);

  // "message names HEIC/HEIF" → both names; "names QuickTime and suggests MP4" → QuickTime.
  const named = /message names (.+?)(?: and suggests .*)?$/.exec(row.facts)?.[1];
  for (const name of named?.split('/') ?? []) {
    assert.match(outcome.message, new RegExp(escapeRegExp(name.trim())));
  }
  if (/suggests MP4/.test(row.facts)) assert.match(outcome.message, /MP4/);
  if (/line of the first bad cue/.test(row.facts)) assert.match(outcome.message, /line \d+/);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
