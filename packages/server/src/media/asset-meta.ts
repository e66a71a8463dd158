import type { AssetRecord } from '../catalog/records.js';

/**
 * The probed metadata of an asset as the API returns it (SPEC §3; issue 3): snake_case, only the
 * keys that apply to the type. The raw dialect's `meta` and the v3 asset object both use it.
 */
export interface AssetMeta {
  mime_type: string;
  size_bytes: number;
  /** Lower-case hex SHA-256 of the stored bytes. */
  sha256: string;
  /** As displayed (EXIF orientation, track rotation applied); images and video. */
  width?: number;
  height?: number;
  /** In seconds, rounded to the millisecond; audio and video. */
  duration?: number;
  /** E.g. `["h264", "aac"]`; video and audio. */
  codecs?: string[];
  /** Images. */
  has_alpha?: boolean;
  /** Video. */
  has_audio?: boolean;
}

/** Milliseconds in a second: durations are reported to the millisecond. */
const MS_PER_SECOND = 1000;

/** The metadata of a completed asset; null while its bytes are not verified yet. */
export function assetMeta(asset: Pick<AssetRecord, 'facts' | 'sha256'>): AssetMeta | null {
  const { facts, sha256 } = asset;
  if (!facts || !sha256) return null;

  const meta: AssetMeta = {
    mime_type: facts.mimeType,
    size_bytes: facts.sizeBytes,
    sha256,
  };
  if (facts.width !== undefined) meta.width = facts.width;
  if (facts.height !== undefined) meta.height = facts.height;
  if (facts.durationSeconds !== undefined) {
    meta.duration = Math.round(facts.durationSeconds * MS_PER_SECOND) / MS_PER_SECOND;
  }
  if (facts.codecs !== undefined) meta.codecs = [...facts.codecs];
  if (facts.hasAlpha !== undefined) meta.has_alpha = facts.hasAlpha;
  if (facts.hasAudio !== undefined) meta.has_audio = facts.hasAudio;
  return meta;
}
