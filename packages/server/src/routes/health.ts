import type { FastifyInstance } from 'fastify';

/** `GET /healthz`: the process is up and serving (SPEC §12). */
export function healthRoute(app: FastifyInstance): void {
  app.get('/healthz', { config: { dialect: 'plain' } }, async () => ({ status: 'ok' }));
}
