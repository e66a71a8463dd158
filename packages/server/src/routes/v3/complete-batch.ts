import { AssetError } from '@heygen-assets/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { COMPLETE_ASSET_JOB } from '../../assets/asset-completion.js';
import { requireJsonBody } from '../../http/json-body.js';
import { batchQueuedSchema, v3Data } from '../../http/openapi/response-schemas.js';
import type { RouteDoc } from '../../http/openapi/route-doc.js';
import { parseBody } from '../../http/parse-body.js';

const completeBatchSchema = z.object({ batch_id: z.string().min(1).max(64) });

const COMPLETE_BATCH_DOC: RouteDoc = {
  operationId: 'completeBatch',
  summary: 'Verify every file of a batch, in the background',
  description: 'Answers at once; poll the batch status. One bad file does not fail the rest.',
  body: { 'application/json': completeBatchSchema },
  responses: { 202: { description: 'Queued.', body: v3Data(batchQueuedSchema) } },
  errors: {
    400: '`invalid_request`: a bad body, or one not sent as `application/json`.',
    404: '`not_found`: no such batch in this space.',
  },
};

/**
 * `POST /v3/assets/complete/batches` (SPEC §6): answers 202 at once and verifies each item in
 * the background, one job per item, so one bad file does not hold up or fail the rest.
 */
export function completeBatchRoute(app: FastifyInstance, context: AppContext): void {
  app.post(
    '/v3/assets/complete/batches',
    { config: { dialect: 'v3', auth: true, idempotent: true, openapi: COMPLETE_BATCH_DOC } },
    async (request, reply) => {
      requireJsonBody(request);
      const { batch_id: batchId } = parseBody(
        completeBatchSchema,
        request.body,
        '{"batch_id": "…"}',
      );
      const batch = await context.catalog.findBatch(request.spaceId, batchId);
      if (!batch) {
        throw new AssetError('not_found', `No batch with id ${batchId}.`, {
          param: 'batch_id',
          hint: 'Use the batch_id returned by POST /v3/assets/direct-uploads/batches.',
        });
      }

      const now = new Date();
      if (await context.catalog.markBatchCompletionRequested(batchId, now)) {
        const assets = await context.catalog.allBatchAssets(batchId);
        await context.catalog.requestCompletion(
          assets.map((asset) => asset.id),
          now,
        );
        for (const asset of assets) {
          await context.catalog.enqueueJob({
            kind: COMPLETE_ASSET_JOB,
            payload: { assetId: asset.id },
          });
        }
        context.worker.wake();
        request.log.info({ batchId, items: assets.length }, 'batch completion queued');
      }
      return reply.status(202).send({ data: { batch_id: batchId } });
    },
  );
}
