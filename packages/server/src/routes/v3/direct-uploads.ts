import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { newPendingAsset } from '../../assets/asset-uploads.js';
import { requireJsonBody } from '../../http/json-body.js';
import {
  uploadBatchSchema,
  uploadSlotSchema,
  v3Data,
} from '../../http/openapi/response-schemas.js';
import type { RouteDoc } from '../../http/openapi/route-doc.js';
import { parseBody } from '../../http/parse-body.js';
import {
  DIRECT_UPLOAD_EXAMPLE,
  directUploadBatchSchema,
  directUploadSchema,
  MAX_BATCH_FILES,
} from './direct-upload-schema.js';
import { pendingDirectUpload, uploadSlot } from './upload-slot.js';

const V3_POST = { dialect: 'v3', auth: true, idempotent: true } as const;

/** Batch ids share the shape of asset ids: 128-bit random, 32 hex characters. */
function newBatchId(): string {
  return randomBytes(16).toString('hex');
}

/** The refusals of a direct-upload request, for one file and per file of a batch. */
const DIRECT_UPLOAD_ERRORS = {
  400:
    '`invalid_request`, `param` naming the field (`files[3].size_bytes` in a batch); a body ' +
    'not sent as `application/json` is refused without `param`.',
  413: '`file_too_large`: `size_bytes` over the limit for the type.',
  415: '`unsupported_media_type`: a `content_type` that is not accepted.',
};

const DIRECT_UPLOAD_DOC: RouteDoc = {
  operationId: 'createDirectUpload',
  summary: "Get an upload URL bound to one file's size (and checksum)",
  description: 'PUT the file with exactly `upload_headers`, then `POST /v3/assets/{id}/complete`.',
  body: { 'application/json': directUploadSchema },
  responses: { 200: { description: 'The upload slot.', body: v3Data(uploadSlotSchema) } },
  errors: DIRECT_UPLOAD_ERRORS,
};

const DIRECT_UPLOAD_BATCH_DOC: RouteDoc = {
  operationId: 'createDirectUploadBatch',
  summary: `Get upload URLs for up to ${MAX_BATCH_FILES} files`,
  description: 'One slot per file, in submitted order; then `POST /v3/assets/complete/batches`.',
  body: { 'application/json': directUploadBatchSchema },
  responses: { 200: { description: 'The batch and its slots.', body: v3Data(uploadBatchSchema) } },
  errors: DIRECT_UPLOAD_ERRORS,
};

/** `POST /v3/assets/direct-uploads` and its batch form (SPEC §6). */
export function directUploadRoutes(app: FastifyInstance, context: AppContext): void {
  const single = { ...V3_POST, openapi: DIRECT_UPLOAD_DOC };
  app.post('/v3/assets/direct-uploads', { config: single }, async (request) => {
    requireJsonBody(request);
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

  const batch = { ...V3_POST, openapi: DIRECT_UPLOAD_BATCH_DOC };
  app.post('/v3/assets/direct-uploads/batches', { config: batch }, async (request) => {
    requireJsonBody(request);
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
