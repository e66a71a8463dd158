import { AssetError } from '@heygen-assets/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { isAssetId } from '../../assets/asset-id.js';
import { itemStatus } from '../../assets/item-status.js';
import type { AssetRecord } from '../../catalog/records.js';
import { statusesQuery } from '../../http/openapi/request-schemas.js';
import { statusEntrySchema, v3Data } from '../../http/openapi/response-schemas.js';
import type { RouteDoc } from '../../http/openapi/route-doc.js';

/** Most ids, asset and batch ids together, one statuses request may name (SPEC §6). */
export const MAX_STATUS_IDS = 100;

interface StatusesQuery {
  asset_ids?: unknown;
  batch_ids?: unknown;
}

/**
 * `GET /v3/assets/statuses?asset_ids=…&batch_ids=…` (SPEC §6): one entry per asset id, then one
 * per item of each batch, in the order given. Unknown ids and other spaces' ids alike get an
 * entry with status `not_found`, so a poller never learns whether an id exists elsewhere.
 */
export function v3AssetStatusesRoute(app: FastifyInstance, context: AppContext): void {
  app.get<{ Querystring: StatusesQuery }>(
    '/v3/assets/statuses',
    { config: { dialect: 'v3', auth: true, openapi: STATUSES_DOC } },
    async (request) => {
      const assetIds = idList(request.query.asset_ids, 'asset_ids');
      const batchIds = idList(request.query.batch_ids, 'batch_ids');
      checkIdCount(assetIds.length, batchIds.length);

      const { catalog } = context;
      const entries = [];
      for (const id of assetIds) {
        const asset = isAssetId(id)
          ? await catalog.findAssetInSpace(request.spaceId, id)
          : undefined;
        entries.push(asset ? statusEntry(asset) : unknownAsset(id));
      }
      for (const id of batchIds) {
        const batch = await catalog.findBatch(request.spaceId, id);
        const items = batch ? await catalog.allBatchAssets(batch.id) : [];
        entries.push(...(batch ? items.map(statusEntry) : [unknownBatch(id)]));
      }
      return { data: entries };
    },
  );
}

const STATUSES_DOC: RouteDoc = {
  operationId: 'getAssetStatuses',
  summary: 'Statuses of assets and batch items',
  description:
    'One entry per asset id, then one per item of each batch id, in the order given. Unknown ' +
    'and foreign ids get a `not_found` entry.',
  query: statusesQuery,
  responses: {
    200: { description: 'The entries.', body: v3Data(z.array(statusEntrySchema)) },
  },
  errors: { 400: `\`invalid_request\`: no id, or more than ${MAX_STATUS_IDS}.` },
};

/** An asset's entry; `batch_id` and `item_index` only for an asset created in a batch. */
function statusEntry(asset: AssetRecord) {
  const entry = {
    video_id: asset.id,
    status: itemStatus(asset),
    error: asset.error && { code: asset.error.code, message: asset.error.message },
  };
  if (asset.batchId === null) return entry;
  return { ...entry, batch_id: asset.batchId, item_index: asset.itemIndex };
}

function unknownAsset(id: string) {
  return { video_id: id, status: 'not_found' as const, error: notFoundError('asset', id) };
}

/** A batch that is not there has no items: its one entry names the batch, not an asset. */
function unknownBatch(id: string) {
  return {
    video_id: null,
    status: 'not_found' as const,
    error: notFoundError('batch', id),
    batch_id: id,
  };
}

function notFoundError(kind: 'asset' | 'batch', id: string) {
  return {
    code: 'not_found',
    message: `No ${kind} with id ${id}. Ids of other spaces are not visible with this key.`,
  };
}

/** Comma-separated ids, blanks dropped, each id once, in the order first given. */
function idList(value: unknown, param: string): string[] {
  if (value === undefined) return [];
  if (typeof value !== 'string') {
    throw new AssetError('invalid_request', `${param} is given more than once.`, {
      param,
      hint: `Give all ids in one comma-separated ${param} parameter.`,
    });
  }
  const ids = value.split(',').map((id) => id.trim());
  return [...new Set(ids.filter((id) => id !== ''))];
}

function checkIdCount(assetIdCount: number, batchIdCount: number): void {
  const count = assetIdCount + batchIdCount;
  const param = assetIdCount > 0 || batchIdCount === 0 ? 'asset_ids' : 'batch_ids';
  if (count === 0) {
    throw new AssetError('invalid_request', 'Name at least one asset or batch id.', {
      param,
      hint: 'Pass asset_ids and/or batch_ids, comma-separated.',
    });
  }
  if (count > MAX_STATUS_IDS) {
    throw new AssetError(
      'invalid_request',
      `${count} ids were given; at most ${MAX_STATUS_IDS} fit in one request.`,
      { param, hint: 'Split the ids over several requests.' },
    );
  }
}
