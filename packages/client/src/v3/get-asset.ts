import { ResponseFields } from '../http/response-fields.js';
import type { Transport } from '../http/transport.js';
import { type Asset, readAsset } from './asset.js';
import { pathSegment, v3Delete, v3Get } from './v3-request.js';

/** `GET /v3/assets/{id}`: one asset of the caller's space; `not_found` for any other id. */
export async function getAsset(
  transport: Transport,
  assetId: string,
  signal: AbortSignal | undefined,
): Promise<Asset> {
  const request = v3Get(transport.baseUrl, `v3/assets/${pathSegment(assetId, 'assetId')}`);
  const response = await transport.api(request, signal);
  return readAsset(ResponseFields.parse(request, response).object('data'));
}

/** What `DELETE /v3/assets/{id}` confirms. */
export interface DeletedAsset {
  id: string;
}

/** `DELETE /v3/assets/{id}`: the files URL answers 404 from then on. */
export async function deleteAsset(
  transport: Transport,
  assetId: string,
  signal: AbortSignal | undefined,
): Promise<DeletedAsset> {
  const request = v3Delete(transport.baseUrl, `v3/assets/${pathSegment(assetId, 'assetId')}`);
  const response = await transport.api(request, signal);
  return { id: ResponseFields.parse(request, response).object('data').string('id') };
}
