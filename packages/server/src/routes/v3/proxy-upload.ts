import { AssetError, MiB } from '@heygen-assets/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { filesUrl } from '../../assets/asset-urls.js';
import { withMediaChecks } from '../../http/openapi/media-check-errors.js';
import { multipartFileForm } from '../../http/openapi/request-schemas.js';
import { uploadedAssetSchema, v3Data } from '../../http/openapi/response-schemas.js';
import type { RouteDoc } from '../../http/openapi/route-doc.js';

/** Largest file `POST /v3/assets` takes in one multipart request (SPEC §6); bigger: direct upload. */
export const PROXY_UPLOAD_MAX_BYTES = 32 * MiB;

/**
 * `POST /v3/assets` (SPEC §6): one multipart part named `file`, streamed through the same
 * verification as every other upload. The part's own Content-Type is not trusted: the bytes
 * decide the type.
 */
export function proxyUploadRoute(app: FastifyInstance, context: AppContext): void {
  app.post(
    '/v3/assets',
    { config: { dialect: 'v3', auth: true, idempotent: true, openapi: PROXY_UPLOAD_DOC } },
    async (request) => {
      const part = await filePart(request);
      const asset = await context.uploads.receiveRaw(
        request.spaceId,
        undefined,
        { body: part.file, contentLength: undefined },
        { filename: part.filename, maxBytes: PROXY_UPLOAD_MAX_BYTES },
      );

      request.log.info(
        { assetId: asset.id, mimeType: asset.mimeType, sizeBytes: asset.sizeBytes },
        'upload completed',
      );
      return {
        data: {
          asset_id: asset.id,
          url: filesUrl(context.publicUrl(), asset.id),
          mime_type: asset.mimeType,
          size_bytes: asset.sizeBytes,
        },
      };
    },
  );
}

const PROXY_UPLOAD_DOC: RouteDoc = {
  operationId: 'uploadAsset',
  summary: 'Upload a file in one multipart request',
  description:
    `Up to ${PROXY_UPLOAD_MAX_BYTES / MiB} MiB; the bytes decide the type. ` +
    'Larger files go through direct uploads.',
  body: { 'multipart/form-data': multipartFileForm },
  responses: { 200: { description: 'Stored and verified.', body: v3Data(uploadedAssetSchema) } },
  errors: withMediaChecks({
    400: '`invalid_request`: not multipart, or the part is not named `file`.',
  }),
};

async function filePart(request: FastifyRequest) {
  const hint =
    'Send multipart/form-data with the file in a part named "file" (curl -F file=@photo.jpg); ' +
    'files over 32 MiB go through POST /v3/assets/direct-uploads.';
  if (!request.isMultipart()) {
    throw new AssetError('invalid_request', 'The body is not multipart/form-data.', { hint });
  }
  const part = await request.file({ limits: { files: 1, fileSize: PROXY_UPLOAD_MAX_BYTES + 1 } });
  if (!part) throw new AssetError('missing_content', 'The form has no file part.', { hint });
  if (part.fieldname !== 'file') {
    throw new AssetError('invalid_request', `The file part is named "${part.fieldname}".`, {
      param: 'file',
      hint,
    });
  }
  return part;
}
