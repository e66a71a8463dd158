import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Why a local file named in a video call cannot be used. */
export type LocalFileErrorCode = 'file_not_found' | 'not_a_file' | 'permission_denied';

/** Node's error codes for a local file, as a stable code and a plain reason. */
const FILE_ERRORS: Record<string, { code: LocalFileErrorCode; reason: string }> = {
  ENOENT: { code: 'file_not_found', reason: 'no such file' },
  ENOTDIR: { code: 'file_not_found', reason: 'no such file' },
  EISDIR: { code: 'not_a_file', reason: 'a directory, not a file' },
  EACCES: { code: 'permission_denied', reason: 'permission denied' },
  EPERM: { code: 'permission_denied', reason: 'permission denied' },
};

/**
 * A local file a video call names (a background, photo or audio file, or the MP4's destination)
 * is missing, a directory, or unreadable. The message names the role and the path, e.g.
 * `background: missing.jpg: no such file.`; Node's error is kept in `cause`.
 */
export class LocalFileError extends Error {
  override name = 'LocalFileError';
  readonly code: LocalFileErrorCode;
  /** What the file is for: `background`, `photo`, `audio` or `out`. */
  readonly role: string;
  readonly path: string;
  readonly hint: string;

  constructor(
    code: LocalFileErrorCode,
    role: string,
    path: string,
    reason: string,
    options: { hint: string; cause?: unknown },
  ) {
    super(`${role}: ${path}: ${reason}.`, { cause: options.cause });
    this.code = code;
    this.role = role;
    this.path = path;
    this.hint = options.hint;
  }
}

/**
 * `error` as a `LocalFileError` when it is one of Node's file errors (`ENOENT`, `EISDIR`, …);
 * anything else is returned as it is.
 */
export function localFileError(error: unknown, role: string, path: string): unknown {
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  const known = typeof errno === 'string' ? FILE_ERRORS[errno] : undefined;
  if (!known) return error;
  return new LocalFileError(known.code, role, path, known.reason, {
    hint: role === 'out' ? outHint(known.code, path) : inputHint(known.code, role, path),
    cause: error,
  });
}

function inputHint(code: LocalFileErrorCode, role: string, path: string): string {
  if (code === 'not_a_file') return `Give the path of a file as the ${role}, or an asset id.`;
  if (code === 'permission_denied') return `Make ${path} readable, or give an asset id.`;
  return `Check the path (relative paths start from ${process.cwd()}), or give an asset id.`;
}

function outHint(code: LocalFileErrorCode, path: string): string {
  if (code === 'not_a_file') return 'Name a file to write, not a directory.';
  if (code === 'permission_denied') return `Make ${dirname(path)} writable, or write elsewhere.`;
  return `Check that ${dirname(path)} exists, or write elsewhere.`;
}

/**
 * Checks that a download can be written to `path` before anything is rendered: its folder
 * exists and `path` itself is not a directory. Throws `LocalFileError` (role `out`) otherwise.
 */
export async function checkDownloadPath(path: string): Promise<void> {
  const folder = dirname(path);
  const parent = await stat(folder).catch(() => undefined);
  if (!parent?.isDirectory()) {
    throw new LocalFileError('file_not_found', 'out', path, `no folder ${folder}`, {
      hint: `Create ${folder} first, or write the MP4 elsewhere.`,
    });
  }
  const target = await stat(path).catch(() => undefined);
  if (target?.isDirectory()) {
    throw new LocalFileError('not_a_file', 'out', path, 'a directory, not a file', {
      hint: `Name a file inside it, e.g. ${path.replace(/\/+$/, '')}/video.mp4.`,
    });
  }
}
