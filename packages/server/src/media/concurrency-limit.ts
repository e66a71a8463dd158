/**
 * At most `limit` tasks run at once; the others wait their turn in arrival order. Used where each
 * task may hold a lot of memory for a short while (image decodes), so the worst case is
 * `limit` times one task rather than one task per concurrent upload.
 */
export class ConcurrencyLimit {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    if (!Number.isSafeInteger(limit) || limit < 1) {
      throw new RangeError(`A concurrency limit must be a whole number ≥ 1, not ${limit}.`);
    }
    this.#limit = limit;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#limit) {
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    } else {
      this.#running++;
    }

    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      // The slot passes straight to the next task, so `#running` stays the same.
      if (next) next();
      else this.#running--;
    }
  }
}
