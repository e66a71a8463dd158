import { AssetError } from '@heygen-assets/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import type { VideoFile } from '../catalog/records.js';
import { FILE_BYTES, type RouteDoc } from '../http/openapi/route-doc.js';
import { videoFileParams } from '../video/video-schemas.js';
import { parseRange } from './range-header.js';

/** A render never gets new bytes under its URL, so caches may keep it for a year (SPEC §7). */
const VIDEO_CACHE_CONTROL = 'public, max-age=31536000, immutable';

interface FileParams {
  file: string;
}

/** The files host for renders: `/video/{id}.mp4` and `/video/{id}.jpg`, no key, with ranges. */
export function videoFilesRoute(app: FastifyInstance, context: AppContext): void {
  app.route<{ Params: FileParams }>({
    method: ['GET', 'HEAD'],
    url: '/video/:file',
    exposeHeadRoute: false,
    config: { dialect: 'files', openapi: VIDEO_FILES_DOC },
    handler: async (request, reply) => {
      const { file, contentType } = await renderedFile(context, request.params.file);
      return sendFile(request, reply, context, file, contentType);
    },
  });
}

async function renderedFile(context: AppContext, name: string) {
  const match = /^([0-9a-f]{32})\.(mp4|jpg)$/.exec(name);
  const video = match?.[1] ? await context.catalog.findVideo(match[1]) : undefined;
  const file = match?.[2] === 'mp4' ? video?.video : video?.thumbnail;
  if (video?.status !== 'completed' || !file) {
    throw new AssetError('not_found', `No file at /video/${name}.`, {
      hint: 'Check the URL; a video is served once its status is completed.',
    });
  }
  return { file, contentType: match?.[2] === 'mp4' ? 'video/mp4' : 'image/jpeg' };
}

async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  context: AppContext,
  file: VideoFile,
  contentType: string,
) {
  const etag = `"${file.sha256}"`;
  const header = request.headers.range;
  const range = header ? parseRange(header, file.sizeBytes) : undefined;
  reply.header('accept-ranges', 'bytes');
  if (range === 'unsatisfiable') {
    reply.header('content-range', `bytes */${file.sizeBytes}`);
    throw new AssetError('range_not_satisfiable', 'The requested range is outside the file.', {
      hint: `Ask for a range within 0-${file.sizeBytes - 1}.`,
    });
  }

  reply.headers({
    'content-type': contentType,
    etag,
    'cache-control': VIDEO_CACHE_CONTROL,
    'x-content-type-options': 'nosniff',
    'access-control-allow-origin': '*',
  });
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();

  if (range) {
    reply
      .status(206)
      .header('content-range', `bytes ${range.start}-${range.end}/${file.sizeBytes}`);
  }
  reply.header('content-length', range ? range.end - range.start + 1 : file.sizeBytes);
  if (request.method === 'HEAD') return reply.send();

  return reply.send(await context.blobs.read(file.blobKey, range));
}

const VIDEO_FILES_DOC: RouteDoc = {
  operationId: 'getVideoFile',
  summary: 'The MP4 or the JPEG thumbnail of a completed video',
  description:
    'A public capability URL (no key), as `video_url` and `thumbnail_url` give it, with `Range` ' +
    'and `If-None-Match`. Unknown and unfinished videos answer 404.',
  params: videoFileParams,
  responses: {
    200: { description: 'The whole file.', body: FILE_BYTES },
    206: { description: 'The requested range.', body: FILE_BYTES },
    304: { description: "The client's copy (`If-None-Match`) is current." },
  },
  errors: {
    404: '`not_found`: no finished render at this URL.',
    416: '`range_not_satisfiable`; `Content-Range: bytes */<size>`.',
  },
};
