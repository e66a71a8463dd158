import type { HeygenAssets } from '@heygen-assets/client';
import type { ExitCode } from '../exit-codes.js';
import { describeError } from '../output/describe-error.js';
import { writeProblem } from '../output/write-problem.js';
import { clientFromEnv, retryNotices } from './client-from-env.js';

/** The options every API command shares. */
export interface ApiCommandOptions {
  json: boolean;
  /** Idle timeout per request, in seconds. */
  timeout: number | undefined;
}

/**
 * Runs a command's work with the client from the environment. A problem with the setup, or an
 * error the work throws, is reported on stderr as a problem of the whole run and sets the exit
 * code (SPEC §10); the work reports problems with single ids itself.
 */
export async function runWithClient(
  options: ApiCommandOptions,
  work: (client: HeygenAssets) => Promise<ExitCode>,
): Promise<ExitCode> {
  const setup = clientFromEnv(options.timeout, { onRetry: retryNotices(options.json, undefined) });
  if ('problem' in setup) {
    writeProblem(process.stderr, options.json, undefined, setup.problem);
    return setup.problem.exitCode;
  }

  try {
    return await work(setup.client);
  } catch (error) {
    const problem = describeError(error);
    writeProblem(process.stderr, options.json, undefined, problem);
    return problem.exitCode;
  }
}

/** Writes one JSON object as a line on stdout. */
export function writeJsonLine(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
