import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { writeTempFile } from '@heygen-assets/testkit';

/** How sharp fails to load in the child process. */
export type NoSharpMode = 'missing' | 'broken';

/** The SDK's entry point, for the child's script to import from its source. */
export const CLIENT_SOURCE_URL = new URL('../../src/index.ts', import.meta.url).href;

const REPOSITORY_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Runs `script` (a TypeScript module that imports the SDK from `CLIENT_SOURCE_URL`) in a child
 * process whose module resolution cannot give it sharp: `missing` resolves `sharp` to a package
 * that does not exist (as when it is not installed), `broken` to a module that throws as sharp
 * does without its native binary. The script gets `args` as `process.argv.slice(2)`; resolves to
 * what it wrote to stdout, parsed as JSON. Its files are written to `workDir`.
 */
export async function runWithoutSharp(
  workDir: string,
  mode: NoSharpMode,
  script: string,
  args: readonly string[],
): Promise<unknown> {
  const hooks = await writeTempFile(
    workDir,
    'no-sharp-hooks.mjs',
    Buffer.from(`
      const broken = 'data:text/javascript,throw new Error("Could not load the sharp module")';
      export async function resolve(specifier, context, next) {
        if (specifier !== 'sharp') return next(specifier, context);
        if (process.env.NO_SHARP_MODE === 'broken') return { url: broken, shortCircuit: true };
        return next('sharp-is-not-installed-here', context);
      }
    `),
  );
  const hooksUrl = JSON.stringify(new URL(`file://${hooks}`).href);
  const register = await writeTempFile(
    workDir,
    'no-sharp.mjs',
    Buffer.from(`import { register } from 'node:module';\nregister(${hooksUrl});\n`),
  );
  const scriptPath = await writeTempFile(workDir, 'without-sharp.mts', Buffer.from(script));

  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', '--import', register, scriptPath, ...args],
    {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, NO_SHARP_MODE: mode },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exitCode = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(exitCode, 0, stderr);
  return JSON.parse(stdout);
}
