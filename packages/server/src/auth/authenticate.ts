import { AssetError } from '@heygen-assets/core';
import type { FastifyRequest } from 'fastify';
import type { Catalog } from '../catalog/catalog.js';
import { apiKeyFromHeaders, hashApiKey } from './api-keys.js';

/** Resolves the caller's space from its API key, or refuses with 401 (SPEC §2). */
export function authenticator(catalog: Catalog) {
  return async function authenticate(request: FastifyRequest): Promise<void> {
    const key = apiKeyFromHeaders(request.headers);
    if (!key) {
      throw new AssetError('unauthorized', 'No API key was sent.', {
        hint: 'Send it in the X-Api-Key header (or Authorization: Bearer <key>).',
      });
    }

    const spaceId = await catalog.spaceForKeyHash(hashApiKey(key));
    if (!spaceId) {
      throw new AssetError('unauthorized', 'The API key is not valid.', {
        hint: 'Check HEYGEN_API_KEY: the server prints its key at first start.',
      });
    }
    request.spaceId = spaceId;
  };
}
