/**
 * Benchmark entry: `npm run bench [-- NAME...] [--size-mib N] [--runs N]`. Runs every benchmark,
 * or only those named. Exits 1 when a benchmark misses its acceptance target, 2 on bad usage,
 * 130 after Ctrl-C.
 * Benchmarks never run in `npm test`: they take minutes and write gigabytes.
 */
import { parseArgs } from 'node:util';
import { benchRenderVideo } from './render-video.js';
import { benchSdkUploadMemory } from './sdk-upload-memory.js';
import { benchUploadThroughput } from './upload-throughput.js';
import { benchVerifyOverhead } from './verify-overhead.js';

/** Size of the uploaded file unless `--size-mib` says otherwise, in MiB (1 GiB). */
const DEFAULT_UPLOAD_SIZE_MIB = 1024;

/** Uploads to each server unless `--runs` says otherwise; the median of them is reported. */
const DEFAULT_RUNS = 3;

/** Exit code after Ctrl-C, as a shell reports a process ended by SIGINT (128 + 2). */
const INTERRUPTED_EXIT_CODE = 130;

interface BenchOptions {
  sizeMib: number;
  runs: number;
  signal: AbortSignal;
}

/** Every benchmark by name; each resolves to whether it met its targets. */
const BENCHMARKS: Record<string, (options: BenchOptions) => Promise<boolean>> = {
  upload: benchUploadThroughput,
  'verify-overhead': benchVerifyOverhead,
  render: benchRenderVideo,
  'sdk-upload-memory': benchSdkUploadMemory,
};

const USAGE = `Usage: npm run bench [-- [${Object.keys(BENCHMARKS).join('|')}]... [options]]
  --size-mib N   size of the uploaded file in MiB (default ${DEFAULT_UPLOAD_SIZE_MIB})
  --runs N       measurements per server, alternating (default ${DEFAULT_RUNS})`;

function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'size-mib': { type: 'string', default: String(DEFAULT_UPLOAD_SIZE_MIB) },
      runs: { type: 'string', default: String(DEFAULT_RUNS) },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const unknown = positionals.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) throw new Error(`Unknown benchmark: ${unknown.join(', ')}`);

  return {
    help: values.help,
    names: positionals.length > 0 ? positionals : Object.keys(BENCHMARKS),
    sizeMib: positiveInteger('--size-mib', values['size-mib']),
    runs: positiveInteger('--runs', values.runs),
  };
}

function positiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new Error(`${flag} must be a positive integer; got ${text}.`);
  }
  return value;
}

async function main(): Promise<number> {
  let commandLine: ReturnType<typeof parseCommandLine>;
  try {
    commandLine = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (commandLine.help) {
    console.log(USAGE);
    return 0;
  }

  // Ctrl-C aborts the upload in flight, so temp files and child servers are still cleaned up.
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort(new Error('Interrupted.')));

  let allMet = true;
  for (const name of commandLine.names) {
    const run = BENCHMARKS[name] as (typeof BENCHMARKS)[string];
    try {
      const met = await run({ ...commandLine, signal: interrupt.signal });
      allMet &&= met;
    } catch (error) {
      if (!interrupt.signal.aborted) throw error;
      console.error(`${name}: interrupted; its temporary files and processes are gone.`);
      return INTERRUPTED_EXIT_CODE;
    }
  }
  return allMet ? 0 : 1;
}

process.exitCode = await main();
