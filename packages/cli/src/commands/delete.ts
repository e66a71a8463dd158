import type { HeygenAssets } from '@heygen-assets/client';
import type { Command } from 'commander';
import { EXIT_AUTH, EXIT_OK, type ExitCode, worstExitCode } from '../exit-codes.js';
import { timeoutOption } from '../options/timeout-option.js';
import { describeError } from '../output/describe-error.js';
import { writeProblem } from '../output/write-problem.js';
import { withNotFoundHint } from './not-found-hint.js';
import { type ApiCommandOptions, runWithClient, writeJsonLine } from './run-with-client.js';

/** `heygen-assets delete ID...`: deletes each asset; its files URL answers 404 from then on. */
export function registerDeleteCommand(program: Command): void {
  program
    .command('delete')
    .description('delete assets; their files URLs stop working')
    .argument('<ids...>', 'asset ids')
    .option('--json', 'one JSON object per deleted asset on stdout, errors on stderr', false)
    .addOption(timeoutOption())
    .action(async (ids: string[], options: ApiCommandOptions) => {
      process.exitCode = await runWithClient(options, (client) => deleteAll(client, ids, options));
    });
}

async function deleteAll(
  client: HeygenAssets,
  ids: string[],
  options: ApiCommandOptions,
): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT_OK;
  for (const id of ids) {
    const idExitCode = await deleteOne(client, id, options);
    exitCode = worstExitCode(exitCode, idExitCode);
    // A refused key refuses every id alike: stop instead of repeating the same error.
    if (idExitCode === EXIT_AUTH) break;
  }
  return exitCode;
}

async function deleteOne(
  client: HeygenAssets,
  id: string,
  options: ApiCommandOptions,
): Promise<ExitCode> {
  try {
    const deleted = await client.delete(id);
    if (options.json) writeJsonLine({ id: deleted.id, deleted: true });
    else process.stdout.write(`${deleted.id}  deleted\n`);
    return EXIT_OK;
  } catch (error) {
    const problem = withNotFoundHint(describeError(error));
    writeProblem(process.stderr, options.json, { key: 'id', value: id }, problem);
    return problem.exitCode;
  }
}
