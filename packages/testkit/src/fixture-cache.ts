/**
 * Remembers fixtures made by an external encoder for the life of the process, keyed by their
 * options, so a test file that asks for the same MP4 ten times runs ffmpeg once. Each caller gets
 * its own copy, so patching bytes in one test cannot leak into another.
 */
export class FixtureCache {
  readonly #made = new Map<string, Promise<Buffer>>();

  async get(key: unknown, make: () => Promise<Buffer>): Promise<Buffer> {
    const cacheKey = JSON.stringify(key);
    let pending = this.#made.get(cacheKey);
    if (!pending) {
      pending = make();
      this.#made.set(cacheKey, pending);
      // A failed encode is not remembered, so a later call can try again.
      pending.catch(() => this.#made.delete(cacheKey));
    }
    return Buffer.from(await pending);
  }
}
