import type { AssetRecord } from '../catalog/records.js';
import { assetMeta } from '../media/asset-meta.js';
import { filesUrl, imageKey } from './asset-urls.js';

/**
 * The legacy asset object (SPEC §5), as the raw upload returns it and `GET /v1/asset/list`
 * lists it. One builder, so both answers stay field for field the same.
 */
export function legacyAsset(asset: AssetRecord, publicUrl: string) {
  return {
    id: asset.id,
    name: asset.filename ?? asset.id,
    file_type: asset.fileType,
    folder_id: asset.folderId,
    meta: assetMeta(asset),
    created_ts: Math.floor(asset.createdAt.getTime() / 1000),
    url: filesUrl(publicUrl, asset.id),
    image_key: imageKey(asset),
  };
}
