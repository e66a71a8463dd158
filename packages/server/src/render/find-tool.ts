import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { RenderError } from './render-error.js';

export interface ToolLookup {
  /** Executable name looked up on `PATH`, e.g. `ffmpeg`. */
  command: string;
  /** Environment variable that names the executable and wins over everything else. */
  environmentVariable: string;
  /** A last resort, e.g. the binary a registry package ships; undefined when there is none. */
  bundled?: () => string | undefined;
  /** How to install it, as a sentence without its final full stop. */
  installHint: string;
}

/**
 * The executable for `lookup`: the environment variable's path, else the command on `PATH`,
 * else the bundled binary. Looked up at every call, so installing a tool needs no restart.
 *
 * @throws RenderError `renderer_missing` naming every place looked at and what to install.
 */
export function findTool(lookup: ToolLookup): string {
  const fromEnvironment = process.env[lookup.environmentVariable];
  if (fromEnvironment) {
    if (isExecutable(fromEnvironment)) return fromEnvironment;
    throw new RenderError(
      'renderer_missing',
      `${lookup.environmentVariable} is ${fromEnvironment}, which is not an executable file. ` +
        `Point it at ${lookup.command}, or unset it to use the one on PATH. ${lookup.installHint}.`,
    );
  }

  const found = findOnPath(lookup.command) ?? lookup.bundled?.();
  if (found) return found;

  throw new RenderError(
    'renderer_missing',
    `No ${lookup.command} found: ${lookup.environmentVariable} is not set and no executable ` +
      `${lookup.command} is on PATH. ${lookup.installHint}, or set ${lookup.environmentVariable}.`,
  );
}

function findOnPath(command: string): string | undefined {
  const directories = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const directory of directories) {
    const candidate = join(directory, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
