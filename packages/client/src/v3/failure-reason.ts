import { AssetError } from '@heygen-assets/core';
import { ApiError } from '../errors/api-error.js';
import type { FailureReason } from './asset.js';

/**
 * What went wrong with one file of a batch, as `{code, message}`, whichever step threw: the
 * server's code and message for an `ApiError`, a stable code otherwise (a Node file error keeps
 * its own, e.g. `ENOENT`).
 */
export function failureReason(error: unknown): FailureReason {
  if (error instanceof ApiError) {
    return { code: error.serverCode ?? error.code, message: error.serverMessage };
  }
  if (error instanceof AssetError) return { code: error.code, message: error.message };

  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | undefined)?.code;
  return { code: typeof code === 'string' ? code : 'error', message };
}
