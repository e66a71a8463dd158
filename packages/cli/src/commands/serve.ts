import type { LogLevel, RunningServer } from '@heygen-assets/server';
import { type Command, Option } from 'commander';
import { EXIT_FAILURE } from '../exit-codes.js';
import { httpUrl, integerInRange } from '../options/parse-number-option.js';
import type { Problem } from '../output/describe-error.js';
import { describeStartedServer } from '../output/serve-banner.js';
import { writeProblem } from '../output/write-problem.js';

const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];
const DEFAULT_PORT = 3000;
const MAX_PORT = 65_535;
/** Upper bound for `--upload-url-ttl`, in seconds (7 days, as long as S3 presigned URLs last). */
const MAX_UPLOAD_URL_TTL_SECONDS = 7 * 24 * 60 * 60;

interface ServeOptions {
  host: string;
  port: number;
  dataDir: string;
  publicUrl: string | undefined;
  uploadUrlTtl: number;
  fetchAllowPrivateNetworks: boolean;
  logLevel: LogLevel;
}

/** Read for `--fetch-allow-private-networks` when the flag is not given. */
const FETCH_ALLOW_PRIVATE_NETWORKS_ENV = 'HEYGEN_FETCH_ALLOW_PRIVATE_NETWORKS';

/** `heygen-assets serve`: runs the server in the foreground until SIGINT or SIGTERM. */
export function registerServeCommand(program: Command): void {
  const port = integerInRange(0, MAX_PORT);

  program
    .command('serve')
    .description('run the asset server in the foreground')
    .addOption(
      new Option('--host <host>', 'interface to listen on').env('HEYGEN_HOST').default('127.0.0.1'),
    )
    .addOption(
      new Option('--port <port>', 'TCP port, 0 for any free one (env PORT is read too)')
        .env('HEYGEN_PORT')
        .argParser(port)
        .default(DEFAULT_PORT),
    )
    .addOption(
      new Option('--data-dir <dir>', 'directory for the catalog, blobs and temp files')
        .env('HEYGEN_DATA_DIR')
        .default('./.data'),
    )
    .addOption(
      new Option('--public-url <url>', 'base URL clients reach the server at (default: as bound)')
        .env('HEYGEN_PUBLIC_URL')
        .argParser(httpUrl),
    )
    .addOption(
      new Option('--upload-url-ttl <seconds>', 'lifetime of a presigned upload URL')
        .env('HEYGEN_UPLOAD_URL_TTL')
        .argParser(integerInRange(1, MAX_UPLOAD_URL_TTL_SECONDS))
        .default(3600),
    )
    .addOption(
      new Option(
        '--fetch-allow-private-networks',
        'let video requests fetch external URLs from loopback and private networks ' +
          `(env ${FETCH_ALLOW_PRIVATE_NETWORKS_ENV}=1)`,
      ).default(false),
    )
    .addOption(
      new Option('--log-level <level>', 'server log level')
        .env('HEYGEN_LOG_LEVEL')
        .choices(LOG_LEVELS)
        .default('info'),
    )
    .action(async (options: ServeOptions, command: Command) => {
      // `PORT` is what most hosting platforms set; `HEYGEN_PORT` and `--port` take precedence.
      const fallbackPort = process.env.PORT;
      if (command.getOptionValueSource('port') === 'default' && fallbackPort) {
        options.port = port(fallbackPort);
      }
      // Read by hand: Commander turns a boolean flag on for any value of its variable, `0` too.
      if (command.getOptionValueSource('fetchAllowPrivateNetworks') === 'default') {
        const value = process.env[FETCH_ALLOW_PRIVATE_NETWORKS_ENV];
        const enabled = switchValue(value);
        if (enabled === undefined) {
          command.error(
            `error: ${FETCH_ALLOW_PRIVATE_NETWORKS_ENV} must be 1 or 0 (true or false), not ${JSON.stringify(value)}.`,
            { exitCode: 2 },
          );
        }
        options.fetchAllowPrivateNetworks = enabled === true;
      }
      await serve(options);
    });
}

async function serve(options: ServeOptions): Promise<void> {
  // Loaded here, not at the top: the other commands only talk to a server over HTTP and need
  // not load (or start up slower because of) the whole server.
  const { startServer, tuneHeapForUploads } = await import('@heygen-assets/server');
  // This process is the server alone, so it may take V8 settings for itself.
  tuneHeapForUploads();
  const envApiKey = process.env.HEYGEN_API_KEY || undefined;
  let server: RunningServer;
  try {
    server = await startServer({
      host: options.host,
      port: options.port,
      dataDir: options.dataDir,
      publicUrl: options.publicUrl,
      uploadUrlTtlSeconds: options.uploadUrlTtl,
      fetchAllowPrivateNetworks: options.fetchAllowPrivateNetworks,
      logLevel: options.logLevel,
      apiKey: envApiKey,
    });
  } catch (error) {
    const problem = listenProblem(error, options);
    if (!problem) throw error;
    writeProblem(process.stderr, false, undefined, problem);
    process.exitCode = problem.exitCode;
    return;
  }

  // Listen for signals before announcing the URL: whoever reads it may stop us right away.
  closeOnSignals(server);
  process.stdout.write(
    describeStartedServer({
      url: server.url,
      dataDir: server.config.dataDir,
      generatedApiKey: server.generatedApiKey,
      keyFromEnvironment: envApiKey !== undefined,
    }),
  );
}

/** Why the server could not listen on the address it was given, for people; else undefined. */
function listenProblem(error: unknown, { host, port }: ServeOptions): Problem | undefined {
  const address = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const flags = 'with --port or HEYGEN_PORT';
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return {
        code: 'port_in_use',
        message: `${address} is already in use by another program.`,
        hint: `Stop that program, or choose another port ${flags} (0 picks a free one).`,
        exitCode: EXIT_FAILURE,
      };
    case 'EACCES':
      return {
        code: 'port_not_permitted',
        message: `This user may not listen on ${address}.`,
        hint: `Ports below 1024 need privileges: choose a port of 1024 or more ${flags}.`,
        exitCode: EXIT_FAILURE,
      };
    case 'EADDRNOTAVAIL':
      return {
        code: 'address_not_available',
        message: `${host} is not an address of this machine.`,
        hint:
          'Listen on 127.0.0.1 (this machine only) or 0.0.0.0 (every interface) ' +
          'with --host or HEYGEN_HOST.',
        exitCode: EXIT_FAILURE,
      };
    default:
      return undefined;
  }
}

/** An on/off environment value: unset or empty is off; `undefined` for anything unreadable. */
function switchValue(value: string | undefined): boolean | undefined {
  const text = (value ?? '').trim().toLowerCase();
  if (['', '0', 'false', 'no', 'off'].includes(text)) return false;
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  return undefined;
}

/** The first SIGINT/SIGTERM closes gracefully; a second one gives up waiting and exits. */
function closeOnSignals(server: RunningServer): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      process.exit(1);
    }
    closing = true;
    process.stderr.write(`Received ${signal}, closing (send it again to exit at once)…\n`);
    server.close().then(
      () => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      },
      (error: unknown) => {
        process.stderr.write(`heygen-assets: closing failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };

  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
