import type { Asset } from '@heygen-assets/client';
import { formatBytes } from './format-bytes.js';

/** Header of the `list` table. */
export const ASSET_TABLE_HEADER = ['ID', 'TYPE', 'STATUS', 'SIZE', 'CREATED (UTC)', 'NAME'];

/** Shown in a table cell or detail line for a value the asset does not have. */
const NONE = '-';

/** An asset as a `--json` line: the v3 API's own field names, timestamps in Unix seconds. */
export function assetJson(asset: Asset) {
  return {
    id: asset.id,
    name: asset.name,
    type: asset.type,
    owner: asset.owner,
    space_id: asset.spaceId,
    uploaded_at: asset.uploadedAt && unixSeconds(asset.uploadedAt),
    created_at: unixSeconds(asset.createdAt),
    folder_id: asset.folderId,
    url: asset.url,
    status: asset.status,
    error: asset.error,
    mime_type: asset.mimeType,
    size_bytes: asset.sizeBytes,
    sha256: asset.sha256,
    width: asset.width,
    height: asset.height,
    duration: asset.duration,
    codecs: asset.codecs,
    has_alpha: asset.hasAlpha,
    has_audio: asset.hasAudio,
  };
}

/** One row of the `list` table, in the order of `ASSET_TABLE_HEADER`. */
export function assetRow(asset: Asset): string[] {
  return [
    asset.id,
    asset.type ?? NONE,
    asset.status,
    asset.sizeBytes === null ? NONE : formatBytes(asset.sizeBytes),
    formatTime(asset.createdAt),
    asset.name ?? NONE,
  ];
}

/** `get` for people: one `label  value` pair per field the asset has. */
export function assetDetails(asset: Asset): string[][] {
  const details: Array<[string, string | null | undefined]> = [
    ['id', asset.id],
    ['name', asset.name],
    ['type', asset.type],
    ['status', asset.status],
    ['error', asset.error && `${asset.error.code}: ${asset.error.message}`],
    ['mime type', asset.mimeType],
    ['size', asset.sizeBytes === null ? null : sizeText(asset.sizeBytes)],
    ['dimensions', asset.width && asset.height ? `${asset.width} × ${asset.height} px` : null],
    ['duration', asset.duration === undefined ? null : `${asset.duration} s`],
    ['codecs', asset.codecs?.join(', ')],
    ['has alpha', yesNo(asset.hasAlpha)],
    ['has audio', yesNo(asset.hasAudio)],
    ['url', asset.url],
    ['sha256', asset.sha256],
    ['folder', asset.folderId],
    ['created', formatTime(asset.createdAt)],
    ['uploaded', asset.uploadedAt && formatTime(asset.uploadedAt)],
  ];
  return details.flatMap(([label, value]) => (value ? [[label, value]] : []));
}

/** A time for people, in UTC to the second: `2024-05-01 12:30:00`. */
export function formatTime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

function yesNo(value: boolean | undefined): string | undefined {
  return value === undefined ? undefined : value ? 'yes' : 'no';
}

function sizeText(bytes: number): string {
  return bytes < 1024 ? formatBytes(bytes) : `${formatBytes(bytes)} (${bytes} bytes)`;
}
