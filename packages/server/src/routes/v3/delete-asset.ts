import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { deleteAsset } from '../../assets/delete-asset.js';

interface AssetParams {
  id: string;
}

/** `DELETE /v3/assets/{id}` (SPEC §6): the files URL answers 404 from then on. */
export function v3DeleteAssetRoute(app: FastifyInstance, context: AppContext): void {
  app.delete<{ Params: AssetParams }>(
    '/v3/assets/:id',
    { config: { dialect: 'v3', auth: true } },
    async (request) => {
      const { id } = request.params;
      await deleteAsset(context, request.spaceId, id);
      request.log.info({ assetId: id }, 'asset deleted');
      return { data: { id } };
    },
  );
}
