import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { deleteAsset } from '../../assets/delete-asset.js';
import { assetIdParams } from '../../http/openapi/request-schemas.js';
import { deletedSchema, v3Data } from '../../http/openapi/response-schemas.js';
import type { RouteDoc } from '../../http/openapi/route-doc.js';

interface AssetParams {
  id: string;
}

/** `DELETE /v3/assets/{id}` (SPEC §6): the files URL answers 404 from then on. */
export function v3DeleteAssetRoute(app: FastifyInstance, context: AppContext): void {
  app.delete<{ Params: AssetParams }>(
    '/v3/assets/:id',
    { config: { dialect: 'v3', auth: true, openapi: DELETE_DOC } },
    async (request) => {
      const { id } = request.params;
      await deleteAsset(context, request.spaceId, id);
      request.log.info({ assetId: id }, 'asset deleted');
      return { data: { id } };
    },
  );
}

const DELETE_DOC: RouteDoc = {
  operationId: 'deleteAsset',
  summary: 'Delete an asset',
  description: 'In any status; its files URL answers 404 from then on.',
  params: assetIdParams,
  responses: { 200: { description: 'Deleted.', body: v3Data(deletedSchema) } },
  errors: { 404: '`not_found`: no such asset in this space.' },
};
