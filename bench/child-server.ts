import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { basename } from 'node:path';
import type { ReadyMessage } from './child-protocol.js';

/** Longest a child may take to start listening, in milliseconds. */
const READY_TIMEOUT_MS = 30_000;

/** Longest a child may take to exit once told to, in milliseconds, before it is killed. */
const STOP_TIMEOUT_MS = 10_000;

export interface ChildServer {
  /** Where it listens, as it announced, e.g. `http://127.0.0.1:40123`. */
  url: string;
  pid: number;
  /** Closes its stdin (its signal to shut down) and waits for it to exit. */
  stop(): Promise<void>;
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

  try {
    const ready = await readyMessage(child, basename(script), options.signal);
    return { url: ready.url, pid: child.pid as number, stop: () => stopChild(child) };
  } catch (error) {
    await stopChild(child);
    throw error;
  }
}

async function readyMessage(
  child: ChildProcess,
  name: string,
  signal: AbortSignal | undefined,
): Promise<ReadyMessage> {
  const timeout = AbortSignal.timeout(READY_TIMEOUT_MS);
  const waitSignal = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const stdout = child.stdout as NonNullable<ChildProcess['stdout']>;
  stdout.setEncoding('utf8');

  let text = '';
  const exited = once(child, 'exit', { signal: waitSignal }).then(([code]) => {
    throw new Error(`${name} exited with code ${code} before it was ready.`);
  });
  const announced = (async () => {
    for await (const chunk of stdout) {
      text += chunk;
      const newline = text.indexOf('\n');
      if (newline >= 0) return JSON.parse(text.slice(0, newline)) as ReadyMessage;
    }
    throw new Error(`${name} closed its stdout before it was ready.`);
  })();

  try {
    return await Promise.race([announced, exited]);
  } catch (error) {
    if (timeout.aborted) {
      throw new Error(`${name} was not ready within ${READY_TIMEOUT_MS} ms.`, {
        cause: error,
      });
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
