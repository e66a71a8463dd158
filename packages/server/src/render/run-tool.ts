import { execFile } from 'node:child_process';
import { basename } from 'node:path';
import { RenderError } from './render-error.js';

/** Longest one ffmpeg or speech step may run before it is treated as hung, in milliseconds. */
export const RENDER_STEP_TIMEOUT_MS = 10 * 60_000;

/** Largest output kept from a tool, in bytes; ffmpeg's progress lines are cut to fit. */
const TOOL_MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

/** Lines of a failing tool's stderr kept in the video's `error.detail`. */
const DETAIL_TAIL_LINES = 8;

export interface ToolOutput {
  stdout: string;
  stderr: string;
}

/**
 * Runs `executable` with `args` (no shell), killed on `signal` or after the step timeout.
 *
 * @throws RenderError `render_failed` with the tail of stderr as detail; the abort reason when
 *   `signal` ended it, so a stopped worker retries the job instead of failing the video.
 */
export function runTool(
  executable: string,
  args: readonly string[],
  signal: AbortSignal,
): Promise<ToolOutput> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      executable,
      args,
      {
        signal,
        timeout: RENDER_STEP_TIMEOUT_MS,
        killSignal: 'SIGKILL',
        maxBuffer: TOOL_MAX_OUTPUT_BYTES,
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve({ stdout, stderr });
          return;
        }
        if (signal.aborted) {
          // The callback comes as soon as the kill is sent; wait for the exit, so the caller
          // can remove the work directory without the tool still writing into it.
          const stopped = child.exitCode !== null || child.signalCode !== null;
          if (stopped) reject(signal.reason);
          else child.once('exit', () => reject(signal.reason));
          return;
        }
        reject(toolFailure(executable, error, stderr));
      },
    );
  });
}

function toolFailure(executable: string, error: Error, stderr: string): RenderError {
  const name = basename(executable);
  const { code, killed } = error as { code?: number | string; killed?: boolean };
  const how = killed
    ? `was stopped after ${RENDER_STEP_TIMEOUT_MS / 1000} s`
    : typeof code === 'number'
      ? `exited with status ${code}`
      : `could not run (${code ?? error.message})`;
  const detail = stderr.trim().split('\n').slice(-DETAIL_TAIL_LINES).join('\n');
  return new RenderError('render_failed', `${name} ${how}.`, detail, { cause: error });
}
