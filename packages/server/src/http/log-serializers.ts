import type { FastifyRequest } from 'fastify';

/**
 * What a request log line shows. Only the path is logged: query strings carry upload-URL
 * signatures, and headers carry API keys (SPEC §2: logs never contain either).
 */
export const logSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      path: request.url.split('?')[0],
      remoteAddress: request.ip,
      contentLength: request.headers['content-length'],
    };
  },
  res(reply: { statusCode: number }) {
    return { statusCode: reply.statusCode };
  },
};
