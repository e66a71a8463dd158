import type { AssetStatusEntry, HeygenAssets } from '@heygen-assets/client';
import type { Command } from 'commander';
import { EXIT_FAILURE, EXIT_OK, type ExitCode } from '../exit-codes.js';
import { timeoutOption } from '../options/timeout-option.js';
import { formatColumns } from '../output/columns.js';
import { type ApiCommandOptions, runWithClient, writeJsonLine } from './run-with-client.js';

const STATUS_TABLE_HEADER = ['ID', 'STATUS', 'BATCH', 'ITEM', 'ERROR'];
const NONE = '-';

interface StatusOptions extends ApiCommandOptions {
  batch: string[] | undefined;
}

/** `heygen-assets status ID... [--batch ID...]`: where assets and batch items stand. */
export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('show the status of assets, and of every item of batches')
    .argument('[ids...]', 'asset ids')
    .option('--batch <ids...>', 'batch ids: one line per item of each')
    .option('--json', 'one JSON object per asset and line on stdout, nothing else', false)
    .addOption(timeoutOption())
    .action(async (ids: string[], options: StatusOptions, command: Command) => {
      const batchIds = options.batch ?? [];
      if (ids.length === 0 && batchIds.length === 0) {
        command.error('error: give at least one asset id, or --batch with a batch id');
      }
      process.exitCode = await runWithClient(options, (client) =>
        status(client, ids, batchIds, options),
      );
    });
}

async function status(
  client: HeygenAssets,
  assetIds: string[],
  batchIds: string[],
  options: StatusOptions,
): Promise<ExitCode> {
  const entries = await client.statuses({ assetIds, batchIds });

  if (options.json) {
    for (const entry of entries) writeJsonLine(statusJson(entry));
  } else {
    process.stdout.write(formatColumns([STATUS_TABLE_HEADER, ...entries.map(statusRow)]));
  }
  // An unknown id fails the command, as it does for `get`; a failed asset is a status like any.
  return entries.some((entry) => entry.status === 'not_found') ? EXIT_FAILURE : EXIT_OK;
}

function statusJson(entry: AssetStatusEntry) {
  return {
    asset_id: entry.assetId,
    status: entry.status,
    error: entry.error,
    batch_id: entry.batchId,
    item_index: entry.itemIndex,
  };
}

function statusRow(entry: AssetStatusEntry): string[] {
  return [
    entry.assetId ?? NONE,
    entry.status,
    entry.batchId ?? NONE,
    entry.itemIndex === undefined ? NONE : String(entry.itemIndex),
    entry.error ? `${entry.error.code}: ${entry.error.message}` : NONE,
  ];
}
