import { ResponseFields } from '../http/response-fields.js';
import type { Transport } from '../http/transport.js';
import { type Asset, type AssetStatus, readAsset } from './asset.js';
import { v3Get } from './v3-request.js';

export interface ListAssetsOptions {
  /** Assets per page, 1–100. Default: the server's (20 on heygen-assets). */
  limit?: number | undefined;
  /** Only assets in this folder. Default: every folder. */
  folderId?: string | undefined;
  /** Only assets of this file type: `image`, `video`, `audio`, `pdf`, `subtitle`. Default: all. */
  type?: string | undefined;
  /**
   * Only assets in this status, or `all`. Default: the server's (only `completed` ones on
   * heygen-assets).
   */
  status?: AssetStatus | 'all' | undefined;
  /** Where to continue: the `nextToken` of the previous page. Default: the newest asset. */
  token?: string | undefined;
  /** Aborts the call (for `listAll`, the page being read); rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** One page of assets, newest first. */
export interface AssetPage {
  assets: Asset[];
  hasMore: boolean;
  /** Pass as `token` for the next page; null on the last page. */
  nextToken: string | null;
}

/** `GET /v3/assets`: one page (SPEC §6). */
export async function listAssets(
  transport: Transport,
  options: ListAssetsOptions,
): Promise<AssetPage> {
  const request = v3Get(transport.baseUrl, 'v3/assets', {
    limit: options.limit,
    token: options.token,
    folder_id: options.folderId,
    type: options.type,
    status: options.status,
  });
  const response = await transport.api(request, options.signal);
  const fields = ResponseFields.parse(request, response);

  const page: AssetPage = {
    assets: fields.objects('data').map(readAsset),
    hasMore: fields.boolean('has_more'),
    nextToken: fields.nullableString('next_token'),
  };
  if (page.hasMore && page.nextToken === null) {
    throw fields.unexpected('"has_more" is true but "next_token" is null');
  }
  if (page.hasMore && page.nextToken === options.token) {
    // Following it would ask for this same page again, forever.
    throw fields.unexpected('"next_token" is the token this page was asked for');
  }
  return page;
}

/** Every asset, page after page, newest first; starts at `token` when given. */
export async function* listAllAssets(
  transport: Transport,
  options: ListAssetsOptions,
): AsyncGenerator<Asset, void, undefined> {
  let token = options.token;

  for (;;) {
    const page = await listAssets(transport, { ...options, token });
    yield* page.assets;
    if (!page.hasMore || page.nextToken === null) return;
    token = page.nextToken;
  }
}
