import type { UploadedAsset } from '@heygen-assets/client';
import type { Problem } from './describe-error.js';
import { type FailedUpload, formatUploadSummary } from './upload-summary.js';
import { writeProblem } from './write-problem.js';

/**
 * Where `upload` writes its results: one line per file. Human lines on a terminal; under `--json`
 * one JSON object per line, results on stdout and problems on stderr, nothing else. Keeps count
 * for the summary at the end.
 */
export class UploadReport {
  readonly #json: boolean;
  readonly #stdout: NodeJS.WritableStream;
  readonly #stderr: NodeJS.WritableStream;
  #uploaded = 0;
  #uploadedBytes = 0;
  readonly #failed: FailedUpload[] = [];
  #skipped = 0;

  constructor(json: boolean, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream) {
    this.#json = json;
    this.#stdout = stdout;
    this.#stderr = stderr;
  }

  uploaded(file: string, asset: UploadedAsset): void {
    this.#uploaded += 1;
    this.#uploadedBytes += asset.sizeBytes;
    if (!this.#json) {
      this.#stdout.write(`${file}  ${asset.assetId}  ${asset.url}\n`);
      return;
    }
    const line = {
      file,
      asset_id: asset.assetId,
      url: asset.url,
      mime_type: asset.mimeType,
      size_bytes: asset.sizeBytes,
      sha256: asset.sha256,
    };
    this.#stdout.write(`${JSON.stringify(line)}\n`);
  }

  /** A problem with one file, or with the whole run when `file` is undefined. */
  failed(file: string | undefined, problem: Problem): void {
    if (file !== undefined) this.#failed.push({ file, problem });
    const subject = file === undefined ? undefined : { key: 'file' as const, value: file };
    writeProblem(this.#stderr, this.#json, subject, problem);
  }

  /** A file left out because the run stopped (a refused key): counted, not reported. */
  skipped(): void {
    this.#skipped += 1;
  }

  /**
   * The summary of the run on stderr, for people; nothing under `--json` (stdout stays pure).
   *
   * @param files every file of the run, in the order given, which the failed ones are listed in
   */
  summary(elapsedMs: number, files: readonly string[]): void {
    if (this.#json) return;
    const position = (failure: FailedUpload) => files.indexOf(failure.file);
    const tally = {
      uploaded: this.#uploaded,
      uploadedBytes: this.#uploadedBytes,
      failed: [...this.#failed].sort((a, b) => position(a) - position(b)),
      skipped: this.#skipped,
      elapsedMs,
    };
    this.#stderr.write(formatUploadSummary(tally));
  }
}
