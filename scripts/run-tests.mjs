#!/usr/bin/env node
// Runs every test file of the workspace with Node's test runner, TypeScript loaded through tsx
// and workspace packages resolved to their sources (the `source` export condition).
// Usage: npm test [-- PATH_SUBSTRING...]  (only files whose path contains one of the substrings)
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

function testFiles(dir) {
  const found = [];
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...testFiles(path));
    else if (name.endsWith('.test.ts')) found.push(relative(root, path));
  }
  return found;
}

const files = [...testFiles(join(root, 'packages')), ...testFiles(join(root, 'test'))]
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

if (files.length === 0) {
  console.error(`No test files match ${filters.join(', ') || 'the workspace'}.`);
  process.exit(1);
}

const child = spawn(
  process.execPath,
  ['--conditions=source', '--import', 'tsx', '--test', '--test-concurrency=2', ...files],
  // The SDK's on-disk asset-id cache stays off: a test must never reuse an id another test (or
  // an earlier run on the same port) cached. Cache tests pass their own cache.
  { cwd: root, stdio: 'inherit', env: { ...process.env, HEYGEN_ASSETS_NO_CACHE: '1' } },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
