import { AssetError } from '@heygen-assets/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { type ItemStatus, itemStatus } from '../../assets/item-status.js';
import type { AssetRecord, BatchRecord } from '../../catalog/records.js';
import { batchIdParams } from '../../http/openapi/request-schemas.js';
import { batchStatusSchema, v3Data } from '../../http/openapi/response-schemas.js';
import type { RouteDoc } from '../../http/openapi/route-doc.js';
import { MAX_BATCH_FILES } from './direct-upload-schema.js';

/** Where a batch stands as a whole, derived from its items. */
export type BatchStatus =
  | 'pending_upload'
  | 'processing'
  | 'completed'
  | 'partially_completed'
  | 'failed';

const ITEM_STATUSES: readonly ItemStatus[] = [
  'pending_upload',
  'queued',
  'processing',
  'completed',
  'failed',
];

const batchQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_BATCH_FILES).default(MAX_BATCH_FILES),
  token: z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number)
    .optional(),
});

interface BatchParams {
  id: string;
}

/** `GET /v3/assets/batches/{id}` (SPEC §6): the batch, its counts and a page of its items. */
export function batchStatusRoute(app: FastifyInstance, context: AppContext): void {
  app.get<{ Params: BatchParams }>(
    '/v3/assets/batches/:id',
    { config: { dialect: 'v3', auth: true, openapi: BATCH_STATUS_DOC } },
    async (request) => {
      const batch = await context.catalog.findBatch(request.spaceId, request.params.id);
      if (!batch) {
        throw new AssetError('not_found', `No batch with id ${request.params.id}.`, {
          hint: 'Use the batch_id returned by POST /v3/assets/direct-uploads/batches.',
        });
      }
      const query = batchQuerySchema.safeParse(request.query);
      if (!query.success) {
        throw new AssetError('invalid_request', 'limit must be 1–100 and token a page token.', {
          param: query.error.issues[0]?.path.join('.') || 'limit',
          hint: 'Pass the next_token of the previous page unchanged.',
        });
      }

      const offset = query.data.token ?? 0;
      const assets = await context.catalog.allBatchAssets(batch.id);
      const page = assets.slice(offset, offset + query.data.limit);
      const end = offset + page.length;
      return {
        data: {
          ...batchSummary(batch, assets),
          items: page.map(batchItem),
          has_more: end < assets.length,
          next_token: end < assets.length ? String(end) : null,
        },
      };
    },
  );
}

const BATCH_STATUS_DOC: RouteDoc = {
  operationId: 'getBatchStatus',
  summary: 'A batch, its counts and a page of its items',
  params: batchIdParams,
  query: batchQuerySchema,
  responses: { 200: { description: 'The batch.', body: v3Data(batchStatusSchema) } },
  errors: {
    400: '`invalid_request`: a bad `limit` or `token`.',
    404: '`not_found`: no such batch in this space.',
  },
};

function batchSummary(batch: BatchRecord, assets: readonly AssetRecord[]) {
  const counts = Object.fromEntries(ITEM_STATUSES.map((status) => [status, 0])) as Record<
    ItemStatus,
    number
  >;
  for (const asset of assets) counts[itemStatus(asset)]++;
  return {
    batch_id: batch.id,
    status: batchStatus(counts, assets.length),
    total_items: batch.totalItems,
    counts_by_status: counts,
    created_at: Math.floor(batch.createdAt.getTime() / 1000),
    title: batch.title,
  };
}

function batchStatus(counts: Record<ItemStatus, number>, total: number): BatchStatus {
  if (counts.completed === total) return 'completed';
  if (counts.failed === total) return 'failed';
  if (counts.completed + counts.failed === total) return 'partially_completed';
  if (counts.queued + counts.processing > 0) return 'processing';
  return 'pending_upload';
}

function batchItem(asset: AssetRecord) {
  return {
    item_index: asset.itemIndex,
    status: itemStatus(asset),
    video_id: asset.id,
    error: asset.error,
  };
}
