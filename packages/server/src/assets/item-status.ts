import type { AssetRecord } from '../catalog/records.js';

/**
 * Where an upload stands, as batch items and `GET /v3/assets/statuses` report it (SPEC §6):
 * `queued` between the completion request and the start of verification, otherwise the asset's
 * own status.
 */
export type ItemStatus = 'pending_upload' | 'queued' | 'processing' | 'completed' | 'failed';

export function itemStatus(
  asset: Pick<AssetRecord, 'status' | 'completionRequestedAt'>,
): ItemStatus {
  if (asset.status !== 'pending_upload') return asset.status;
  return asset.completionRequestedAt === null ? 'pending_upload' : 'queued';
}
