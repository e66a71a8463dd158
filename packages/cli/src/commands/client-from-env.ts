import { DEFAULT_BASE_URL, HeygenAssets } from '@heygen-assets/client';
import { EXIT_AUTH, EXIT_USAGE } from '../exit-codes.js';
import { describeError, type Problem } from '../output/describe-error.js';

/**
 * The client for `HEYGEN_API_KEY` and `HEYGEN_API_BASE` (as in the official HeyGen CLI), or the
 * problem that keeps it from working: no key is an auth failure (3), a bad base URL a usage one.
 *
 * @param timeoutSeconds idle limit per request, in seconds; the client's default when undefined
 */
export function clientFromEnv(
  timeoutSeconds: number | undefined,
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
    });
    return { client };
  } catch (error) {
    return { problem: { ...describeError(error), exitCode: EXIT_USAGE } };
  }
}
