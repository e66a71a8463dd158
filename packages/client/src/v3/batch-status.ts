import { ResponseFields } from '../http/response-fields.js';
import type { Transport } from '../http/transport.js';
import { type FailureReason, readFailure } from './asset.js';
import { pathSegment, v3Get } from './v3-request.js';

/** Where one file of a batch stands (SPEC §6). */
export type BatchItemStatus = 'pending_upload' | 'queued' | 'processing' | 'completed' | 'failed';

const BATCH_ITEM_STATUSES: readonly BatchItemStatus[] = [
  'pending_upload',
  'queued',
  'processing',
  'completed',
  'failed',
];

export interface BatchItem {
  /** Position of the file in the batch, from 0. */
  itemIndex: number;
  status: BatchItemStatus;
  /** The asset id (`video_id` on the wire, as in HeyGen's API). */
  assetId: string;
  error: FailureReason | null;
}

/** A batch as `GET /v3/assets/batches/{id}` describes it, every page of items included. */
export interface BatchStatus {
  batchId: string;
  /** The batch as a whole, as the server sums it up. */
  status: string;
  totalItems: number;
  countsByStatus: Record<string, number>;
  createdAt: Date;
  title: string | null;
  items: BatchItem[];
}

/** Whether an item will change no more. */
export function isSettled(item: { status: string }): boolean {
  return item.status === 'completed' || item.status === 'failed';
}

/** The path of a batch's status, relative to the base URL. */
export function batchStatusPath(batchId: string): string {
  return `v3/assets/batches/${pathSegment(batchId, 'batchId')}`;
}

/** `GET /v3/assets/batches/{id}`, following `next_token` until every item is read. */
export async function getBatch(
  transport: Transport,
  batchId: string,
  signal: AbortSignal | undefined,
): Promise<BatchStatus> {
  let batch: BatchStatus | undefined;
  let token: string | undefined;

  do {
    const page = await batchPage(transport, batchId, token, signal);
    batch = batch ? { ...batch, items: [...batch.items, ...page.batch.items] } : page.batch;
    token = page.nextToken;
  } while (token !== undefined);

  return batch;
}

async function batchPage(
  transport: Transport,
  batchId: string,
  token: string | undefined,
  signal: AbortSignal | undefined,
): Promise<{ batch: BatchStatus; nextToken: string | undefined }> {
  const request = v3Get(transport.baseUrl, batchStatusPath(batchId), { token });
  const response = await transport.api(request, signal);
  const fields = ResponseFields.parse(request, response);
  const data = fields.object('data');

  // The paging fields of the list envelope; heygen-assets puts them inside `data`.
  const paging = fields.isAbsent('has_more') ? data : fields;
  const hasMore = !paging.isAbsent('has_more') && paging.boolean('has_more');
  const nextToken = hasMore ? paging.string('next_token') : undefined;
  if (nextToken !== undefined && nextToken === token) {
    throw fields.unexpected('"next_token" is the token this page was asked for');
  }
  return { batch: readBatch(data), nextToken };
}

function readBatch(data: ResponseFields): BatchStatus {
  return {
    batchId: data.string('batch_id'),
    status: data.string('status'),
    totalItems: data.number('total_items'),
    countsByStatus: data.numberRecord('counts_by_status'),
    createdAt: data.unixSeconds('created_at'),
    title: data.nullableString('title'),
    items: data.objects('items').map((item) => ({
      itemIndex: item.number('item_index'),
      status: item.oneOf('status', BATCH_ITEM_STATUSES),
      assetId: item.string('video_id'),
      error: readFailure(item, 'error'),
    })),
  };
}
