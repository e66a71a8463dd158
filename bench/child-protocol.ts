/**
 * How a benchmark's server child talks to the parent: it prints one JSON line `{"url": …}` on
 * stdout once it listens, and shuts down when its stdin ends — which also happens when the
 * parent dies, so no server outlives the benchmark that started it.
 */

export interface ReadyMessage {
  url: string;
}

/** Tells the parent where this child listens. */
export function announceReady(url: string): void {
  const message: ReadyMessage = { url };
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** Resolves once the parent closes this child's stdin (or exits). */
export function untilParentCloses(): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.resume();
  });
}
