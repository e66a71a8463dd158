import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AppContext } from './app-context.js';
import { authenticator } from './auth/authenticate.js';
import './http/dialect.js';
import { handleError } from './http/error-handler.js';
import { idempotencyHooks } from './http/idempotency.js';
import { parseJsonBody } from './http/json-body.js';
import { CONNECTION_IDLE_TIMEOUT_MS, JSON_BODY_LIMIT_BYTES } from './http/limits.js';
import { logSerializers } from './http/log-serializers.js';
import { openApiRoute } from './http/openapi/openapi-route.js';
import { requestIdFor } from './http/request-id.js';
import { createAssetRoute } from './routes/create-asset.js';
import { deleteAssetRoute } from './routes/delete-asset.js';
import { filesRoute } from './routes/files.js';
import { healthRoute } from './routes/health.js';
import { legacyListAssetsRoute } from './routes/list-assets.js';
import { uploadBytesRoute } from './routes/upload-bytes.js';
import { catalogueRoutes } from './routes/v2/catalogue.js';
import { generateVideoRoute } from './routes/v2/generate-video.js';
import { v3AssetStatusesRoute } from './routes/v3/asset-statuses.js';
import { batchStatusRoute } from './routes/v3/batch-status.js';
import { completeBatchRoute } from './routes/v3/complete-batch.js';
import { completeUploadRoute } from './routes/v3/complete-upload.js';
import { v3DeleteAssetRoute } from './routes/v3/delete-asset.js';
import { directUploadRoutes } from './routes/v3/direct-uploads.js';
import { v3GetAssetRoute } from './routes/v3/get-asset.js';
import { v3ListAssetsRoute } from './routes/v3/list-assets.js';
import { proxyUploadRoute } from './routes/v3/proxy-upload.js';
import { videoFilesRoute } from './routes/video-files.js';
import { videoStatusRoute } from './routes/video-status.js';

/** Builds the HTTP application on top of the server's services; does not listen. */
export function buildApp(context: AppContext): FastifyInstance {
  const { config } = context;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      serializers: logSerializers,
      ...(config.logStream ? { stream: config.logStream } : {}),
    },
    genReqId: requestIdFor,
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    connectionTimeout: CONNECTION_IDLE_TIMEOUT_MS,
  });

  // Upload bodies are streamed by their routes, never buffered: leave every non-JSON body unread.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, parseJsonBody);
  app.addContentTypeParser('*', leaveBodyUnread);
  // Multipart is parsed only where a route asks for it (`POST /v3/assets`), as a stream.
  app.register(multipart);

  app.decorateRequest('dialect', 'plain');
  app.decorateRequest('spaceId', '');
  const authenticate = authenticator(context.catalog);
  app.addHook('onRequest', async (request, reply) => {
    const { dialect = 'plain' } = request.routeOptions.config;
    request.dialect = typeof dialect === 'function' ? dialect(request) : dialect;
    reply.header('x-request-id', request.id);
    if (request.routeOptions.config.auth) await authenticate(request);
  });
  app.setErrorHandler(handleError);
  idempotencyHooks(app, context.catalog);
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: {
        code: 'not_found',
        message: `No route ${request.method} ${request.url.split('?')[0]}.`,
      },
    });
  });

  // First: its onRoute hook collects every route registered after it, itself included.
  openApiRoute(app, context);
  healthRoute(app);
  createAssetRoute(app, context);
  // Upload URLs take any bytes under any Content-Type: nothing may parse them, JSON included.
  app.register(async (uploads) => {
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser('*', leaveBodyUnread);
    uploadBytesRoute(uploads, context);
  });
  deleteAssetRoute(app, context);
  filesRoute(app, context);
  proxyUploadRoute(app, context);
  directUploadRoutes(app, context);
  completeUploadRoute(app, context);
  completeBatchRoute(app, context);
  batchStatusRoute(app, context);
  legacyListAssetsRoute(app, context);
  v3AssetStatusesRoute(app, context);
  v3GetAssetRoute(app, context);
  v3ListAssetsRoute(app, context);
  v3DeleteAssetRoute(app, context);
  generateVideoRoute(app, context);
  videoStatusRoute(app, context);
  catalogueRoutes(app);
  videoFilesRoute(app, context);
  return app;
}

function leaveBodyUnread(
  _request: unknown,
  _payload: unknown,
  done: (error: Error | null, value?: unknown) => void,
): void {
  done(null, undefined);
}
