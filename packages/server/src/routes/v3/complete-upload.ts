import { AssetError, isErrorCode } from '@heygen-assets/core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { isAssetId } from '../../assets/asset-id.js';
import { notFound } from '../../assets/asset-uploads.js';
import { filesUrl } from '../../assets/asset-urls.js';

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
    { config: { dialect: 'v3', auth: true, idempotent: true } },
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
