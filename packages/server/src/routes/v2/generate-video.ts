import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { newAssetId } from '../../assets/asset-id.js';
import { requireJsonBody } from '../../http/json-body.js';
import type { RouteDoc } from '../../http/openapi/route-doc.js';
import { resolveAssetReferences } from '../../video/asset-references.js';
import { RENDER_VIDEO_JOB, RENDER_VIDEO_MAX_ATTEMPTS } from '../../video/render-job.js';
import { parseOrRefuse } from '../../video/request-problems.js';
import { videoRequestSchema } from '../../video/video-request.js';
import { generatedVideoSchema, v2Data } from '../../video/video-schemas.js';

/**
 * `POST /v2/video/generate` (SPEC §9): validates the whole body and every asset it names, stores
 * the video as `pending` and queues its render.
 */
export function generateVideoRoute(app: FastifyInstance, context: AppContext): void {
  app.post(
    '/v2/video/generate',
    { config: { dialect: 'v2', auth: true, idempotent: true, openapi: GENERATE_DOC } },
    async (request) => {
      requireJsonBody(request);
      const body = parseOrRefuse(videoRequestSchema, request.body);
      const resolved = await resolveAssetReferences(body, request.spaceId, context.catalog, {
        publicUrl: context.publicUrl(),
        allowPrivateNetworks: context.config.fetchAllowPrivateNetworks,
      });

      const id = newAssetId();
      const video = {
        id,
        spaceId: request.spaceId,
        request: resolved,
        title: resolved.title ?? null,
        callbackId: resolved.callback_id ?? null,
        createdAt: new Date(),
      };
      await context.catalog.createVideo(video, {
        kind: RENDER_VIDEO_JOB,
        payload: { videoId: id },
        maxAttempts: RENDER_VIDEO_MAX_ATTEMPTS,
      });
      context.worker.wake();
      request.log.info({ videoId: id, scenes: resolved.video_inputs.length }, 'video queued');

      return { error: null, data: { video_id: id } };
    },
  );
}

const GENERATE_DOC: RouteDoc = {
  operationId: 'generateVideo',
  summary: 'Render a video from scenes of character, voice and background',
  description:
    'Every problem of the body is reported at once with its JSON path. Assets are named by id ' +
    "or by this server's files URL and must be completed assets of the caller's space of the " +
    'right file type; other http(s) URLs are fetched by the render into assets of the space, ' +
    'under the SSRF rules of upload-from-URL. Poll `GET /v1/video_status.get` for the result.',
  body: { 'application/json': videoRequestSchema },
  responses: { 200: { description: 'The video is queued.', body: v2Data(generatedVideoSchema) } },
  errors: {
    400:
      '`invalid_request`: a body that is not JSON sent as `application/json`, or every problem ' +
      'of the body with its path; `asset_not_usable`: a named ' +
      'asset is unknown in this space, not completed or of the wrong type; ' +
      '`unsupported_url`: an external URL with credentials; `forbidden_address`: an external ' +
      'URL whose host is a loopback, private, link-local or metadata address.',
  },
};
