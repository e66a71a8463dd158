import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./server-process.ts', import.meta.url));

export interface ChildServer {
  url: string;
  process: ChildProcess;
  kill(): Promise<void>;
}

/** Starts a server in a child process on an ephemeral loopback port. */
export async function startChildServer(dataDir: string, apiKey: string): Promise<ChildServer> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', SCRIPT, dataDir, apiKey],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    output += text;
  });
  while (!output.includes('\n')) {
    const [closed] = await Promise.race([once(child.stdout, 'data'), once(child, 'exit')]);
    if (typeof closed === 'number' || closed === null) throw new Error('server process exited');
  }
  return {
    url: output.split('\n')[0] ?? '',
    process: child,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}
