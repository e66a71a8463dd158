import type { AssetError } from '@heygen-assets/core';
import type { Dialect } from './dialect.js';

/** Legacy upload-host codes (SPEC §5). */
export const RAW_CODE_ASSET_DATA_MISSING = 40001;
export const RAW_CODE_UNAUTHORIZED = 40009;
export const RAW_CODE_INVALID_PARAMETER = 400175;

function messageWithHint(error: AssetError): string {
  if (!error.hint) return error.message;
  const sentence = /[.!?]$/.test(error.message) ? error.message : `${error.message}.`;
  return `${sentence} ${error.hint}`;
}

/** The one place an error becomes a response body, per dialect. */
export function errorEnvelope(dialect: Dialect, error: AssetError): Record<string, unknown> {
  switch (dialect) {
    case 'presigned':
      return { error: messageWithHint(error), code: error.code, data: null };
    case 'raw':
      return { code: rawCode(error), message: rawMessage(error), data: null };
    case 'v3':
      return {
        error: {
          code: error.code,
          message: messageWithHint(error),
          ...(error.param ? { param: error.param } : {}),
        },
      };
    case 'v2':
      return { error: { code: error.code, message: messageWithHint(error) }, data: null };
    case 'files':
    case 'plain':
      return { error: { code: error.code, message: messageWithHint(error) } };
  }
}

function rawCode(error: AssetError): number {
  if (error.code === 'missing_content') return RAW_CODE_ASSET_DATA_MISSING;
  if (error.code === 'unauthorized') return RAW_CODE_UNAUTHORIZED;
  return RAW_CODE_INVALID_PARAMETER;
}

function rawMessage(error: AssetError): string {
  if (error.code === 'missing_content') {
    return `asset data must be provided: ${messageWithHint(error)}`;
  }
  if (error.code === 'unauthorized') return messageWithHint(error);
  return `${error.code}: ${messageWithHint(error)}`;
}
