import { createHash, randomBytes } from 'node:crypto';

/** Random bytes in a generated API key: 256 bits, so a fast hash is enough to store it. */
const API_KEY_RANDOM_BYTES = 32;

const API_KEY_PREFIX = 'hga_';

export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(API_KEY_RANDOM_BYTES).toString('base64url')}`;
}

/** Keys are stored only as this hash (SPEC §2). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * The key a request carries: `X-Api-Key`, or `Authorization: Bearer <key>` (SPEC §2).
 * Header names arrive lower-cased from Node.
 */
export function apiKeyFromHeaders(headers: Record<string, string | string[] | undefined>) {
  const direct = headers['x-api-key'];
  if (typeof direct === 'string' && direct.trim() !== '') return direct.trim();

  const authorization = headers.authorization;
  if (typeof authorization !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  return match?.[1];
}
