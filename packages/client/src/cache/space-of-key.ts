import { createHash } from 'node:crypto';

/** Hex characters of the space hash kept: 128 bits tell keys apart without revealing them. */
const SPACE_HASH_CHARS = 32;

/**
 * What identifies the caller's space in the asset-id cache: a hash of the API key, so ids
 * uploaded with one key are never handed out under another, and the cache never holds a key.
 */
export function spaceOfApiKey(apiKey: string): string {
  const digest = createHash('sha256').update(`heygen-assets space\0${apiKey}`).digest('hex');
  return digest.slice(0, SPACE_HASH_CHARS);
}
