import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { deleteAsset } from '../assets/delete-asset.js';

interface DeleteParams {
  id: string;
}

/** Legacy delete (SPEC §5): `DELETE /v1/asset/{id}` and `POST /v1/asset/{id}/delete`. */
export function deleteAssetRoute(app: FastifyInstance, context: AppContext): void {
  const options = { config: { dialect: 'raw' as const, auth: true } };
  const handler = async (request: FastifyRequest<{ Params: DeleteParams }>) => {
    const { id } = request.params;
    await deleteAsset(context, request.spaceId, id);
    request.log.info({ assetId: id }, 'asset deleted');
    return { code: 100, data: { id }, msg: null, message: null };
  };

  app.delete<{ Params: DeleteParams }>('/v1/asset/:id', options, handler);
  app.post<{ Params: DeleteParams }>('/v1/asset/:id/delete', options, handler);
}
