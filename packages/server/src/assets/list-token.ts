import { AssetError } from '@heygen-assets/core';

/** Where a page of a newest-first asset list ended: the last row's creation time and id. */
export interface ListPosition {
  createdAt: Date;
  id: string;
}

const TOKEN_TEXT = /^(\d{1,15})\.([0-9a-f]{32})$/;

/**
 * The opaque `token` of asset lists (SPEC §5, §6): base64url of `<created_at ms>.<id>`. Paging
 * by position rather than offset keeps pages stable while new assets arrive: they sort before
 * every position already handed out.
 */
export function encodeListToken(position: ListPosition): string {
  return Buffer.from(`${position.createdAt.getTime()}.${position.id}`).toString('base64url');
}

/** @throws AssetError `invalid_request` (param `param`) when the token is not one we issued. */
export function decodeListToken(token: string, param: string): ListPosition {
  const match = TOKEN_TEXT.exec(Buffer.from(token, 'base64url').toString('latin1'));
  const [, millis, id] = match ?? [];
  if (!millis || !id || encodeListToken({ createdAt: new Date(Number(millis)), id }) !== token) {
    throw new AssetError('invalid_request', `The ${param} is not a list token.`, {
      param,
      hint: 'Pass the token of the previous page unchanged, or leave it out for the first page.',
    });
  }
  return { createdAt: new Date(Number(millis)), id };
}
