import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { type DocumentedRoute, documentedRoutes } from './documented-route.js';
import { OPENAPI_VERSION, openApiDocument } from './openapi-document.js';
import type { JsonSchema } from './schema-components.js';

/** The server package's version, from `src/` and `dist/` alike (both sit two levels down). */
const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };

const openApiDocumentSchema = z.looseObject({
  openapi: z.literal(OPENAPI_VERSION),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  servers: z.array(z.object({ url: z.url() })),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

/**
 * `GET /openapi.json` (SPEC §12), built from the routes themselves: call this before any other
 * route is added, so that its `onRoute` hook sees every one. The document is built once the app
 * is ready, so a route with incomplete documentation stops the server from starting.
 */
export function openApiRoute(app: FastifyInstance, context: AppContext): void {
  const routes: DocumentedRoute[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(...documentedRoutes(route));
  });
  let document: JsonSchema = {};
  app.addHook('onReady', async () => {
    document = openApiDocument(routes, version);
  });

  app.get(
    '/openapi.json',
    {
      config: {
        dialect: 'plain',
        openapi: {
          operationId: 'getOpenApiDocument',
          summary: 'This OpenAPI 3.1 document',
          description: 'Every route of every dialect, generated from the routes. No key needed.',
          responses: { 200: { description: 'The document.', body: openApiDocumentSchema } },
          errors: {},
        },
      },
    },
    async () => ({ ...document, servers: [{ url: context.publicUrl() }] }),
  );
}
