import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const REPOSITORY_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Scope of the workspace packages: these are compiled, every other dependency is linked. */
const WORKSPACE_SCOPE = '@heygen-assets';

/** How each TypeScript file becomes JavaScript: one file at a time, types erased, ESM kept. */
const TRANSPILE_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2022,
  verbatimModuleSyntax: true,
};

interface WorkspacePackage {
  name: string;
  /** Directory relative to the repository root, e.g. `packages/server`. */
  dir: string;
  manifest: { dependencies?: Record<string, string>; exports?: unknown };
}

/**
 * Writes `bench/` and the workspace packages that `rootPackage` depends on to `outDir` as plain
 * JavaScript, laid out like the repository, with `node_modules` linking every other dependency.
 * A child started from there runs without a TypeScript loader, like a built install, so its RSS
 * is the product's own: the tsx loader's hook thread and its copies of the sources would
 * otherwise add tens of MB. Types are erased, not checked (that is `npm run typecheck`'s job).
 *
 * @returns The directory holding the compiled `bench/` files.
 */
export async function compileForNode(outDir: string, rootPackage: string): Promise<string> {
  const workspace = await workspacePackages();
  const needed = dependencyClosure(workspace, rootPackage);

  for (const pkg of needed) {
    await transpileTree(join(pkg.dir, 'src'), outDir);
    const manifest = { ...pkg.manifest, exports: { '.': './src/index.js' } };
    await writeFile(join(outDir, pkg.dir, 'package.json'), JSON.stringify(manifest, null, 2));
  }
  await transpileTree('bench', outDir);
  await writeFile(join(outDir, 'package.json'), JSON.stringify({ type: 'module' }));
  await linkNodeModules(outDir, needed);
  return join(outDir, 'bench');
}

async function workspacePackages(): Promise<Map<string, WorkspacePackage>> {
  const root = JSON.parse(await readFile(join(REPOSITORY_ROOT, 'package.json'), 'utf8'));
  const packages = new Map<string, WorkspacePackage>();
  for (const dir of root.workspaces as string[]) {
    const manifest = JSON.parse(await readFile(join(REPOSITORY_ROOT, dir, 'package.json'), 'utf8'));
    packages.set(manifest.name, { name: manifest.name, dir, manifest });
  }
  return packages;
}

/** `rootPackage` and every workspace package it depends on, directly or not. */
function dependencyClosure(
  workspace: Map<string, WorkspacePackage>,
  rootPackage: string,
): WorkspacePackage[] {
  const found = new Map<string, WorkspacePackage>();
  const visit = (name: string) => {
    const pkg = workspace.get(name);
    if (!pkg || found.has(name)) return;
    found.set(name, pkg);
    for (const dependency of Object.keys(pkg.manifest.dependencies ?? {})) visit(dependency);
  };
  visit(rootPackage);
  if (found.size === 0) throw new Error(`${rootPackage} is not a workspace package.`);
  return [...found.values()];
}

/** Transpiles every `.ts` file under `sourceDir` (relative to the repository) into `outDir`. */
async function transpileTree(sourceDir: string, outDir: string): Promise<void> {
  const names = await readdir(join(REPOSITORY_ROOT, sourceDir), { recursive: true });
  for (const name of names) {
    if (!name.endsWith('.ts') || name.endsWith('.d.ts')) continue;
    const source = join(REPOSITORY_ROOT, sourceDir, name);
    const target = join(outDir, relative(REPOSITORY_ROOT, source)).replace(/\.ts$/, '.js');
    const output = ts.transpileModule(await readFile(source, 'utf8'), {
      compilerOptions: TRANSPILE_OPTIONS,
      fileName: source,
    });
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, output.outputText);
  }
}

/**
 * `outDir/node_modules`: the compiled workspace packages under their names, and a link to every
 * other installed package, so imports resolve as in the repository.
 */
async function linkNodeModules(outDir: string, compiled: WorkspacePackage[]): Promise<void> {
  const modulesDir = join(outDir, 'node_modules');
  await mkdir(join(modulesDir, WORKSPACE_SCOPE), { recursive: true });
  for (const pkg of compiled) {
    await symlink(join(outDir, pkg.dir), join(modulesDir, pkg.name), 'dir');
  }

  const installed = await readdir(join(REPOSITORY_ROOT, 'node_modules'));
  for (const name of installed) {
    if (name === WORKSPACE_SCOPE || name.startsWith('.')) continue;
    await symlink(join(REPOSITORY_ROOT, 'node_modules', name), join(modulesDir, name), 'dir');
  }
}
