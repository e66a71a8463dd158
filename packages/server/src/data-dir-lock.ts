import { readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const LOCK_FILE_NAME = 'server.pid';

/** Data directories held by servers of this process. */
const heldHere = new Set<string>();

/**
 * Claims the data directory for one server process: the embedded catalog and the start-up
 * clean-up of temp files both assume nobody else uses it. A lock left by a dead process is
 * taken over.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, LOCK_FILE_NAME);
  const holder = await readFile(path, 'utf8').then(Number, () => undefined);
  if (heldHere.has(dataDir) || (holder && holder !== process.pid && isRunning(holder))) {
    throw new Error(
      `Another heygen-assets server (pid ${holder}) is using the data directory ${dataDir}. ` +
        'Stop it first, or start this one with another --data-dir.',
    );
  }

  await writeFile(path, String(process.pid), { mode: 0o644 });
  heldHere.add(dataDir);
  return async () => {
    heldHere.delete(dataDir);
    await unlink(path).catch(() => {});
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
