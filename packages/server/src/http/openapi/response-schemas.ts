import { CANONICAL_MEDIA_TYPES, type FileType, MEDIA_TYPES } from '@heygen-assets/core';
import { z } from 'zod';

/**
 * The bodies routes answer with, written once from the builders that make them
 * (`assets/v3-asset.ts`, `assets/legacy-asset.ts`, `media/asset-meta.ts`,
 * `routes/v3/upload-slot.ts`, `routes/v3/batch-status.ts`, `routes/v3/asset-statuses.ts`).
 * The OpenAPI test checks real responses against them. An `id` makes a named component.
 */

const FILE_TYPES = [...new Set(Object.values(MEDIA_TYPES).map((rule) => rule.fileType))] as [
  FileType,
  ...FileType[],
];

const assetId = z.string().regex(/^[0-9a-f]{32}$/);
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const unixSeconds = z.int().nonnegative().meta({ description: 'Whole seconds since 1970.' });
const byteCount = z.int().nonnegative();
const count = z.int().nonnegative();
const url = z.url();

const mediaType = z.enum(CANONICAL_MEDIA_TYPES).meta({ id: 'MediaType' });
export const fileType = z.enum(FILE_TYPES).meta({ id: 'FileType' });
export const assetStatus = z
  .enum(['pending_upload', 'processing', 'completed', 'failed'])
  .meta({ id: 'AssetStatus' });
const itemStatus = z.enum(['pending_upload', 'queued', 'processing', 'completed', 'failed']).meta({
  id: 'ItemStatus',
  description: '`queued`: completion asked for, verification not started yet.',
});

const assetFailure = z
  .object({ code: z.string(), message: z.string() })
  .meta({ id: 'AssetFailure', description: 'Why an upload failed verification.' });

/** The probed metadata: only the keys that apply to the type (SPEC §3). */
const probedMeta = {
  width: z.int().positive().optional().meta({ description: 'Images and video, as displayed.' }),
  height: z.int().positive().optional(),
  duration: z.number().nonnegative().optional().meta({ description: 'Seconds; audio, video.' }),
  codecs: z.array(z.string()).optional().meta({ description: 'Audio and video.' }),
  has_alpha: z.boolean().optional().meta({ description: 'Images.' }),
  has_audio: z.boolean().optional().meta({ description: 'Video.' }),
};

const assetMeta = z
  .object({ mime_type: mediaType, size_bytes: byteCount, sha256: sha256Hex, ...probedMeta })
  .meta({ id: 'AssetMeta', description: 'What verification found in the stored bytes.' });

export const v3AssetSchema = z
  .object({
    id: assetId,
    name: z.string(),
    type: fileType,
    owner: z.null(),
    space_id: z.string(),
    uploaded_at: unixSeconds.nullable(),
    created_at: unixSeconds,
    folder_id: z.string().nullable(),
    url: url.nullable(),
    status: assetStatus,
    error: assetFailure.nullable(),
    mime_type: mediaType,
    size_bytes: byteCount.nullable(),
    sha256: sha256Hex.nullable(),
    ...probedMeta,
  })
  .meta({
    id: 'V3Asset',
    description: 'An asset in any status (docs/v3-assets-api.md, "The v3 asset object").',
  });

export const legacyAssetSchema = z
  .object({
    id: assetId,
    name: z.string(),
    file_type: fileType,
    folder_id: z.string().meta({ description: 'Empty when none was given.' }),
    meta: assetMeta.nullable(),
    created_ts: unixSeconds,
    url,
    image_key: z.string().nullable().meta({ description: '`image/<id>/original.<ext>`.' }),
  })
  .meta({
    id: 'LegacyAsset',
    description: 'A stored asset as the raw dialect shows it (SPEC §5).',
  });

export const uploadSlotSchema = z
  .object({
    asset_id: assetId,
    upload_url: url,
    upload_headers: z
      .object({ 'Content-Type': mediaType, 'Content-Length': z.string().regex(/^\d+$/) })
      .meta({ description: 'Every header the PUT must carry, exactly.' }),
    expires_in_seconds: byteCount,
    max_bytes: byteCount,
    status: z.literal('pending_upload'),
  })
  .meta({ id: 'UploadSlot', description: 'Where and how to PUT one file (SPEC §6).' });

const batchItem = z.object({
  item_index: z.int().nonnegative(),
  status: itemStatus,
  video_id: assetId.meta({ description: 'The asset id.' }),
  error: assetFailure.nullable(),
});

export const batchStatusSchema = z
  .object({
    batch_id: z.string(),
    status: z.enum(['pending_upload', 'processing', 'completed', 'partially_completed', 'failed']),
    total_items: count,
    counts_by_status: z.object({
      pending_upload: count,
      queued: count,
      processing: count,
      completed: count,
      failed: count,
    }),
    created_at: unixSeconds,
    title: z.string().nullable(),
    items: z.array(batchItem),
    has_more: z.boolean(),
    next_token: z.string().nullable(),
  })
  .meta({ id: 'BatchStatus', description: 'A batch, its counts and one page of its items.' });

export const statusEntrySchema = z
  .object({
    video_id: z.string().nullable().meta({ description: 'The asset id; null for a lost batch.' }),
    status: z.enum([...itemStatus.options, 'not_found']),
    error: assetFailure.nullable(),
    batch_id: z.string().optional(),
    item_index: z.int().nonnegative().optional(),
  })
  .meta({
    id: 'StatusEntry',
    description: 'One asset, or an unknown batch; `batch_id`, `item_index` for batch items.',
  });

/** `{data}`: every v3 success but lists (SPEC §6). */
export function v3Data(data: z.ZodType) {
  return z.object({ data });
}

/** `{data: […], has_more, next_token}`: a page of a v3 list (SPEC §6). */
export function v3Page(item: z.ZodType) {
  return z.object({
    data: z.array(item),
    has_more: z.boolean(),
    next_token: z.string().nullable(),
  });
}

/** `{code: 100, data, msg: null, message: null}`: a raw-dialect success (SPEC §5). */
export function rawSuccess(data: z.ZodType) {
  return z.object({ code: z.literal(100), data, msg: z.null(), message: z.null() });
}

/** A completed upload as `POST /v3/assets` and `/complete` report it. */
export const uploadedAssetSchema = z.object({
  asset_id: assetId,
  url,
  mime_type: mediaType,
  size_bytes: byteCount,
});

export const presignedUploadUrlSchema = z.object({
  error: z.null(),
  data: z.object({ url, asset_id: assetId }),
});

/** The PUT's answer: the stored asset, or (v3 direct upload) the bytes staged for `/complete`. */
export const uploadedBytesSchema = z.union([
  uploadedAssetSchema.extend({ sha256: sha256Hex }),
  z.object({ asset_id: assetId, status: z.literal('pending_upload'), size_bytes: byteCount }),
]);

export const deletedSchema = z.object({ id: z.string() });

export const healthSchema = z.object({ status: z.literal('ok') });

/** `GET /v1/asset/list`'s `data`: `token` is null on the last page. */
export const legacyAssetPageSchema = z.object({
  assets: z.array(legacyAssetSchema),
  token: z.string().nullable(),
});

/** `POST /v3/assets/{id}/complete`'s `data`. */
export const completedUploadSchema = uploadedAssetSchema.extend({
  status: z.literal('completed'),
});

/** `POST /v3/assets/direct-uploads/batches`'s `data`: one slot per file, in submitted order. */
export const uploadBatchSchema = z.object({
  batch_id: z.string(),
  items: z.array(uploadSlotSchema.extend({ item_index: z.int().nonnegative() })),
});

/** `POST /v3/assets/complete/batches`'s `data`. */
export const batchQueuedSchema = z.object({ batch_id: z.string() });
