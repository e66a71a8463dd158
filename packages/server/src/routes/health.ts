import type { FastifyInstance } from 'fastify';
import { healthSchema } from '../http/openapi/response-schemas.js';

/** `GET /healthz`: the process is up and serving (SPEC §12). */
export function healthRoute(app: FastifyInstance): void {
  const openapi = {
    operationId: 'getHealth',
    summary: 'Liveness',
    responses: { 200: { description: 'Serving.', body: healthSchema } },
    errors: {},
  };
  app.get('/healthz', { config: { dialect: 'plain', openapi } }, async () => ({ status: 'ok' }));
}
