import type { ResponseFields } from '../http/response-fields.js';

/** Lifecycle of an asset (SPEC §6): bytes expected → being checked → servable, or refused. */
export type AssetStatus = 'pending_upload' | 'processing' | 'completed' | 'failed';

export const ASSET_STATUSES: readonly AssetStatus[] = [
  'pending_upload',
  'processing',
  'completed',
  'failed',
];

/** Why an asset or a batch item failed: a stable code (SPEC §3) and the server's message. */
export interface FailureReason {
  code: string;
  message: string;
}

/** One asset as `GET /v3/assets/{id}` and `GET /v3/assets` describe it, in camelCase. */
export interface Asset {
  /** 32 lowercase hex characters on heygen-assets. */
  id: string;
  /** The file name given at upload, if any. */
  name: string | null;
  /** `image`, `video`, `audio`, `pdf` or `subtitle`; null while the type is not yet known. */
  type: string | null;
  owner: string | null;
  spaceId: string | null;
  /** When the bytes were accepted; null until then. */
  uploadedAt: Date | null;
  createdAt: Date;
  folderId: string | null;
  /** The public files URL; null until the asset is completed. */
  url: string | null;
  status: AssetStatus;
  /** Set when `status` is `failed`. */
  error: FailureReason | null;
  /** The type detected from the bytes, e.g. `image/jpeg`. */
  mimeType: string | null;
  /** In bytes. */
  sizeBytes: number | null;
  /** Hex SHA-256 of the stored bytes. */
  sha256: string | null;
  /** In pixels (images and video). */
  width?: number;
  /** In pixels (images and video). */
  height?: number;
  /** In seconds (audio and video). */
  duration?: number;
  /** Codec names, e.g. `['h264', 'aac']`. */
  codecs?: string[];
  /** Whether an image has an alpha channel. */
  hasAlpha?: boolean;
  /** Whether a video has a sound track. */
  hasAudio?: boolean;
}

/** Reads one v3 asset object. */
export function readAsset(fields: ResponseFields): Asset {
  return {
    id: fields.string('id'),
    name: fields.nullableString('name'),
    type: fields.nullableString('type'),
    owner: fields.nullableString('owner'),
    spaceId: fields.nullableString('space_id'),
    uploadedAt: fields.isAbsent('uploaded_at') ? null : fields.unixSeconds('uploaded_at'),
    createdAt: fields.unixSeconds('created_at'),
    folderId: fields.nullableString('folder_id'),
    url: fields.nullableString('url'),
    status: fields.oneOf('status', ASSET_STATUSES),
    error: readFailure(fields, 'error'),
    mimeType: fields.nullableString('mime_type'),
    sizeBytes: fields.nullableNumber('size_bytes'),
    sha256: fields.nullableString('sha256'),
    ...readProbedFacts(fields),
  };
}

/** `{code, message}` or null. */
export function readFailure(fields: ResponseFields, key: string): FailureReason | null {
  const error = fields.nullableObject(key);
  return error && { code: error.string('code'), message: error.string('message') };
}

/** The metadata probed at ingest (SPEC §3), each present only when the server reported it. */
function readProbedFacts(fields: ResponseFields): Partial<Asset> {
  const facts: Partial<Asset> = {};
  if (!fields.isAbsent('width')) facts.width = fields.number('width');
  if (!fields.isAbsent('height')) facts.height = fields.number('height');
  if (!fields.isAbsent('duration')) facts.duration = fields.number('duration');
  if (!fields.isAbsent('codecs')) facts.codecs = fields.strings('codecs');
  if (!fields.isAbsent('has_alpha')) facts.hasAlpha = fields.boolean('has_alpha');
  if (!fields.isAbsent('has_audio')) facts.hasAudio = fields.boolean('has_audio');
  return facts;
}
