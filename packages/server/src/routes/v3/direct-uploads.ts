import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { newPendingAsset } from '../../assets/asset-uploads.js';
import { parseBody } from '../../http/parse-body.js';
import {
  DIRECT_UPLOAD_EXAMPLE,
  directUploadBatchSchema,
  directUploadSchema,
} from './direct-upload-schema.js';
import { pendingDirectUpload, uploadSlot } from './upload-slot.js';

const V3_POST = { dialect: 'v3', auth: true, idempotent: true } as const;

/** Batch ids share the shape of asset ids: 128-bit random, 32 hex characters. */
function newBatchId(): string {
  return randomBytes(16).toString('hex');
}

/** `POST /v3/assets/direct-uploads` and its batch form (SPEC §6). */
export function directUploadRoutes(app: FastifyInstance, context: AppContext): void {
  app.post('/v3/assets/direct-uploads', { config: V3_POST }, async (request) => {
    const body = parseBody(directUploadSchema, request.body, DIRECT_UPLOAD_EXAMPLE);
    const asset = await context.uploads.createPending(
      pendingDirectUpload(body, request.spaceId, context),
    );
    request.log.info(
      { assetId: asset.id, declaredType: asset.declaredType },
      'direct upload issued',
    );
    return { data: uploadSlot(asset, context) };
  });

  app.post('/v3/assets/direct-uploads/batches', { config: V3_POST }, async (request) => {
    const body = parseBody(
      directUploadBatchSchema,
      request.body,
      `{"files": [${DIRECT_UPLOAD_EXAMPLE}]}`,
    );
    const batchId = newBatchId();
    const assets = body.files.map((file, itemIndex) =>
      newPendingAsset({
        ...pendingDirectUpload(file, request.spaceId, context, `files[${itemIndex}].`),
        batchId,
        itemIndex,
      }),
    );
    await context.catalog.createBatch(
      { id: batchId, spaceId: request.spaceId, title: body.title ?? null, createdAt: new Date() },
      assets,
    );

    const created = await context.catalog.allBatchAssets(batchId);
    request.log.info({ batchId, items: created.length }, 'direct upload batch issued');
    return {
      data: {
        batch_id: batchId,
        items: created.map((asset) => ({
          item_index: asset.itemIndex,
          ...uploadSlot(asset, context),
        })),
      },
    };
  });
}
