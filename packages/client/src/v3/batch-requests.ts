import { ResponseFields } from '../http/response-fields.js';
import type { Transport } from '../http/transport.js';
import {
  type DirectUploadDeclaration,
  declarationBody,
  readUploadSlot,
  type UploadSlot,
} from './upload-slot.js';
import { v3Post } from './v3-request.js';

export interface CreatedBatch {
  batchId: string;
  /** One slot per declared file, in the order declared. */
  slots: UploadSlot[];
}

/** `POST /v3/assets/direct-uploads/batches`: one upload slot per file. */
export async function createBatch(
  transport: Transport,
  declarations: readonly DirectUploadDeclaration[],
  title: string | undefined,
  signal: AbortSignal | undefined,
): Promise<CreatedBatch> {
  const body = { files: declarations.map(declarationBody), title };
  const request = v3Post(transport.baseUrl, 'v3/assets/direct-uploads/batches', body);
  const response = await transport.api(request, signal);
  const data = ResponseFields.parse(request, response).object('data');

  const items = data.objects('items');
  if (items.length !== declarations.length) {
    throw data.unexpected(`"items" hold ${items.length} slots for ${declarations.length} files`);
  }

  // Matched by `item_index`, so the order of `items` does not matter; with as many items as
  // files, refusing repeated and out-of-range indexes leaves exactly one slot per file.
  const slots: UploadSlot[] = [];
  for (const item of items) {
    const index = item.number('item_index');
    const declaration = declarations[index];
    if (!declaration || slots[index]) throw item.unexpected(`"item_index" ${index} is unexpected`);
    slots[index] = readUploadSlot(item, declaration.sizeBytes);
  }
  return { batchId: data.string('batch_id'), slots };
}

/** `POST /v3/assets/complete/batches`: asks the server to verify every item, in the background. */
export async function completeBatch(
  transport: Transport,
  batchId: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  const request = v3Post(transport.baseUrl, 'v3/assets/complete/batches', { batch_id: batchId });
  const response = await transport.api(request, signal);
  ResponseFields.parse(request, response).object('data').string('batch_id');
}
