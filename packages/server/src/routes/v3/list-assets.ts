import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { assetPage } from '../../assets/asset-page.js';
import { v3Asset } from '../../assets/v3-asset.js';
import { v3ListQuery } from '../../http/openapi/request-schemas.js';
import { v3AssetSchema, v3Page } from '../../http/openapi/response-schemas.js';
import type { RouteDoc } from '../../http/openapi/route-doc.js';
import { parseAssetListQuery, parseStatusFilter } from '../asset-list-query.js';

/**
 * `GET /v3/assets` (SPEC §6): newest first, `limit`, `token`, `folder_id`, `type`; `username`
 * is accepted and ignored (a space has no users). Only completed assets are listed unless
 * `status` names another status, or `all`.
 */
export function v3ListAssetsRoute(app: FastifyInstance, context: AppContext): void {
  app.get<{ Querystring: Record<string, unknown> }>(
    '/v3/assets',
    { config: { dialect: 'v3', auth: true, openapi: LIST_DOC } },
    async (request) => {
      const query = parseAssetListQuery(request.query, { fileType: 'type' });
      const status = parseStatusFilter(request.query.status);

      const page = await assetPage(context.catalog, request.spaceId, { ...query, status });
      const publicUrl = context.publicUrl();
      return {
        data: page.assets.map((asset) => v3Asset(asset, publicUrl)),
        has_more: page.nextToken !== null,
        next_token: page.nextToken,
      };
    },
  );
}

const LIST_DOC: RouteDoc = {
  operationId: 'listAssets',
  summary: 'List assets, newest first',
  description: 'Only completed assets unless `status` says otherwise.',
  query: v3ListQuery,
  responses: { 200: { description: 'One page.', body: v3Page(v3AssetSchema) } },
  errors: { 400: '`invalid_request`, `param` naming the query parameter.' },
};
