import { z } from 'zod';
import {
  DEFAULT_LIST_LIMIT,
  MAX_FOLDER_ID_CHARS,
  MAX_LIST_LIMIT,
} from '../../routes/asset-list-query.js';
import { assetStatus, fileType } from './response-schemas.js';

/**
 * Request parts that routes read by hand rather than through a zod schema (query strings, path
 * parameters, the multipart form), described here for `/openapi.json` with the routes' own
 * limits. Request bodies that routes validate with zod are documented by those same schemas.
 */

const listPaging = {
  limit: z
    .int()
    .min(1)
    .max(MAX_LIST_LIMIT)
    .default(DEFAULT_LIST_LIMIT)
    .meta({ description: 'Page size.' }),
  token: z
    .string()
    .optional()
    .meta({ description: 'The token the previous page ended with, unchanged.' }),
  folder_id: z
    .string()
    .max(MAX_FOLDER_ID_CHARS)
    .optional()
    .meta({ description: 'Only assets uploaded with this folder id.' }),
};

export const v3ListQuery = z.object({
  ...listPaging,
  type: fileType.optional(),
  status: z
    .enum([...assetStatus.options, 'all'])
    .default('completed')
    .meta({ description: 'Only assets in this status; `all` for every status.' }),
  username: z.string().optional().meta({ description: 'Accepted and ignored.' }),
});

export const legacyListQuery = z.object({ ...listPaging, file_type: fileType.optional() });

export const statusesQuery = z.object({
  asset_ids: z.string().optional().meta({ description: 'Comma-separated asset ids.' }),
  batch_ids: z.string().optional().meta({ description: 'Comma-separated batch ids.' }),
});

export const assetIdParams = z.object({
  id: z.string().meta({ description: 'The asset id; an unknown or foreign one answers 404.' }),
});

export const batchIdParams = z.object({
  id: z.string().meta({ description: 'The batch id; an unknown or foreign one answers 404.' }),
});

export const uploadUrlParams = z.object({ assetId: z.string() });

export const uploadUrlQuery = z.object({
  expires: z.string().regex(/^\d+$/).meta({ description: 'Unix seconds; part of the URL.' }),
  signature: z.string().meta({ description: 'HMAC of the URL; part of the URL.' }),
});

export const fileParams = z.object({
  file: z.string().meta({ description: 'The asset id, optionally with an extension: `{id}.jpg`.' }),
});

export const multipartFileForm = z.object({
  file: z.file().meta({ description: 'The file; its part Content-Type is not trusted.' }),
});
