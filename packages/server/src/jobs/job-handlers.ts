import { z } from 'zod';
import { type AssetCompletion, COMPLETE_ASSET_JOB } from '../assets/asset-completion.js';
import type { VideoRenderer } from '../render/video-renderer.js';
import { RENDER_VIDEO_JOB } from '../video/render-job.js';
import type { JobHandler } from './job-handler.js';

const assetPayload = z.object({ assetId: z.string() });
const videoPayload = z.object({ videoId: z.string() });

/** Every kind of background job this server runs, by kind. */
export function jobHandlers(
  completion: AssetCompletion,
  renderer: VideoRenderer,
): Record<string, JobHandler> {
  return {
    [COMPLETE_ASSET_JOB]: async (payload) => {
      await completion.completeInBackground(assetPayload.parse(payload).assetId);
    },
    [RENDER_VIDEO_JOB]: async (payload, context) => {
      await renderer.run(videoPayload.parse(payload).videoId, context);
    },
  };
}
