import { ResponseFields } from '../http/response-fields.js';
import type { Transport } from '../http/transport.js';
import { ASSET_STATUSES, type AssetStatus, type FailureReason, readFailure } from './asset.js';
import { v3Get } from './v3-request.js';

/** Most ids one `GET /v3/assets/statuses` may name (SPEC §6); more are split over requests. */
export const MAX_IDS_PER_STATUS_REQUEST = 100;

export interface StatusesOptions {
  /** Assets to look up. Default: none. */
  assetIds?: readonly string[] | undefined;
  /** Batches whose every item to look up. Default: none. */
  batchIds?: readonly string[] | undefined;
  /** Aborts the call; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}

/** `queued` is a batch item waiting for its turn; `not_found` an unknown or foreign id. */
export type AssetStatusValue = AssetStatus | 'queued' | 'not_found';

const STATUS_VALUES: readonly AssetStatusValue[] = [...ASSET_STATUSES, 'queued', 'not_found'];

/** The state of one asset, or of one item of a batch. */
export interface AssetStatusEntry {
  /**
   * The asset id (`video_id` on the wire, as in HeyGen's API); null in the one entry of a batch
   * id that is `not_found`, which names the batch in `batchId` instead.
   */
  assetId: string | null;
  status: AssetStatusValue;
  error: FailureReason | null;
  /** The batch the asset belongs to, when it was uploaded in one. */
  batchId?: string;
  /** Its position in that batch, from 0. */
  itemIndex?: number;
}

type IdKind = 'asset_ids' | 'batch_ids';

/** `GET /v3/assets/statuses`, in as many requests as the ids need, answers in order. */
export async function assetStatuses(
  transport: Transport,
  options: StatusesOptions,
): Promise<AssetStatusEntry[]> {
  const ids: Array<[IdKind, string]> = [
    ...checkedIds(options.assetIds, 'assetIds').map((id): [IdKind, string] => ['asset_ids', id]),
    ...checkedIds(options.batchIds, 'batchIds').map((id): [IdKind, string] => ['batch_ids', id]),
  ];
  if (ids.length === 0) throw new TypeError('statuses needs at least one asset id or batch id.');

  const entries: AssetStatusEntry[] = [];
  for (let start = 0; start < ids.length; start += MAX_IDS_PER_STATUS_REQUEST) {
    const group = ids.slice(start, start + MAX_IDS_PER_STATUS_REQUEST);
    entries.push(...(await statusesOf(transport, group, options.signal)));
  }
  return entries;
}

async function statusesOf(
  transport: Transport,
  ids: Array<[IdKind, string]>,
  signal: AbortSignal | undefined,
): Promise<AssetStatusEntry[]> {
  const request = v3Get(transport.baseUrl, 'v3/assets/statuses', {
    asset_ids: joinIds(ids, 'asset_ids'),
    batch_ids: joinIds(ids, 'batch_ids'),
  });
  const response = await transport.api(request, signal);
  return ResponseFields.parse(request, response).objects('data').map(readStatusEntry);
}

function readStatusEntry(fields: ResponseFields): AssetStatusEntry {
  const entry: AssetStatusEntry = {
    assetId: fields.nullableString('video_id'),
    status: fields.oneOf('status', STATUS_VALUES),
    error: readFailure(fields, 'error'),
  };
  if (!fields.isAbsent('batch_id')) entry.batchId = fields.string('batch_id');
  if (!fields.isAbsent('item_index')) entry.itemIndex = fields.number('item_index');
  return entry;
}

function joinIds(ids: Array<[IdKind, string]>, kind: IdKind): string | undefined {
  const matching = ids.filter(([idKind]) => idKind === kind).map(([, id]) => id);
  return matching.length === 0 ? undefined : matching.join(',');
}

/** Ids travel comma-separated, so one with a comma (or an empty one) cannot be sent. */
function checkedIds(ids: readonly string[] | undefined, name: string): readonly string[] {
  for (const id of ids ?? []) {
    if (typeof id !== 'string' || id === '' || id.includes(',')) {
      throw new TypeError(
        `${name} must hold non-empty ids without commas, not ${JSON.stringify(id)}.`,
      );
    }
  }
  return ids ?? [];
}
