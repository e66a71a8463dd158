import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { deleteAsset } from '../assets/delete-asset.js';
import { assetIdParams } from '../http/openapi/request-schemas.js';
import { deletedSchema, rawSuccess } from '../http/openapi/response-schemas.js';

interface DeleteParams {
  id: string;
}

/** Legacy delete (SPEC §5): `DELETE /v1/asset/{id}` and `POST /v1/asset/{id}/delete`. */
export function deleteAssetRoute(app: FastifyInstance, context: AppContext): void {
  const openapi = {
    summary: 'Delete an asset (legacy)',
    description: 'In any status; its files URL answers 404 from then on.',
    params: assetIdParams,
    responses: { 200: { description: 'Deleted.', body: rawSuccess(deletedSchema) } },
    errors: { 404: '`not_found` (code 400175): no such asset in this space.' },
  };
  const options = (operationId: string) => ({
    config: { dialect: 'raw' as const, auth: true, openapi: { ...openapi, operationId } },
  });
  const handler = async (request: FastifyRequest<{ Params: DeleteParams }>) => {
    const { id } = request.params;
    await deleteAsset(context, request.spaceId, id);
    request.log.info({ assetId: id }, 'asset deleted');
    return { code: 100, data: { id }, msg: null, message: null };
  };

  app.delete<{ Params: DeleteParams }>('/v1/asset/:id', options('deleteLegacyAsset'), handler);
  app.post<{ Params: DeleteParams }>(
    '/v1/asset/:id/delete',
    options('deleteLegacyAssetByPost'),
    handler,
  );
}
