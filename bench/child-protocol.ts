import type { GcTally } from './gc-tally.js';

/**
 * How a benchmark's server child talks to the parent, one JSON line per message on stdout: a
 * ready message once it listens, and an exit report when the parent closes its stdin — which
 * also happens when the parent dies, so no server outlives the benchmark that started it.
 */

export interface ReadyMessage {
  url: string;
}

export interface ExitReport {
  /** Garbage collections from the ready message to the exit report. */
  gc: GcTally;
}

/** Tells the parent where this child listens. */
export function announceReady(url: string): void {
  sendMessage({ url } satisfies ReadyMessage);
}

/** Sends the parent the last message before this child exits. */
export function sendExitReport(report: ExitReport): void {
  sendMessage(report);
}

/** Resolves once the parent closes this child's stdin (or exits). */
export function untilParentCloses(): Promise<void> {
  return new Promise((resolve) => {
    process.stdin.once('end', resolve);
    process.stdin.resume();
  });
}

function sendMessage(message: ReadyMessage | ExitReport): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}
