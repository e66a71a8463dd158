import { AssetError, canonicalMediaType, essenceOf } from '@heygen-assets/core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { isAssetId } from '../assets/asset-id.js';
import { notFound } from '../assets/asset-uploads.js';
import { filesUrl } from '../assets/asset-urls.js';
import type { AssetRecord } from '../catalog/records.js';
import { withMediaChecks } from '../http/openapi/media-check-errors.js';
import { uploadUrlParams, uploadUrlQuery } from '../http/openapi/request-schemas.js';
import { uploadedBytesSchema } from '../http/openapi/response-schemas.js';
import { FILE_BYTES, type RouteDoc } from '../http/openapi/route-doc.js';
import { requestBody } from '../http/request-body.js';
import { contentLengthOf, logCompleted } from './create-asset.js';

interface UploadParams {
  assetId: string;
}

interface UploadQuery {
  expires?: string;
  signature?: string;
}

/** `PUT` to a presigned upload URL (SPEC §4.2): the URL is the authorisation, no key needed. */
export function uploadBytesRoute(app: FastifyInstance, context: AppContext): void {
  app.put<{ Params: UploadParams; Querystring: UploadQuery }>(
    '/v1/uploads/:assetId',
    { config: { dialect: 'presigned', openapi: UPLOAD_BYTES_DOC } },
    async (request) => {
      const { assetId } = request.params;
      const nowSeconds = Math.floor(Date.now() / 1000);
      context.signer.verify(assetId, request.query.expires, request.query.signature, nowSeconds);

      const asset = isAssetId(assetId) ? await context.catalog.findAsset(assetId) : undefined;
      if (!asset) throw notFound(assetId);
      checkContentType(request.headers['content-type'], asset);

      const completed = await context.uploads.receive(assetId, {
        body: requestBody(request.raw),
        contentLength: contentLengthOf(request),
      });
      if (completed.completion === 'explicit') {
        request.log.info({ assetId, sizeBytes: completed.staged?.sizeBytes }, 'upload staged');
        return {
          asset_id: completed.id,
          status: completed.status,
          size_bytes: completed.staged?.sizeBytes,
        };
      }
      logCompleted(request, completed);
      return {
        asset_id: completed.id,
        url: filesUrl(context.publicUrl(), completed.id),
        mime_type: completed.mimeType,
        size_bytes: completed.sizeBytes,
        sha256: completed.sha256,
      };
    },
  );
}

const UPLOAD_BYTES_DOC: RouteDoc = {
  operationId: 'uploadBytes',
  summary: 'PUT the file to an upload URL',
  description:
    'The URL is the authorisation (no key). A presigned upload is verified and stored now; a v3 ' +
    'direct upload is staged until `/complete`. A refused upload may be retried until expiry.',
  params: uploadUrlParams,
  query: uploadUrlQuery,
  body: { '*/*': FILE_BYTES },
  responses: { 200: { description: 'Stored, or staged.', body: uploadedBytesSchema } },
  errors: withMediaChecks({
    403: '`upload_url_expired`; `signature_mismatch` (URL tampered, or wrong Content-Type).',
    404: '`not_found`: the asset was deleted.',
    409: '`already_uploaded`: the URL is spent.',
  }),
};

/**
 * A `Content-Type` on the PUT, if sent, must name the declared type (aliases allowed); v3 direct
 * uploads must send it.
 */
function checkContentType(header: string | undefined, asset: AssetRecord): void {
  if (header === undefined || header === '') {
    // v3 direct uploads list Content-Type in upload_headers: it is part of the contract there.
    if (asset.completion === 'on_upload') return;
    throw new AssetError(
      'signature_mismatch',
      `This upload URL requires the header Content-Type: ${asset.declaredType}.`,
      { hint: 'Send every header listed in upload_headers with the PUT.' },
    );
  }
  if (canonicalMediaType(header) === asset.declaredType) return;

  throw new AssetError(
    'signature_mismatch',
    `The Content-Type header is ${essenceOf(header)} but this upload URL was issued for ` +
      `${asset.declaredType}.`,
    { hint: `Send Content-Type: ${asset.declaredType}, or no Content-Type header.` },
  );
}
