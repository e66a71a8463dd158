import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shared corpus of real media files with their expected verdicts (EXPECTED.md). It lives
 * beside the repository (`<repo>/../shared/media`, or `HEYGEN_MEDIA_CORPUS`) and is never
 * committed, so corpus tests skip, saying why, when it is absent.
 */
const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const MEDIA_CORPUS_DIR =
  process.env.HEYGEN_MEDIA_CORPUS ?? join(REPOSITORY_ROOT, '..', 'shared', 'media');

/** Longest one verdict may take for the corpus files, in milliseconds (EXPECTED.md). */
export const MAX_CORPUS_VERDICT_MS = 2000;

/** Allowed difference between a reported and an expected duration, in seconds. */
const DURATION_TOLERANCE_SECONDS = 0.05;

export interface CorpusRow {
  file: string;
  verdict: 'accept' | 'reject';
  /** The accepted type, or the accepted error codes. */
  typeOrCodes: string[];
  /** The facts column, e.g. `600×450 as displayed` or `message names image/gif`. */
  facts: string;
  path: string;
}

/** The rows of EXPECTED.md, or undefined (with the reason) when the corpus is absent. */
export function loadMediaCorpus(): { rows: CorpusRow[] } | { missing: string } {
  const expected = join(MEDIA_CORPUS_DIR, 'EXPECTED.md');
  if (!existsSync(expected)) {
    return { missing: `no media corpus at ${MEDIA_CORPUS_DIR} (set HEYGEN_MEDIA_CORPUS)` };
  }
  const rows = readFileSync(expected, 'utf8')
    .split('\n')
    .map((line) => line.split('|').map((cell) => cell.trim()))
    .filter((cells) => cells[2] === 'accept' || cells[2] === 'reject')
    .map((cells) => ({
      file: cells[1] ?? '',
      verdict: cells[2] as 'accept' | 'reject',
      typeOrCodes: (cells[3] ?? '').split(' / ').map((part) => part.trim()),
      facts: cells[4] ?? '',
      path: join(MEDIA_CORPUS_DIR, cells[1] ?? ''),
    }));
  return { rows };
}

/** The reported facts, in the shape of core's `MediaFacts`. */
export interface ReportedFacts {
  mimeType: string;
  width?: number;
  height?: number;
  durationSeconds?: number;
  codecs?: string[];
  hasAlpha?: boolean;
  hasAudio?: boolean;
}

/** Asserts every fact the row's facts column states. */
export function assertCorpusFacts(row: CorpusRow, facts: ReportedFacts): void {
  assert.equal(facts.mimeType, row.typeOrCodes[0]);

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

/** Asserts the code is one the row allows and the message names what the row asks for. */
export function assertCorpusRejection(row: CorpusRow, code: string, message: string): void {
  assert.ok(row.typeOrCodes.includes(code), `${code}: ${message}`);

  // "message names HEIC/HEIF" → both names; "names QuickTime and suggests MP4" → QuickTime.
  const named = /message names (.+?)(?: and suggests .*)?$/.exec(row.facts)?.[1];
  for (const name of named?.split('/') ?? []) {
    assert.ok(message.includes(name.trim()), `message names ${name}: ${message}`);
  }
  if (/suggests MP4/.test(row.facts)) assert.match(message, /MP4/);
  if (/line of the first bad cue/.test(row.facts)) assert.match(message, /line \d+/);
}
