import {
  ApiError,
  NetworkError,
  OptimizerUnavailableError,
  UnexpectedResponseError,
  UrlSourceError,
} from '@heygen-assets/client';
import { AssetError } from '@heygen-assets/core';
import { EXIT_AUTH, EXIT_FAILURE, EXIT_TIMEOUT, type ExitCode } from '../exit-codes.js';

/** A failure as the CLI reports it: a stable code, a message, what to do, and the exit code. */
export interface Problem {
  code: string;
  message: string;
  hint?: string | undefined;
  /** HTTP status, when the server answered. */
  status?: number | undefined;
  requestId?: string | undefined;
  exitCode: ExitCode;
}

/** What to do about a refused key, when the server says nothing more. */
const WRONG_KEY_HINT =
  'Check that HEYGEN_API_KEY is a key of the server HEYGEN_API_BASE points at.';

/** Local file errors, by Node's error code, as a stable code and a plain message. */
const FILE_ERRORS: Record<string, { code: string; message: string }> = {
  ENOENT: { code: 'file_not_found', message: 'No such file.' },
  EISDIR: { code: 'not_a_file', message: 'This is a directory, not a file.' },
  EACCES: { code: 'permission_denied', message: 'The file cannot be read: permission denied.' },
  EPERM: { code: 'permission_denied', message: 'The file cannot be read: permission denied.' },
};

/** Turns whatever an upload threw into the problem to report. */
export function describeError(error: unknown): Problem {
  if (error instanceof ApiError) {
    return {
      code: error.serverCode ?? error.code,
      message: error.serverMessage,
      hint: error.hint ?? (error.status === 401 ? WRONG_KEY_HINT : undefined),
      status: error.status,
      requestId: error.requestId,
      exitCode: error.status === 401 ? EXIT_AUTH : EXIT_FAILURE,
    };
  }
  if (error instanceof AssetError) {
    const exitCode = error.code === 'unauthorized' ? EXIT_AUTH : EXIT_FAILURE;
    return { code: error.code, message: error.message, hint: error.hint, exitCode };
  }
  if (error instanceof UrlSourceError || error instanceof OptimizerUnavailableError) {
    return { code: error.code, message: error.message, hint: error.hint, exitCode: EXIT_FAILURE };
  }
  if (error instanceof NetworkError) {
    const exitCode = error.code === 'timeout' ? EXIT_TIMEOUT : EXIT_FAILURE;
    const hint = 'Check that the server is running and that HEYGEN_API_BASE points at it.';
    return { code: error.code, message: error.message, hint, exitCode };
  }
  if (error instanceof UnexpectedResponseError) {
    const hint = 'Check that HEYGEN_API_BASE points at a heygen-assets server.';
    return { code: error.code, message: error.message, hint, exitCode: EXIT_FAILURE };
  }
  return describeOtherError(error);
}

function describeOtherError(error: unknown): Problem {
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  const fileError = typeof errno === 'string' ? FILE_ERRORS[errno] : undefined;
  if (fileError) return { ...fileError, exitCode: EXIT_FAILURE };

  const message = error instanceof Error ? error.message : String(error);
  return { code: 'error', message, exitCode: EXIT_FAILURE };
}
