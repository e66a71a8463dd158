import { AssetError, canonicalMediaType, essenceOf } from '@heygen-assets/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { legacyAsset } from '../assets/legacy-asset.js';
import type { AssetRecord } from '../catalog/records.js';
import type { Dialect } from '../http/dialect.js';
import { withMediaChecks } from '../http/openapi/media-check-errors.js';
import {
  legacyAssetSchema,
  presignedUploadUrlSchema,
  rawSuccess,
} from '../http/openapi/response-schemas.js';
import { FILE_BYTES, type RouteDoc } from '../http/openapi/route-doc.js';
import { requestBody } from '../http/request-body.js';
import { parsePresignedRequest, presignedRequestSchema } from './presigned-request.js';

/** Declared types that say nothing about the bytes: the detected type alone decides. */
const UNTYPED_BODY_TYPES = new Set([
  '',
  'application/octet-stream',
  'application/x-www-form-urlencoded',
  'binary/octet-stream',
]);

/**
 * `POST /v1/asset` speaks two dialects on one path (SPEC §4, §5): a JSON body asks for a
 * presigned upload URL; any other body is the file itself.
 */
export function createAssetRoute(app: FastifyInstance, context: AppContext): void {
  const config = { dialect: dialectOf, auth: true, openapi: CREATE_ASSET_DOC };
  app.post('/v1/asset', { config }, async (request) => {
    if (request.dialect === 'presigned') return presignedResponse(request, context);
    return rawResponse(request, context);
  });
}

const CREATE_ASSET_DOC: RouteDoc = {
  operationId: 'createAsset',
  summary: 'Ask for an upload URL (JSON body), or upload the file as the body',
  description:
    'The Content-Type picks the dialect: `application/json` asks for a presigned upload URL ' +
    '(SPEC §4.1) and errors come in the presigned envelope; any other type is the file itself, ' +
    'stored and verified in this request (SPEC §5), with raw-dialect errors.',
  dialects: ['presigned', 'raw'],
  body: { 'application/json': presignedRequestSchema, '*/*': FILE_BYTES },
  responses: {
    200: {
      description: 'The upload URL (presigned), or the stored asset (raw).',
      body: z.union([presignedUploadUrlSchema, rawSuccess(legacyAssetSchema)]),
    },
  },
  errors: withMediaChecks({
    400: '`invalid_request`: a bad JSON body; `missing_content` also for a multipart body.',
    413: '`request_too_large`: a JSON body over the limit.',
    415: '`unsupported_media_type`: a declared type that is not accepted.',
  }),
};

function dialectOf(request: FastifyRequest): Dialect {
  const isJson = essenceOf(request.headers['content-type'] ?? '') === 'application/json';
  return isJson ? 'presigned' : 'raw';
}

async function presignedResponse(request: FastifyRequest, context: AppContext) {
  const body = parsePresignedRequest(request.body);
  const asset = await context.uploads.createPending({
    spaceId: request.spaceId,
    declaredType: body.declaredType,
    filename: body.filename,
    folderId: body.folder_id,
    sizeBytes: body.size_bytes,
    sha256: body.checksum_sha256,
    ttlSeconds: context.config.uploadUrlTtlSeconds,
  });

  const expiresAt = Math.floor((asset.uploadExpiresAt?.getTime() ?? 0) / 1000);
  const path = context.signer.pathFor({ assetId: asset.id, expiresAt });
  request.log.info({ assetId: asset.id, declaredType: asset.declaredType }, 'upload url issued');
  return { error: null, data: { url: `${context.publicUrl()}${path}`, asset_id: asset.id } };
}

async function rawResponse(request: FastifyRequest, context: AppContext) {
  const contentType = essenceOf(request.headers['content-type'] ?? '');
  if (contentType.startsWith('multipart/')) {
    throw new AssetError('missing_content', `The body is ${contentType}, not a raw file.`, {
      hint: 'Send the file bytes themselves as the body, with the file type as Content-Type.',
    });
  }
  const declaredType = UNTYPED_BODY_TYPES.has(contentType)
    ? undefined
    : declaredRawType(contentType);

  const asset = await context.uploads.receiveRaw(request.spaceId, declaredType, {
    body: requestBody(request.raw),
    contentLength: contentLengthOf(request),
  });
  logCompleted(request, asset);
  return rawAssetEnvelope(asset, context.publicUrl());
}

function declaredRawType(contentType: string) {
  const declared = canonicalMediaType(contentType);
  if (declared) return declared;
  throw new AssetError('unsupported_media_type', `Content-Type ${contentType} is not accepted.`, {
    hint: 'Send one of the accepted media types, e.g. image/jpeg, video/mp4 or audio/mpeg.',
  });
}

export function contentLengthOf(request: FastifyRequest): number | undefined {
  const header = request.headers['content-length'];
  return header && /^\d+$/.test(header) ? Number(header) : undefined;
}

export function logCompleted(request: FastifyRequest, asset: AssetRecord): void {
  request.log.info(
    { assetId: asset.id, mimeType: asset.mimeType, sizeBytes: asset.sizeBytes },
    'upload completed',
  );
}

function rawAssetEnvelope(asset: AssetRecord, publicUrl: string) {
  return { code: 100, data: legacyAsset(asset, publicUrl), msg: null, message: null };
}
