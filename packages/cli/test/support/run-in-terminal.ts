import { spawn } from 'node:child_process';
import { CLI_CWD, cliCommand, type EnvChanges, withEnvChanges } from './run-cli.js';

/** Size of the pseudo-terminal the CLI runs in: wide enough that a progress line never wraps. */
const TERMINAL_COLUMNS = 160;
const TERMINAL_ROWS = 40;

/**
 * Runs a command with stdin, stdout and stderr on a new pseudo-terminal of the given size, then
 * writes everything the terminal received to its own stdout and exits with the command's code.
 * Reading the terminal ends with EIO once the command and its children have closed it (Linux).
 */
const PTY_RUNNER = `
import fcntl, os, pty, struct, subprocess, sys, termios
rows, columns = int(sys.argv[1]), int(sys.argv[2])
leader, follower = pty.openpty()
fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack('HHHH', rows, columns, 0, 0))
child = subprocess.Popen(sys.argv[3:], stdin=follower, stdout=follower, stderr=follower)
os.close(follower)
received = bytearray()
while True:
    try:
        chunk = os.read(leader, 65536)
    except OSError:
        break
    if not chunk:
        break
    received += chunk
code = child.wait()
sys.stdout.buffer.write(received)
sys.exit(code if code >= 0 else 128 - code)
`;

export interface TerminalResult {
  exitCode: number | null;
  /**
   * What the terminal showed, stdout and stderr interleaved as written, with the terminal's
   * line ends (`\r\n`) turned back into `\n`; carriage returns of redraws stay.
   */
  screen: string;
}

/**
 * Runs `heygen-assets ARGS…` from source on a pseudo-terminal (through Python's `pty` module,
 * as Node has none), as a user at a terminal would: stdout and stderr are both TTYs.
 */
export async function runCliInTerminal(
  args: readonly string[],
  env: EnvChanges = {},
): Promise<TerminalResult> {
  const child = spawn(
    'python3',
    ['-c', PTY_RUNNER, String(TERMINAL_ROWS), String(TERMINAL_COLUMNS), ...cliCommand(args)],
    { cwd: CLI_CWD, env: withEnvChanges(env), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let received = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    received += chunk;
  });
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { exitCode, screen: received.replaceAll('\r\n', '\n') };
}
