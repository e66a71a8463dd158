import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { assetPage } from '../assets/asset-page.js';
import { legacyAsset } from '../assets/legacy-asset.js';
import { legacyListQuery } from '../http/openapi/request-schemas.js';
import { legacyAssetPageSchema, rawSuccess } from '../http/openapi/response-schemas.js';
import type { RouteDoc } from '../http/openapi/route-doc.js';
import { parseAssetListQuery } from './asset-list-query.js';

/**
 * Legacy `GET /v1/asset/list` (SPEC §5): the space's uploaded (completed) assets, newest first,
 * filtered by `file_type` and `folder_id`, paged with `limit` and `token`.
 */
export function legacyListAssetsRoute(app: FastifyInstance, context: AppContext): void {
  app.get<{ Querystring: Record<string, unknown> }>(
    '/v1/asset/list',
    { config: { dialect: 'raw', auth: true, openapi: LEGACY_LIST_DOC } },
    async (request) => {
      const query = parseAssetListQuery(request.query, { fileType: 'file_type' });

      const page = await assetPage(context.catalog, request.spaceId, {
        ...query,
        status: 'completed',
      });
      const publicUrl = context.publicUrl();
      return {
        code: 100,
        data: {
          assets: page.assets.map((asset) => legacyAsset(asset, publicUrl)),
          token: page.nextToken,
        },
        msg: null,
        message: null,
      };
    },
  );
}

const LEGACY_LIST_DOC: RouteDoc = {
  operationId: 'listLegacyAssets',
  summary: 'List stored assets (legacy)',
  description: 'Completed assets of the space, newest first.',
  query: legacyListQuery,
  responses: {
    200: { description: 'One page, newest first.', body: rawSuccess(legacyAssetPageSchema) },
  },
  errors: { 400: 'Code 400175, message `invalid_request: …`: a bad query parameter.' },
};
