import type { Problem } from './describe-error.js';
import { formatBytes } from './format-bytes.js';

/** A file that was not uploaded, and why. */
export interface FailedUpload {
  file: string;
  problem: Problem;
}

/** What a run of `upload` came to. */
export interface UploadTally {
  uploaded: number;
  /** Bytes of the files uploaded (as stored: after any optimisation). */
  uploadedBytes: number;
  failed: FailedUpload[];
  /** Files not tried because the key was refused first. */
  skipped: number;
  elapsedMs: number;
}

/**
 * The end of a run for people: `48 uploaded, 2 failed, 1.2 MiB in 4.2 s` (plus `, N skipped`
 * when a refused key stopped the run), then each failed file with its code and message again,
 * since its own report may have scrolled away.
 */
export function formatUploadSummary(tally: UploadTally): string {
  const counts = [`${tally.uploaded} uploaded`, `${tally.failed.length} failed`];
  if (tally.skipped > 0) counts.push(`${tally.skipped} skipped`);
  const seconds = (tally.elapsedMs / 1000).toFixed(1);
  const lines = [`${counts.join(', ')}, ${formatBytes(tally.uploadedBytes)} in ${seconds} s`];

  if (tally.failed.length > 0) {
    lines.push('failed:');
    for (const { file, problem } of tally.failed) {
      lines.push(`  ${file}: ${problem.code}: ${problem.message}`);
    }
  }
  return lines.map((line) => `${line}\n`).join('');
}
