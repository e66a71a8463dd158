import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const CHURN_SCRIPT = fileURLToPath(new URL('./support/buffer-churn.ts', import.meta.url));

interface ChurnResult {
  fullCollections: number;
  received: number;
}

/** Runs the buffer churn in a fresh Node process (V8 settings are per process). */
async function churn(mode: 'minimal' | 'tuned'): Promise<ChurnResult> {
  const { stdout } = await execFileAsync(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', CHURN_SCRIPT, mode],
    { timeout: 60_000 },
  );
  return JSON.parse(stdout) as ChurnResult;
}

describe('tuneHeapForUploads', () => {
  test('512 MiB of upload-sized buffers cost at most 2 full collections, not a storm of them', async () => {
    const untuned = await churn('minimal');
    const tuned = await churn('tuned');

    assert.equal(untuned.received, 512 * 1024 * 1024);
    assert.equal(tuned.received, 512 * 1024 * 1024);
    // The problem the tuning exists for: if this fails, this Node's V8 no longer collects
    // fully every few MiB of buffers at its smallest growth factor, and `tuneHeapForUploads`
    // may no longer be needed.
    assert.ok(
      untuned.fullCollections >= 4,
      `untuned: ${untuned.fullCollections} full collections (a storm is 6 or more)`,
    );
    assert.ok(tuned.fullCollections <= 2, `tuned: ${tuned.fullCollections} full collections`);
  });
});
