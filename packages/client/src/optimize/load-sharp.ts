import type Sharp from 'sharp';
import { OptimizerUnavailableError } from './optimizer-unavailable-error.js';

export type SharpModule = typeof Sharp;

let loaded: Promise<SharpModule> | undefined;

/**
 * sharp, imported the first time an image is optimised and never before: it is an optional peer
 * dependency, so the SDK works without it for everything else, and a client that never optimises
 * does not pay the memory that loading libvips costs. A failed load is not remembered, so
 * installing sharp later in the same process works.
 */
export function loadSharp(): Promise<SharpModule> {
  loaded ??= import('sharp').then(
    (module) => module.default,
    (error: unknown) => {
      loaded = undefined;
      const missing = (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_MODULE_NOT_FOUND';
      throw new OptimizerUnavailableError(!missing, error);
    },
  );
  return loaded;
}
