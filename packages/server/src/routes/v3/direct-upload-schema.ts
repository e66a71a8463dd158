import { z } from 'zod';

/** Most files one batch may hold (SPEC §6). */
export const MAX_BATCH_FILES = 100;

/** One file of `POST /v3/assets/direct-uploads` (and of each batch item). */
export const directUploadSchema = z.object({
  filename: z.string().min(1).max(1024),
  content_type: z.string().min(1).max(255),
  size_bytes: z.number().int().positive(),
  checksum_sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters')
    .transform((value) => value.toLowerCase())
    .optional(),
  folder_id: z.string().max(255).optional(),
});

export const directUploadBatchSchema = z.object({
  files: z.array(directUploadSchema).min(1).max(MAX_BATCH_FILES),
  title: z.string().max(255).optional(),
});

export type DirectUploadRequest = z.infer<typeof directUploadSchema>;

export const DIRECT_UPLOAD_EXAMPLE =
  '{"filename": "photo.jpg", "content_type": "image/jpeg", "size_bytes": 123456}';
