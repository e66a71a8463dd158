import type { Catalog } from '../catalog/catalog.js';
import type { AssetListQuery, AssetRecord } from '../catalog/records.js';
import { encodeListToken } from './list-token.js';

export interface AssetPage {
  assets: AssetRecord[];
  /** Token for the next page; null on the last one. */
  nextToken: string | null;
}

/**
 * One page of a space's assets, newest first, for both list dialects (SPEC §5, §6). One row
 * more than asked for is read to learn whether another page follows.
 */
export async function assetPage(
  catalog: Catalog,
  spaceId: string,
  query: AssetListQuery,
): Promise<AssetPage> {
  const rows = await catalog.listAssets(spaceId, { ...query, limit: query.limit + 1 });
  const assets = rows.slice(0, query.limit);
  const last = assets.at(-1);
  const hasMore = rows.length > query.limit && last !== undefined;
  return { assets, nextToken: hasMore ? encodeListToken(last) : null };
}
