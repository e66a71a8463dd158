import type { AssetRecord } from '../catalog/records.js';

/** The public files URL of an asset (SPEC §7). */
export function filesUrl(publicUrl: string, assetId: string): string {
  return `${publicUrl}/asset/${assetId}`;
}

/** The legacy `image_key` (SPEC §5): set for images only. */
export function imageKey(asset: AssetRecord): string | null {
  if (asset.fileType !== 'image' || !asset.mimeType) return null;
  const extension = asset.mimeType === 'image/png' ? 'png' : 'jpg';
  return `image/${asset.id}/original.${extension}`;
}
