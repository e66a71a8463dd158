import {
  DEFAULT_BASE_URL,
  DEFAULT_RETRIES,
  HeygenAssets,
  type RetryEvent,
} from '@heygen-assets/client';
import { EXIT_AUTH, EXIT_USAGE } from '../exit-codes.js';
import { describeError, type Problem } from '../output/describe-error.js';
import { writeAboveBar } from '../output/progress-bar.js';
import { retryNotice } from '../output/retry-notice.js';

/** What `--retries` and `--no-cache` ask of the client; the SDK's defaults where undefined. */
export interface ClientFlags {
  /** Retries after a failed request (`--retries`); 0 turns retrying off. */
  retries?: number | undefined;
  /** `false` (`--no-cache`) leaves the asset-id cache out: every file is uploaded. */
  cache?: boolean | undefined;
  /**
   * Where to tell people about a retry before it happens; none under `--json`, whose stderr
   * holds only the JSON error lines.
   */
  onRetry?: ((event: RetryEvent) => void) | undefined;
}

/**
 * Writes each retry as a line of `retryNotice` through `write` (stderr, or above a progress
 * line), unless the output is JSON.
 */
export function retryNotices(
  json: boolean,
  retries: number | undefined,
  write: (line: string) => void = (line) => writeAboveBar(() => process.stderr.write(line)),
): ((event: RetryEvent) => void) | undefined {
  if (json) return undefined;
  return (event) => write(retryNotice(event, retries ?? DEFAULT_RETRIES));
}

/**
 * The client for `HEYGEN_API_KEY` and `HEYGEN_API_BASE` (as in the official HeyGen CLI), or the
 * problem that keeps it from working: no key is an auth failure (3), a bad base URL a usage one.
 *
 * @param timeoutSeconds idle limit per request, in seconds; the client's default when undefined
 * @param flags the retry and cache choices of the command line
 */
export function clientFromEnv(
  timeoutSeconds: number | undefined,
  flags: ClientFlags = {},
): { client: HeygenAssets } | { problem: Problem } {
  const apiKey = process.env.HEYGEN_API_KEY;
  if (!apiKey) {
    const problem: Problem = {
      code: 'missing_api_key',
      message: 'HEYGEN_API_KEY is not set.',
      hint: 'Export the key `heygen-assets serve` printed: export HEYGEN_API_KEY=…',
      exitCode: EXIT_AUTH,
    };
    return { problem };
  }

  try {
    const client = new HeygenAssets({
      apiKey,
      baseUrl: process.env.HEYGEN_API_BASE || DEFAULT_BASE_URL,
      timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
      retry: { retries: flags.retries, onRetry: flags.onRetry },
      // Left undefined rather than `true`, so `HEYGEN_ASSETS_NO_CACHE` still turns it off.
      cache: flags.cache === false ? false : undefined,
    });
    return { client };
  } catch (error) {
    return { problem: { ...describeError(error), exitCode: EXIT_USAGE } };
  }
}
