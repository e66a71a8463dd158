import type { HeygenAssets } from '@heygen-assets/client';
import type { Command } from 'commander';
import { EXIT_AUTH, EXIT_OK, type ExitCode, worstExitCode } from '../exit-codes.js';
import {
  checkOptimizeFlags,
  fitOption,
  type OptimizeFlags,
  optimizeFromFlags,
  optimizeOption,
} from '../options/optimize-option.js';
import { timeoutOption } from '../options/timeout-option.js';
import { describeError } from '../output/describe-error.js';
import { ProgressBar } from '../output/progress-bar.js';
import { UploadReport } from '../output/upload-report.js';
import { clientFromEnv } from './client-from-env.js';

interface UploadOptions extends OptimizeFlags {
  json: boolean;
  /** Idle timeout per request, in seconds. */
  timeout: number | undefined;
}

/** `heygen-assets upload FILE...`: checks each file locally, uploads it, prints its asset. */
export function registerUploadCommand(program: Command): void {
  program
    .command('upload')
    .description('upload files (HEYGEN_API_KEY, HEYGEN_API_BASE) and print their asset ids')
    .argument('<files...>', 'image, video or audio files')
    .option('--json', 'one JSON object per line: results on stdout, errors on stderr', false)
    .addOption(timeoutOption())
    .addOption(optimizeOption())
    .addOption(fitOption())
    .action(async (files: string[], options: UploadOptions, command: Command) => {
      checkOptimizeFlags(command, options);
      process.exitCode = await upload(files, options);
    });
}

async function upload(files: string[], options: UploadOptions): Promise<ExitCode> {
  const report = new UploadReport(options.json, process.stdout, process.stderr);
  const setup = clientFromEnv(options.timeout);
  if ('problem' in setup) {
    report.failed(undefined, setup.problem);
    return setup.problem.exitCode;
  }
  const { client } = setup;

  let exitCode: ExitCode = EXIT_OK;
  for (const file of files) {
    const fileExitCode = await uploadOne(client, file, report, options);
    exitCode = worstExitCode(exitCode, fileExitCode);
    // A refused key refuses every file alike: stop instead of repeating the same error.
    if (fileExitCode === EXIT_AUTH) break;
  }
  return exitCode;
}

async function uploadOne(
  client: HeygenAssets,
  file: string,
  report: UploadReport,
  options: UploadOptions,
): Promise<ExitCode> {
  const progress =
    !options.json && process.stderr.isTTY ? new ProgressBar(file, process.stderr) : undefined;

  try {
    const asset = await client.uploadFile(file, {
      onProgress: progress?.update,
      optimize: optimizeFromFlags(options),
    });
    progress?.clear();
    report.uploaded(file, asset);
    return EXIT_OK;
  } catch (error) {
    progress?.clear();
    const problem = describeError(error);
    report.failed(file, problem);
    return problem.exitCode;
  }
}
