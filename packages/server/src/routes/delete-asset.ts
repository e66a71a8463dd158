import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { isAssetId } from '../assets/asset-id.js';
import { notFound } from '../assets/asset-uploads.js';

interface DeleteParams {
  id: string;
}

/**
 * Legacy delete (SPEC §5): `DELETE /v1/asset/{id}` and `POST /v1/asset/{id}/delete`. The files
 * URL answers 404 from then on; the bytes go once no other asset shares them.
 */
export function deleteAssetRoute(app: FastifyInstance, context: AppContext): void {
  const options = { config: { dialect: 'raw' as const, auth: true } };
  const handler = async (request: FastifyRequest<{ Params: DeleteParams }>) => {
    const { id } = request.params;
    const deleted = isAssetId(id)
      ? await context.catalog.deleteAsset(request.spaceId, id)
      : undefined;
    if (!deleted) throw notFound(id);

    const { blobKey } = deleted;
    if (blobKey && !(await context.catalog.isBlobReferenced(blobKey))) {
      await context.blobs.delete(blobKey);
    }
    request.log.info({ assetId: id }, 'asset deleted');
    return { code: 100, data: { id }, msg: null, message: null };
  };

  app.delete<{ Params: DeleteParams }>('/v1/asset/:id', options, handler);
  app.post<{ Params: DeleteParams }>('/v1/asset/:id/delete', options, handler);
}
