import { DEFAULT_BASE_URL, HeygenAssets } from '@heygen-assets/client';
import { type Command, Option } from 'commander';
import { EXIT_AUTH, EXIT_OK, EXIT_USAGE, type ExitCode, worstExitCode } from '../exit-codes.js';
import { positiveSeconds } from '../options/parse-number-option.js';
import { describeError } from '../output/describe-error.js';
import { ProgressBar } from '../output/progress-bar.js';
import { UploadReport } from '../output/upload-report.js';

interface UploadOptions {
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
    .addOption(
      new Option(
        '--timeout <seconds>',
        'give up on a request idle this long (default: 30)',
      ).argParser(positiveSeconds),
    )
    .action(async (files: string[], options: UploadOptions) => {
      process.exitCode = await upload(files, options);
    });
}

async function upload(files: string[], options: UploadOptions): Promise<ExitCode> {
  const report = new UploadReport(options.json, process.stdout, process.stderr);
  const client = createClient(options, report);
  if (typeof client === 'number') return client;

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
    const asset = await client.uploadFile(file, { onProgress: progress?.update });
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

/** The client from the environment, or the exit code when the environment cannot work. */
function createClient(options: UploadOptions, report: UploadReport): HeygenAssets | ExitCode {
  const apiKey = process.env.HEYGEN_API_KEY;
  if (!apiKey) {
    report.failed(undefined, {
      code: 'missing_api_key',
      message: 'HEYGEN_API_KEY is not set.',
      hint: 'Export the key `heygen-assets serve` printed: export HEYGEN_API_KEY=…',
      exitCode: EXIT_AUTH,
    });
    return EXIT_AUTH;
  }

  try {
    return new HeygenAssets({
      apiKey,
      baseUrl: process.env.HEYGEN_API_BASE || DEFAULT_BASE_URL,
      timeoutMs: options.timeout === undefined ? undefined : options.timeout * 1000,
    });
  } catch (error) {
    report.failed(undefined, { ...describeError(error), exitCode: EXIT_USAGE });
    return EXIT_USAGE;
  }
}
