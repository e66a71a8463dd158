import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Start of the name of each staging directory, under the system's temporary directory. */
const STAGING_DIRECTORY_PREFIX = 'heygen-assets-batch-';

/**
 * A private temporary directory (owner only) that holds bytes made in memory — optimised
 * images — until they are sent, so that many of them wait on disk rather than in memory. It is
 * made on the first write, never when nothing is written, and `remove` deletes it with
 * everything in it.
 */
export class StagingDirectory {
  #directory: Promise<string> | undefined;
  #files = 0;

  /** Writes `bytes` to a new file of the directory, readable by its owner only; its path. */
  async write(bytes: Uint8Array, signal: AbortSignal | undefined): Promise<string> {
    this.#directory ??= mkdtemp(join(tmpdir(), STAGING_DIRECTORY_PREFIX));
    const path = join(await this.#directory, `staged-${this.#files++}`);

    await writeFile(path, bytes, { flag: 'wx', mode: 0o600, signal });
    return path;
  }

  /** Deletes the directory and its files; does nothing when none was made. */
  async remove(): Promise<void> {
    const directory = await this.#directory?.catch(() => undefined);
    if (directory === undefined) return;

    await rm(directory, { recursive: true, force: true });
  }
}
