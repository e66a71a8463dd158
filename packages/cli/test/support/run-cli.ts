import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Where the CLI runs: the repository root. */
export const CLI_CWD = fileURLToPath(new URL('../../../../', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** Environment changes for one run: a string sets the variable, `undefined` removes it. */
export type EnvChanges = Record<string, string | undefined>;

export interface CliResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** The command line that runs `heygen-assets ARGS…` from source (in `CLI_CWD`). */
export function cliCommand(args: readonly string[]): string[] {
  return [process.execPath, '--conditions=source', '--import', 'tsx', MAIN, ...args];
}

/** This process's environment with `changes` applied. */
export function withEnvChanges(changes: EnvChanges): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/** Starts `heygen-assets ARGS…` from source, as a user would run it, in the repository root. */
export function spawnCli(args: readonly string[], env: EnvChanges = {}): ChildProcess {
  const [command, ...commandArgs] = cliCommand(args);
  return spawn(command as string, commandArgs, {
    cwd: CLI_CWD,
    env: withEnvChanges(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs the CLI to its end and collects what it printed. */
export async function runCli(args: readonly string[], env: EnvChanges = {}): Promise<CliResult> {
  const child = spawnCli(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { exitCode, stdout, stderr };
}

/** The lines of `text`, without the empty one after the final newline. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line, index, all) => line !== '' || index < all.length - 1);
}
