import { AssetError, isErrorCode } from '@heygen-assets/core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { isAssetId } from '../../assets/asset-id.js';
import { notFound } from '../../assets/asset-uploads.js';
import { filesUrl } from '../../assets/asset-urls.js';
import { withMediaChecks } from '../../http/openapi/media-check-errors.js';
import { assetIdParams } from '../../http/openapi/request-schemas.js';
import { completedUploadSchema, v3Data } from '../../http/openapi/response-schemas.js';
import type { RouteDoc } from '../../http/openapi/route-doc.js';

interface CompleteParams {
  id: string;
}

/**
 * `POST /v3/assets/{id}/complete` (SPEC §6): verifies the staged bytes now. Idempotent: a
 * completed asset answers the same again; a failed one repeats its refusal.
 */
export function completeUploadRoute(app: FastifyInstance, context: AppContext): void {
  app.post<{ Params: CompleteParams }>(
    '/v3/assets/:id/complete',
    { config: { dialect: 'v3', auth: true, idempotent: true, openapi: COMPLETE_UPLOAD_DOC } },
    async (request) => {
      const { id } = request.params;
      const owned = isAssetId(id)
        ? await context.catalog.findAssetInSpace(request.spaceId, id)
        : undefined;
      if (!owned) throw notFound(id);

      await context.catalog.requestCompletion([id], new Date());
      const asset = await context.completion.complete(id);
      if (asset.status === 'failed') {
        const code =
          asset.error && isErrorCode(asset.error.code) ? asset.error.code : 'corrupt_media';
        throw new AssetError(code, asset.error?.message ?? 'The upload failed verification.', {
          hint: 'Request a new direct upload and send a valid file.',
        });
      }

      request.log.info({ assetId: id, mimeType: asset.mimeType }, 'upload completed');
      return {
        data: {
          asset_id: asset.id,
          url: filesUrl(context.publicUrl(), asset.id),
          mime_type: asset.mimeType,
          size_bytes: asset.sizeBytes,
          status: asset.status,
        },
      };
    },
  );
}

const COMPLETE_UPLOAD_DOC: RouteDoc = {
  operationId: 'completeUpload',
  summary: 'Verify a direct upload and make it servable',
  description: 'Idempotent: a completed asset answers the same again, a failed one its refusal.',
  params: assetIdParams,
  responses: {
    200: { description: 'Completed.', body: v3Data(completedUploadSchema) },
  },
  errors: withMediaChecks({
    404: '`not_found`: no such asset in this space.',
    409: '`upload_not_found`: no bytes were PUT yet.',
  }),
};
