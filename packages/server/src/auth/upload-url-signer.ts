import { createHmac, timingSafeEqual } from 'node:crypto';
import { AssetError } from '@heygen-assets/core';

/** What an upload URL authorises: one PUT of one asset's bytes until `expiresAt`. */
export interface UploadGrant {
  assetId: string;
  /** Unix time in seconds after which the URL is refused. */
  expiresAt: number;
}

/**
 * Signs and checks upload URLs (SPEC §4.2): `/v1/uploads/{id}?expires=…&signature=…`, where the
 * signature is an HMAC-SHA256 over the asset id and expiry with a secret kept in the catalog.
 * The declared type, size and checksum are bound through the asset row the id names.
 */
export class UploadUrlSigner {
  readonly #secret: Buffer;

  constructor(secretHex: string) {
    this.#secret = Buffer.from(secretHex, 'hex');
  }

  sign(grant: UploadGrant): string {
    return createHmac('sha256', this.#secret)
      .update(`PUT\n${grant.assetId}\n${grant.expiresAt}`)
      .digest('hex');
  }

  /** Path and query of the URL for `grant`, to be appended to the public base URL. */
  pathFor(grant: UploadGrant): string {
    return `/v1/uploads/${grant.assetId}?expires=${grant.expiresAt}&signature=${this.sign(grant)}`;
  }

  /**
   * Throws `signature_mismatch` when the URL was altered and `upload_url_expired` when it is
   * past its expiry — in that order, so a forged expiry never reads as merely "expired".
   */
  verify(assetId: string, expires: unknown, signature: unknown, nowSeconds: number): UploadGrant {
    const expiresAt = typeof expires === 'string' && /^\d{1,12}$/.test(expires) ? +expires : NaN;
    const given =
      typeof signature === 'string' && /^[0-9a-f]{64}$/.test(signature) ? signature : '';
    const grant = { assetId, expiresAt };
    const expected = Buffer.from(this.sign(grant), 'hex');

    if (
      !given ||
      Number.isNaN(expiresAt) ||
      !timingSafeEqual(expected, Buffer.from(given, 'hex'))
    ) {
      throw new AssetError('signature_mismatch', 'The upload URL signature does not match.', {
        hint: 'Use the upload URL exactly as returned, or request a new one with POST /v1/asset.',
      });
    }
    if (expiresAt < nowSeconds) {
      throw new AssetError(
        'upload_url_expired',
        `The upload URL expired at ${new Date(expiresAt * 1000).toISOString()}.`,
        { hint: 'Request a new upload URL with POST /v1/asset and upload again.' },
      );
    }
    return grant;
  }
}
