import type { HeygenAssets } from '@heygen-assets/client';
import type { Command } from 'commander';
import { EXIT_OK, type ExitCode } from '../exit-codes.js';
import { timeoutOption } from '../options/timeout-option.js';
import { assetDetails, assetJson } from '../output/asset-output.js';
import { formatColumns } from '../output/columns.js';
import { describeError } from '../output/describe-error.js';
import { writeProblem } from '../output/write-problem.js';
import { withNotFoundHint } from './not-found-hint.js';
import { type ApiCommandOptions, runWithClient, writeJsonLine } from './run-with-client.js';

/** `heygen-assets get ID`: one asset with everything the server knows about it. */
export function registerGetCommand(program: Command): void {
  program
    .command('get')
    .description('show one asset')
    .argument('<id>', 'asset id')
    .option('--json', 'the asset as one JSON object on stdout, nothing else', false)
    .addOption(timeoutOption())
    .action(async (id: string, options: ApiCommandOptions) => {
      process.exitCode = await runWithClient(options, (client) => get(client, id, options));
    });
}

async function get(
  client: HeygenAssets,
  id: string,
  options: ApiCommandOptions,
): Promise<ExitCode> {
  try {
    const asset = await client.get(id);
    if (options.json) writeJsonLine(assetJson(asset));
    else process.stdout.write(formatColumns(assetDetails(asset)));
    return EXIT_OK;
  } catch (error) {
    const problem = withNotFoundHint(describeError(error));
    writeProblem(process.stderr, options.json, { key: 'id', value: id }, problem);
    return problem.exitCode;
  }
}
