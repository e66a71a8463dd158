import { type CachedAsset, FileAssetIdCache } from '@heygen-assets/client';
import type { Command } from 'commander';
import { EXIT_OK, type ExitCode } from '../exit-codes.js';
import { formatTime } from '../output/asset-output.js';
import { formatColumns } from '../output/columns.js';
import { describeError } from '../output/describe-error.js';
import { formatBytes } from '../output/format-bytes.js';
import { writeProblem } from '../output/write-problem.js';
import { writeJsonLine } from './run-with-client.js';

/** Header of the `cache list` table. */
const CACHE_TABLE_HEADER = ['ASSET ID', 'TYPE', 'SIZE', 'CHECKED (UTC)', 'SERVER'];

interface CacheCommandOptions {
  json: boolean;
}

/**
 * `heygen-assets cache list|clear`: the SDK's asset-id cache on disk, which `upload` and
 * `upload-url` use to skip bytes already uploaded to the same server and space.
 */
export function registerCacheCommand(program: Command): void {
  const cache = program
    .command('cache')
    .description('the asset-id cache ($XDG_CACHE_HOME or ~/.cache, heygen-assets/asset-ids.json)');

  cache
    .command('list')
    .description('list the cached asset ids, most recently checked first')
    .option('--json', 'one JSON object per entry and line on stdout, nothing else', false)
    .action(async (options: CacheCommandOptions) => {
      process.exitCode = await run(options, listCache);
    });

  cache
    .command('clear')
    .description('forget every cached asset id (the assets themselves stay on the server)')
    .option('--json', 'one JSON object on stdout: {"cleared", "path"}', false)
    .action(async (options: CacheCommandOptions) => {
      process.exitCode = await run(options, clearCache);
    });
}

async function run(
  options: CacheCommandOptions,
  work: (cache: FileAssetIdCache, options: CacheCommandOptions) => Promise<void>,
): Promise<ExitCode> {
  try {
    await work(new FileAssetIdCache(), options);
    return EXIT_OK;
  } catch (error) {
    const problem = describeError(error);
    writeProblem(process.stderr, options.json, undefined, problem);
    return problem.exitCode;
  }
}

async function listCache(cache: FileAssetIdCache, options: CacheCommandOptions): Promise<void> {
  const entries = (await cache.list()).sort((a, b) => b.checkedAt - a.checkedAt);

  if (options.json) {
    for (const entry of entries) writeJsonLine(entryJson(entry));
    return;
  }
  if (entries.length === 0) {
    process.stdout.write('No cached asset ids.\n');
    return;
  }
  process.stdout.write(formatColumns([CACHE_TABLE_HEADER, ...entries.map(entryRow)]));
}

async function clearCache(cache: FileAssetIdCache, options: CacheCommandOptions): Promise<void> {
  const cleared = (await cache.list()).length;
  await cache.clear();

  if (options.json) writeJsonLine({ cleared, path: cache.path });
  else process.stdout.write(`Cleared ${cleared} cached asset ids from ${cache.path}.\n`);
}

/** An entry as a `--json` line, with the API's snake_case names and Unix seconds. */
function entryJson(entry: CachedAsset) {
  return {
    asset_id: entry.assetId,
    url: entry.url,
    mime_type: entry.mimeType,
    size_bytes: entry.sizeBytes,
    sha256: entry.sha256,
    base_url: entry.baseUrl,
    space: entry.space,
    checked_at: Math.floor(entry.checkedAt / 1000),
  };
}

function entryRow(entry: CachedAsset): string[] {
  return [
    entry.assetId,
    entry.mimeType,
    formatBytes(entry.sizeBytes),
    formatTime(new Date(entry.checkedAt)),
    entry.baseUrl,
  ];
}
