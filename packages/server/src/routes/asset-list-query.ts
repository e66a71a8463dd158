import { AssetError, type FileType, MEDIA_TYPES } from '@heygen-assets/core';
import { decodeListToken } from '../assets/list-token.js';
import type { AssetListQuery, AssetStatus } from '../catalog/records.js';

/** Page size when the caller gives no `limit`. */
export const DEFAULT_LIST_LIMIT = 20;
/** Largest page a caller may ask for (SPEC §5, §6). */
export const MAX_LIST_LIMIT = 100;
/** Longest `folder_id` filter; folder ids are stored up to this length. */
export const MAX_FOLDER_ID_CHARS = 255;

const FILE_TYPES: ReadonlySet<string> = new Set(
  Object.values(MEDIA_TYPES).map((rule) => rule.fileType),
);

export interface ListQueryNames {
  /** The parameter that filters by file type: `type` in v3, `file_type` in the legacy list. */
  fileType: 'type' | 'file_type';
}

/**
 * Reads the shared parameters of an asset list: `limit`, `token`, `folder_id` and the file type
 * filter. Each bad value is refused with `invalid_request` naming its parameter.
 */
export function parseAssetListQuery(
  query: Record<string, unknown>,
  names: ListQueryNames,
): AssetListQuery {
  const token = optionalText(query, 'token');
  const folderId = optionalText(query, 'folder_id');
  if (folderId !== undefined && folderId.length > MAX_FOLDER_ID_CHARS) {
    throw invalid('folder_id', `folder_id is longer than ${MAX_FOLDER_ID_CHARS} characters.`);
  }
  return {
    limit: parseLimit(optionalText(query, 'limit')),
    after: token === undefined ? undefined : decodeListToken(token, 'token'),
    folderId,
    fileType: parseFileType(optionalText(query, names.fileType), names.fileType),
  };
}

/** `status` of the v3 list: one asset status, or `all`; default `completed`. */
export function parseStatusFilter(value: unknown): AssetStatus | undefined {
  if (value === undefined) return 'completed';
  if (value === 'all') return undefined;
  if (value === 'pending_upload' || value === 'processing') return value;
  if (value === 'completed' || value === 'failed') return value;
  throw invalid(
    'status',
    `status must be pending_upload, processing, completed, failed or all, not ${show(value)}.`,
  );
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIST_LIMIT;

  const limit = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!(limit >= 1 && limit <= MAX_LIST_LIMIT)) {
    throw invalid(
      'limit',
      `limit must be a whole number from 1 to ${MAX_LIST_LIMIT}, not ${show(value)}.`,
    );
  }
  return limit;
}

function parseFileType(value: string | undefined, param: string): FileType | undefined {
  if (value === undefined || FILE_TYPES.has(value)) return value as FileType | undefined;

  throw invalid(
    param,
    `${param} must be one of ${[...FILE_TYPES].join(', ')}, not ${show(value)}.`,
  );
}

/** A parameter given once; an empty value counts as not given. */
function optionalText(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw invalid(name, `${name} is given more than once.`);
  return value;
}

function show(value: unknown): string {
  return JSON.stringify(value).slice(0, 80);
}

function invalid(param: string, message: string): AssetError {
  return new AssetError('invalid_request', message, {
    param,
    hint: 'Fix or leave out that query parameter.',
  });
}
