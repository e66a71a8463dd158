import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { isAssetId } from '../../assets/asset-id.js';
import { notFound } from '../../assets/asset-uploads.js';
import { v3Asset } from '../../assets/v3-asset.js';
import { assetIdParams } from '../../http/openapi/request-schemas.js';
import { v3AssetSchema, v3Data } from '../../http/openapi/response-schemas.js';
import type { RouteDoc } from '../../http/openapi/route-doc.js';

interface AssetParams {
  id: string;
}

/** `GET /v3/assets/{id}` (SPEC §6): the asset in any status; another space's id is unknown. */
export function v3GetAssetRoute(app: FastifyInstance, context: AppContext): void {
  app.get<{ Params: AssetParams }>(
    '/v3/assets/:id',
    { config: { dialect: 'v3', auth: true, openapi: GET_ASSET_DOC } },
    async (request) => {
      const { id } = request.params;
      const asset = isAssetId(id)
        ? await context.catalog.findAssetInSpace(request.spaceId, id)
        : undefined;
      if (!asset) throw notFound(id);

      return { data: v3Asset(asset, context.publicUrl()) };
    },
  );
}

const GET_ASSET_DOC: RouteDoc = {
  operationId: 'getAsset',
  summary: 'One asset, in any status',
  params: assetIdParams,
  responses: { 200: { description: 'The asset.', body: v3Data(v3AssetSchema) } },
  errors: { 404: '`not_found`: no such asset in this space.' },
};
