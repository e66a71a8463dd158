import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { isAssetId } from '../../assets/asset-id.js';
import { notFound } from '../../assets/asset-uploads.js';
import { v3Asset } from '../../assets/v3-asset.js';

interface AssetParams {
  id: string;
}

/** `GET /v3/assets/{id}` (SPEC §6): the asset in any status; another space's id is unknown. */
export function v3GetAssetRoute(app: FastifyInstance, context: AppContext): void {
  app.get<{ Params: AssetParams }>(
    '/v3/assets/:id',
    { config: { dialect: 'v3', auth: true } },
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
