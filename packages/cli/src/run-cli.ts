import { CommanderError } from 'commander';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exit-codes.js';
import { buildProgram } from './program.js';

/**
 * Runs the CLI on `argv` (as in `process.argv`) and sets `process.exitCode`: commands set their
 * own; usage errors are 2 (help and version 0); anything unexpected is 1.
 */
export async function runCli(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    process.exitCode = exitCodeFor(error);
  }
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has already printed the message; it exits 0 for --help and --version.
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`heygen-assets: ${message}\n`);
  return EXIT_FAILURE;
}
