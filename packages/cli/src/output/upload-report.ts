import type { UploadedAsset } from '@heygen-assets/client';
import type { Problem } from './describe-error.js';
import { writeProblem } from './write-problem.js';

/**
 * Where `upload` writes its results: one line per file. Human lines on a terminal; under `--json`
 * one JSON object per line, results on stdout and problems on stderr, nothing else.
 */
export class UploadReport {
  readonly #json: boolean;
  readonly #stdout: NodeJS.WritableStream;
  readonly #stderr: NodeJS.WritableStream;

  constructor(json: boolean, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream) {
    this.#json = json;
    this.#stdout = stdout;
    this.#stderr = stderr;
  }

  uploaded(file: string, asset: UploadedAsset): void {
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
    const subject = file === undefined ? undefined : { key: 'file' as const, value: file };
    writeProblem(this.#stderr, this.#json, subject, problem);
  }
}
