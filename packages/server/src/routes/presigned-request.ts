import { AssetError, canonicalMediaType, essenceOf } from '@heygen-assets/core';
import { z } from 'zod';

/** Body of `POST /v1/asset` in the presigned dialect (SPEC §4.1). */
export const presignedRequestSchema = z.object({
  content_type: z.string().min(1).max(255),
  filename: z.string().max(1024).optional(),
  size_bytes: z.number().int().positive().optional(),
  checksum_sha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hexadecimal characters')
    .transform((value) => value.toLowerCase())
    .optional(),
  folder_id: z.string().max(255).optional(),
});

const MEDIA_TYPE_SYNTAX = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

export function parsePresignedRequest(body: unknown) {
  const parsed = presignedRequestSchema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue?.path.join('.') || 'content_type';
    throw new AssetError('invalid_request', `Invalid ${param}: ${issue?.message ?? 'bad value'}.`, {
      param,
      hint: 'Send JSON such as {"content_type": "image/jpeg"}.',
    });
  }

  const declaredType = canonicalMediaType(parsed.data.content_type);
  if (!declaredType) throw unsupportedDeclaredType(parsed.data.content_type);
  return { ...parsed.data, declaredType };
}

function unsupportedDeclaredType(contentType: string): AssetError {
  const essence = essenceOf(contentType);
  const hint =
    'Accepted: image/jpeg, image/png, video/mp4, video/webm, audio/mpeg, audio/wav, ' +
    'application/pdf, application/x-subrip.';
  if (!MEDIA_TYPE_SYNTAX.test(essence)) {
    return new AssetError('invalid_request', `content_type "${contentType}" is not a media type.`, {
      param: 'content_type',
      hint,
    });
  }
  return new AssetError('unsupported_media_type', `content_type ${essence} is not accepted.`, {
    param: 'content_type',
    hint,
  });
}
