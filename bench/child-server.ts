import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { ExitReport, ReadyMessage } from './child-protocol.js';

/** Longest a child may take to start listening, in milliseconds. */
const READY_TIMEOUT_MS = 30_000;

/** Longest a child may take to exit once told to, in milliseconds, before it is killed. */
const STOP_TIMEOUT_MS = 10_000;

export interface ChildServer {
  /** Where it listens, as it announced, e.g. `http://127.0.0.1:40123`. */
  url: string;
  pid: number;
  /**
   * Closes its stdin (its signal to shut down), waits for it to exit, and returns its exit
   * report; `undefined` if it sent none (it crashed, or had to be killed).
   */
  stop(): Promise<ExitReport | undefined>;
}

export interface ChildServerOptions {
  /** Extra environment variables, added to this process's own. */
  env?: Record<string, string>;
  signal?: AbortSignal;
}

/**
 * Runs the JavaScript file `script` in a child Node process, with no loader or flags, and waits
 * for its ready message. Its stderr is passed through, so a crash explains itself.
 */
export async function startChildServer(
  script: string,
  args: readonly string[],
  options: ChildServerOptions = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...options.env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const nextMessage = messageReader(lines[Symbol.asyncIterator]());
  const stop = async () => {
    const [report] = await Promise.all([nextMessage<ExitReport>(), stopChild(child)]);
    return report;
  };

  try {
    const ready = await untilReady(child, nextMessage<ReadyMessage>(), basename(script), options);
    return { url: ready.url, pid: child.pid as number, stop };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

/**
 * Reads the child's next message, skipping any line that is not one (a library printing to
 * stdout must not break the protocol); `undefined` once its stdout has ended.
 */
function messageReader(lines: AsyncIterator<string>) {
  return async <T>(): Promise<T | undefined> => {
    for (let line = await lines.next(); !line.done; line = await lines.next()) {
      if (!line.value.startsWith('{')) continue;
      try {
        return JSON.parse(line.value) as T;
      } catch {
        // Not a message after all: keep reading.
      }
    }
    return undefined;
  };
}

async function untilReady(
  child: ChildProcess,
  message: Promise<ReadyMessage | undefined>,
  name: string,
  { signal }: ChildServerOptions,
): Promise<ReadyMessage> {
  const timeout = AbortSignal.timeout(READY_TIMEOUT_MS);
  const waitSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const exited = once(child, 'exit', { signal: waitSignal }).then(([code]) => {
    throw new Error(`${name} exited with code ${code} before it was ready.`);
  });

  try {
    const ready = await Promise.race([message, exited]);
    if (!ready) throw new Error(`${name} closed its stdout before it was ready.`);
    return ready;
  } catch (error) {
    if (timeout.aborted) {
      throw new Error(`${name} was not ready within ${READY_TIMEOUT_MS} ms.`, { cause: error });
    }
    throw error;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;

  const exited = once(child, 'exit');
  child.stdin?.end();
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
