import type { Asset, HeygenAssets, ListAssetsOptions } from '@heygen-assets/client';
import { MEDIA_TYPES } from '@heygen-assets/core';
import { type Command, Option } from 'commander';
import { EXIT_OK, type ExitCode } from '../exit-codes.js';
import { integerInRange } from '../options/parse-number-option.js';
import { timeoutOption } from '../options/timeout-option.js';
import { ASSET_TABLE_HEADER, assetJson, assetRow } from '../output/asset-output.js';
import { formatColumns } from '../output/columns.js';
import { type ApiCommandOptions, runWithClient, writeJsonLine } from './run-with-client.js';

/** Largest page the server serves (SPEC §6). */
const MAX_PAGE_SIZE = 100;

const FILE_TYPES = [...new Set(Object.values(MEDIA_TYPES).map((rule) => rule.fileType))];

interface ListOptions extends ApiCommandOptions {
  type: string | undefined;
  folder: string | undefined;
  limit: number | undefined;
  all: boolean;
}

/** `heygen-assets list`: the space's assets, newest first. */
export function registerListCommand(program: Command): void {
  program
    .command('list')
    .description('list the assets of the space (completed ones), newest first')
    .addOption(new Option('--type <type>', 'only assets of this type').choices(FILE_TYPES))
    .option('--folder <id>', 'only assets in this folder')
    .addOption(
      new Option('--limit <n>', 'assets per page, 1–100 (default: 20)').argParser(
        integerInRange(1, MAX_PAGE_SIZE),
      ),
    )
    .option('--all', 'every page, not only the first', false)
    .option('--json', 'one JSON object per asset and line on stdout, nothing else', false)
    .addOption(timeoutOption())
    .action(async (options: ListOptions) => {
      process.exitCode = await runWithClient(options, (client) => list(client, options));
    });
}

async function list(client: HeygenAssets, options: ListOptions): Promise<ExitCode> {
  const query: ListAssetsOptions = {
    type: options.type,
    folderId: options.folder,
    limit: options.limit,
  };

  if (options.json) {
    // Lines go out page by page, so a long listing starts at once and memory stays flat.
    const assets = options.all ? client.listAll(query) : (await client.list(query)).assets;
    for await (const asset of assets) writeJsonLine(assetJson(asset));
    return EXIT_OK;
  }

  const { assets, hasMore } = options.all
    ? { assets: await collect(client.listAll(query)), hasMore: false }
    : await client.list(query);
  printTable(assets);
  if (hasMore) {
    process.stderr.write('More assets follow: add --all to list them all.\n');
  }
  return EXIT_OK;
}

function printTable(assets: readonly Asset[]): void {
  if (assets.length === 0) {
    process.stdout.write('No assets.\n');
    return;
  }
  process.stdout.write(formatColumns([ASSET_TABLE_HEADER, ...assets.map(assetRow)]));
}

async function collect(assets: AsyncIterable<Asset>): Promise<Asset[]> {
  const all: Asset[] = [];
  for await (const asset of assets) all.push(asset);
  return all;
}
