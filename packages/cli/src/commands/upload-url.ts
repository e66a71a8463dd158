import type { HeygenAssets } from '@heygen-assets/client';
import { type Command, Option } from 'commander';
import { EXIT_AUTH, EXIT_OK, type ExitCode, worstExitCode } from '../exit-codes.js';
import { noCacheOption, retriesOption } from '../options/client-flags.js';
import { integerInRange } from '../options/parse-number-option.js';
import { timeoutOption } from '../options/timeout-option.js';
import { describeError } from '../output/describe-error.js';
import { ProgressBar } from '../output/progress-bar.js';
import { UploadReport } from '../output/upload-report.js';
import { clientFromEnv, retryNotices } from './client-from-env.js';

interface UploadUrlOptions {
  json: boolean;
  /** Idle timeout per request, in seconds. */
  timeout: number | undefined;
  allowPrivateNetworks: boolean;
  /** Largest body accepted, in bytes. */
  maxBytes: number | undefined;
  /** Retries after a failed request to the API; the SDK's default when undefined. */
  retries: number | undefined;
  /** `false` under `--no-cache`. */
  cache: boolean;
}

/**
 * `heygen-assets upload-url URL...`: fetches each URL (public addresses only unless allowed),
 * checks the media and uploads it, reporting each like `upload` reports a file.
 */
export function registerUploadUrlCommand(program: Command): void {
  program
    .command('upload-url')
    .description('fetch media from http(s) URLs and upload it (HEYGEN_API_KEY, HEYGEN_API_BASE)')
    .argument('<urls...>', 'http:// or https:// URLs of images, video or audio')
    .option(
      '--allow-private-networks',
      'also fetch from this machine and private networks (refused by default)',
      false,
    )
    .addOption(
      new Option(
        '--max-bytes <n>',
        'refuse a body larger than this (default: the type’s limit)',
      ).argParser(integerInRange(1, Number.MAX_SAFE_INTEGER)),
    )
    .option('--json', 'one JSON object per line: results on stdout, errors on stderr', false)
    .addOption(retriesOption())
    .addOption(noCacheOption())
    .addOption(timeoutOption())
    .action(async (urls: string[], options: UploadUrlOptions) => {
      process.exitCode = await uploadUrls(urls, options);
    });
}

async function uploadUrls(urls: string[], options: UploadUrlOptions): Promise<ExitCode> {
  const report = new UploadReport(options.json, process.stdout, process.stderr);
  const setup = clientFromEnv(options.timeout, {
    retries: options.retries,
    cache: options.cache,
    onRetry: retryNotices(options.json, options.retries),
  });
  if ('problem' in setup) {
    report.failed(undefined, setup.problem);
    return setup.problem.exitCode;
  }

  let exitCode: ExitCode = EXIT_OK;
  for (const url of urls) {
    const urlExitCode = await uploadOne(setup.client, url, report, options);
    exitCode = worstExitCode(exitCode, urlExitCode);
    // A refused key refuses every upload alike: stop instead of repeating the same error.
    if (urlExitCode === EXIT_AUTH) break;
  }
  return exitCode;
}

async function uploadOne(
  client: HeygenAssets,
  url: string,
  report: UploadReport,
  options: UploadUrlOptions,
): Promise<ExitCode> {
  const progress =
    !options.json && process.stderr.isTTY ? new ProgressBar(url, process.stderr) : undefined;

  try {
    const asset = await client.uploadFromUrl(url, {
      allowPrivateNetworks: options.allowPrivateNetworks,
      maxBytes: options.maxBytes,
      onProgress: progress?.update,
    });
    progress?.clear();
    report.uploaded(url, asset);
    return EXIT_OK;
  } catch (error) {
    progress?.clear();
    const problem = describeError(error);
    report.failed(url, problem);
    return problem.exitCode;
  }
}
