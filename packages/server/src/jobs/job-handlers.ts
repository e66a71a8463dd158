import { z } from 'zod';
import { type AssetCompletion, COMPLETE_ASSET_JOB } from '../assets/asset-completion.js';
import type { JobHandler } from './job-handler.js';

const assetPayload = z.object({ assetId: z.string() });

/** Every kind of background job this server runs, by kind. */
export function jobHandlers(completion: AssetCompletion): Record<string, JobHandler> {
  return {
    [COMPLETE_ASSET_JOB]: async (payload) => {
      await completion.completeInBackground(assetPayload.parse(payload).assetId);
    },
  };
}
