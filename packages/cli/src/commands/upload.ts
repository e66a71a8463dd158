import { stat } from 'node:fs/promises';
import { DEFAULT_BATCH_CONCURRENCY, type HeygenAssets } from '@heygen-assets/client';
import { type Command, Option } from 'commander';
import { EXIT_AUTH, EXIT_OK, type ExitCode, worstExitCode } from '../exit-codes.js';
import { noCacheOption, retriesOption } from '../options/client-flags.js';
import {
  checkOptimizeFlags,
  fitOption,
  type OptimizeFlags,
  optimizeFromFlags,
  optimizeOption,
} from '../options/optimize-option.js';
import { integerInRange } from '../options/parse-number-option.js';
import { timeoutOption } from '../options/timeout-option.js';
import { describeError } from '../output/describe-error.js';
import { UploadProgress } from '../output/upload-progress.js';
import { UploadReport } from '../output/upload-report.js';
import { clientFromEnv, retryNotices } from './client-from-env.js';

/** Most files `--concurrency` lets upload at once. */
const MAX_CONCURRENCY = 32;

interface UploadOptions extends OptimizeFlags {
  json: boolean;
  /** Idle timeout per request, in seconds. */
  timeout: number | undefined;
  /** Files uploaded at the same time. */
  concurrency: number;
  /** Retries after a failed request; the SDK's default when undefined. */
  retries: number | undefined;
  /** `false` under `--no-cache`. */
  cache: boolean;
}

/** `heygen-assets upload FILE...`: checks each file locally, uploads it, prints its asset. */
export function registerUploadCommand(program: Command): void {
  program
    .command('upload')
    .description('upload files (HEYGEN_API_KEY, HEYGEN_API_BASE) and print their asset ids')
    .argument('<files...>', 'image, video or audio files')
    .option('--json', 'one JSON object per line: results on stdout, errors on stderr', false)
    .addOption(
      new Option('--concurrency <n>', `files uploaded at the same time (1–${MAX_CONCURRENCY})`)
        .argParser(integerInRange(1, MAX_CONCURRENCY))
        .default(DEFAULT_BATCH_CONCURRENCY),
    )
    .addOption(retriesOption())
    .addOption(noCacheOption())
    .addOption(timeoutOption())
    .addOption(optimizeOption())
    .addOption(fitOption())
    .action(async (files: string[], options: UploadOptions, command: Command) => {
      checkOptimizeFlags(command, options);
      process.exitCode = await upload(files, options);
    });
}

/**
 * Uploads the files, `--concurrency` at a time, each on its own: one refused file does not stop
 * the others, but a refused key (401) does, since every file would fail alike. Results are
 * printed as files finish, so not necessarily in the order given; then, for people and more
 * than one file, a summary.
 */
async function upload(files: string[], options: UploadOptions): Promise<ExitCode> {
  const report = new UploadReport(options.json, process.stdout, process.stderr);
  // The progress line comes after the client; a retry line is written above it once it exists.
  let progress: UploadProgress | undefined;
  const setup = clientFromEnv(options.timeout, {
    retries: options.retries,
    cache: options.cache,
    onRetry: retryNotices(options.json, options.retries, (line) =>
      write(progress, () => process.stderr.write(line)),
    ),
  });
  if ('problem' in setup) {
    report.failed(undefined, setup.problem);
    return setup.problem.exitCode;
  }

  const startedMs = performance.now();
  progress = !options.json && process.stderr.isTTY ? await showProgress(files) : undefined;
  const run: RunState = { next: 0, keyRefused: false };

  let exitCode: ExitCode = EXIT_OK;
  const worker = async () => {
    while (run.next < files.length) {
      const index = run.next++;
      if (run.keyRefused) {
        report.skipped();
        continue;
      }
      const context = { client: setup.client, report, progress, run, options };
      const fileExitCode = await uploadOne(files, index, context);
      exitCode = worstExitCode(exitCode, fileExitCode);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, files.length) }, worker));

  progress?.stop();
  if (files.length > 1) report.summary(performance.now() - startedMs, files);
  return exitCode;
}

/** What the workers of one run share. */
interface RunState {
  /** Position of the next file to start. */
  next: number;
  /** Whether a file was refused for the key; no file starts after that. */
  keyRefused: boolean;
}

interface UploadContext {
  client: HeygenAssets;
  report: UploadReport;
  progress: UploadProgress | undefined;
  run: RunState;
  options: UploadOptions;
}

async function uploadOne(
  files: readonly string[],
  index: number,
  { client, report, progress, run, options }: UploadContext,
): Promise<ExitCode> {
  const file = files[index] as string;
  progress?.started(index);
  const onProgress =
    progress && ((sent: number, total: number) => progress.update(index, sent, total));

  try {
    const asset = await client.uploadFile(file, {
      onProgress,
      optimize: optimizeFromFlags(options),
    });
    progress?.settled(index);
    write(progress, () => report.uploaded(file, asset));
    return EXIT_OK;
  } catch (error) {
    progress?.settled(index);
    const problem = describeError(error);
    // A refused key refuses every file alike: report it once, and start no other file. Files
    // already under way when it came are refused alike, and counted as skipped.
    if (problem.exitCode === EXIT_AUTH) {
      if (run.keyRefused) {
        report.skipped();
        return problem.exitCode;
      }
      run.keyRefused = true;
    }
    write(progress, () => report.failed(file, problem));
    return problem.exitCode;
  }
}

/** Writes a result line, above the progress line when there is one. */
function write(progress: UploadProgress | undefined, line: () => void): void {
  if (progress) progress.above(line);
  else line();
}

/** The progress line, with each file's size on disk as its first estimate (0 if unreadable). */
async function showProgress(files: readonly string[]): Promise<UploadProgress> {
  const sizes = await Promise.all(
    files.map((file) =>
      stat(file).then(
        (stats) => (stats.isFile() ? stats.size : 0),
        () => 0,
      ),
    ),
  );
  return new UploadProgress(process.stderr, files, sizes);
}
