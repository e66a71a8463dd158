import { AssetError } from '@heygen-assets/core';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import type { VideoRecord } from '../catalog/records.js';
import type { RouteDoc } from '../http/openapi/route-doc.js';
import { videoStatusQuery, videoStatusSchema } from '../video/video-schemas.js';
import { thumbnailUrl, videoFileUrl } from '../video/video-urls.js';

interface StatusQuery {
  video_id?: string;
}

/** `GET /v1/video_status.get?video_id=` (SPEC §9); another space's video is unknown. */
export function videoStatusRoute(app: FastifyInstance, context: AppContext): void {
  app.get<{ Querystring: StatusQuery }>(
    '/v1/video_status.get',
    { config: { dialect: 'v2', auth: true, openapi: STATUS_DOC } },
    async (request) => {
      const id = request.query.video_id ?? '';
      if (id === '') {
        throw new AssetError('invalid_request', 'video_id is missing.', {
          param: 'video_id',
          hint: 'Pass the id POST /v2/video/generate returned: ?video_id=….',
        });
      }
      const video = await context.catalog.findVideoInSpace(request.spaceId, id);
      if (!video) {
        throw new AssetError('not_found', `No video ${id}.`, {
          hint: 'Check the id; a video is visible only with a key of the space that made it.',
        });
      }

      return { code: 100, message: 'Success', data: statusData(video, context.publicUrl()) };
    },
  );
}

function statusData(video: VideoRecord, publicUrl: string) {
  const completed = video.status === 'completed';
  return {
    id: video.id,
    status: video.status,
    video_url: completed ? videoFileUrl(publicUrl, video.id) : null,
    thumbnail_url: completed ? thumbnailUrl(publicUrl, video.id) : null,
    duration: video.durationSeconds,
    created_at: Math.floor(video.createdAt.getTime() / 1000),
    callback_id: video.callbackId,
    title: video.title,
    error: video.error,
  };
}

const STATUS_DOC: RouteDoc = {
  operationId: 'getVideoStatus',
  summary: 'Where a video render stands',
  description: '`pending` → `processing` → `completed` (with its URLs) or `failed` (with why).',
  query: videoStatusQuery,
  responses: { 200: { description: 'The video.', body: videoStatusSchema } },
  errors: {
    400: '`invalid_request`: no `video_id`.',
    404: '`not_found`: no such video in this space.',
  },
};
