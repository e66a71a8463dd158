import { AssetError } from '@heygen-assets/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context.js';
import { isAssetId } from '../assets/asset-id.js';
import type { ByteRange } from '../blobs/blob-store.js';
import type { AssetRecord } from '../catalog/records.js';
import { fileParams } from '../http/openapi/request-schemas.js';
import { FILE_BYTES, type RouteDoc } from '../http/openapi/route-doc.js';
import { parseRange } from './range-header.js';

/** Ids never get new bytes, so caches may keep a response for a year (SPEC §7). */
const FILES_CACHE_CONTROL = 'public, max-age=31536000, immutable';

interface FileParams {
  file: string;
}

/** The files host (SPEC §7): public capability URLs, `GET` and `HEAD`, with ranges. */
export function filesRoute(app: FastifyInstance, context: AppContext): void {
  app.route<{ Params: FileParams }>({
    method: ['GET', 'HEAD'],
    url: '/asset/:file',
    exposeHeadRoute: false,
    config: { dialect: 'files', openapi: FILES_DOC },
    handler: async (request, reply) => {
      const asset = await servableAsset(context, request.params.file);
      return sendAsset(request, reply, context, asset);
    },
  });
}

const FILE_HEADERS = {
  ETag: 'The SHA-256 of the bytes, quoted.',
  'Last-Modified': 'When the upload completed.',
  'Cache-Control': `\`${FILES_CACHE_CONTROL}\`: an id never gets new bytes.`,
  'Accept-Ranges': '`bytes`.',
};

const FILES_DOC: RouteDoc = {
  operationId: 'getFile',
  summary: 'The bytes of a completed asset',
  description:
    'A public capability URL (no key), with the detected Content-Type, `Range` (one range) and ' +
    '`If-None-Match`. Unknown, pending, failed and deleted ids all answer 404.',
  params: fileParams,
  responses: {
    200: { description: 'The whole file.', body: FILE_BYTES, headers: FILE_HEADERS },
    206: {
      description: 'The requested range.',
      body: FILE_BYTES,
      headers: { ...FILE_HEADERS, 'Content-Range': '`bytes <first>-<last>/<size>`.' },
    },
    304: { description: "The client's copy (`If-None-Match`) is current.", headers: FILE_HEADERS },
  },
  errors: {
    404: '`not_found`: no servable file at this URL.',
    416: '`range_not_satisfiable`; `Content-Range: bytes */<size>`.',
  },
};

/** `{id}` or `{id}.{ext}`; anything but a completed asset is "not found". */
async function servableAsset(context: AppContext, file: string): Promise<AssetRecord> {
  const id = file.replace(/\.[a-z0-9]{1,5}$/i, '');
  const asset = isAssetId(id) ? await context.catalog.findAsset(id) : undefined;
  if (asset?.status !== 'completed' || !asset.blobKey || asset.sizeBytes === null) {
    throw new AssetError('not_found', `No file at /asset/${file}.`, {
      hint: 'Check the URL; an asset is served only after its upload completed.',
    });
  }
  return asset;
}

async function sendAsset(
  request: FastifyRequest,
  reply: FastifyReply,
  context: AppContext,
  asset: AssetRecord,
) {
  const size = asset.sizeBytes ?? 0;
  const etag = `"${asset.sha256}"`;
  const range = rangeToServe(request, etag, size);
  reply.header('accept-ranges', 'bytes');
  if (range === 'unsatisfiable') {
    reply.header('content-range', `bytes */${size}`);
    throw new AssetError('range_not_satisfiable', `The requested range is outside 0-${size - 1}.`, {
      hint: 'Ask for a range within the file size.',
    });
  }

  reply.headers({
    'content-type': asset.mimeType ?? 'application/octet-stream',
    etag,
    'last-modified': (asset.completedAt ?? asset.createdAt).toUTCString(),
    'cache-control': FILES_CACHE_CONTROL,
    'x-content-type-options': 'nosniff',
    'access-control-allow-origin': '*',
  });
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.status(304).send();

  if (range) {
    reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`);
  }
  const length = range ? range.end - range.start + 1 : size;
  reply.header('content-length', length);
  if (request.method === 'HEAD') return reply.send();

  return reply.send(await context.blobs.read(asset.blobKey ?? '', range));
}

/** RFC 9110 §13.1.2: a weak comparison of the listed entity tags, `*` matching any. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim();
    return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
  });
}

/**
 * The range to serve, `undefined` for the whole file. `If-Range` with another validator means
 * the client's copy is stale, so it gets the whole file (RFC 9110 §13.1.5).
 */
function rangeToServe(
  request: FastifyRequest,
  etag: string,
  size: number,
): ByteRange | 'unsatisfiable' | undefined {
  const header = request.headers.range;
  if (!header) return undefined;
  const ifRange = request.headers['if-range'];
  if (ifRange && ifRange !== etag) return undefined;
  return parseRange(header, size);
}
