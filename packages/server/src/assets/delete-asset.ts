import type { AppContext } from '../app-context.js';
import type { AssetRecord } from '../catalog/records.js';
import { isAssetId } from './asset-id.js';
import { notFound } from './asset-uploads.js';

/**
 * Deletes an asset of `spaceId`, for every dialect (SPEC §5, §6). The files URL answers 404 from
 * then on; the bytes go once no other asset shares them. Another space's id, like an unknown
 * one, is `not_found`.
 */
export async function deleteAsset(
  context: Pick<AppContext, 'catalog' | 'blobReferences'>,
  spaceId: string,
  id: string,
): Promise<AssetRecord> {
  const deleted = isAssetId(id) ? await context.catalog.deleteAsset(spaceId, id) : undefined;
  if (!deleted) throw notFound(id);

  if (deleted.blobKey) await context.blobReferences.release(deleted.blobKey);
  return deleted;
}
