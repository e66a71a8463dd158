import { AssetError } from '@heygen-assets/core';

/** An asset id of heygen-assets: 32 lower-case hex characters. */
const ASSET_ID_SYNTAX = /^[0-9a-f]{32}$/;

/**
 * How a scene names an asset: its id, an http(s) URL (on heygen-assets, this server's files URL
 * `{public-url}/asset/{id}`), or anything carrying an `assetId`, such as what `uploadFile`
 * resolves with.
 */
export type AssetReference = string | { assetId: string };

/** A reference resolved into the one field the v2 body takes for it. */
export type ResolvedReference = { assetId: string } | { url: string };

/** Whether `value` has the shape of an asset id. */
export function isAssetId(value: string): boolean {
  return ASSET_ID_SYNTAX.test(value);
}

/**
 * Tells an asset id from a URL. Anything else is refused here, before any request, naming the
 * field it was meant for (`param`), since the server would refuse it anyway.
 */
export function resolveReference(reference: AssetReference, param: string): ResolvedReference {
  const value = typeof reference === 'string' ? reference : reference.assetId;
  if (typeof value === 'string' && isAssetId(value)) return { assetId: value };
  if (typeof reference === 'string' && isHttpUrl(reference)) return { url: reference };

  throw new AssetError(
    'invalid_request',
    `${param}: ${JSON.stringify(value)} is not an asset id.`,
    {
      param,
      hint: 'Name an asset by its id (32 lower-case hex characters) or by an http(s) URL.',
    },
  );
}

/** An asset id, and nothing else, for the fields that take no URL (a talking photo). */
export function resolveAssetId(reference: AssetReference, param: string): string {
  const resolved = resolveReference(reference, param);
  if ('assetId' in resolved) return resolved.assetId;

  throw new AssetError('invalid_request', `${param}: takes an asset id, not a URL.`, {
    param,
    hint: 'Upload the image first (uploadFile) and pass the asset id it resolves with.',
  });
}

function isHttpUrl(value: string): boolean {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  return url?.protocol === 'http:' || url?.protocol === 'https:';
}
