import {
  type ByteSource,
  type InspectOptions,
  inspectMedia,
  type MediaFacts,
} from '@heygen-assets/core';
import { assertImageDecodes, isDecodedImageType } from './image-decode.js';

/**
 * The server's full media check (SPEC §3): core's structural check and probe, which the SDK runs
 * too, then a decode of every pixel of JPEG and PNG images, which only the server runs. Every
 * way bytes become an asset goes through here, so all dialects give the same verdict.
 *
 * @throws MediaRejectedError with the SPEC §3 code.
 */
export async function verifyMedia(
  source: ByteSource,
  options: InspectOptions = {},
): Promise<MediaFacts> {
  const facts = await inspectMedia(source, options);
  if (isDecodedImageType(facts.mimeType)) {
    await assertImageDecodes(source, facts.mimeType, {
      maxPixels: options.imageLimits?.maxPixels,
    });
  }
  return facts;
}
