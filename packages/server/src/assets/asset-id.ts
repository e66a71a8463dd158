import { randomBytes } from 'node:crypto';

/** Asset ids are 128-bit random, written as 32 lower-case hex characters (SPEC §2). */
export function newAssetId(): string {
  return randomBytes(16).toString('hex');
}

export function isAssetId(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value);
}
