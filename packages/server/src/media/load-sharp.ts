import type Sharp from 'sharp';

let loading: Promise<typeof Sharp> | undefined;

/**
 * sharp (libvips) on first use rather than at start-up: loading it costs about 24 MB of resident
 * memory, which a server that never decodes an image or renders a video should not carry.
 */
export function loadSharp(): Promise<typeof Sharp> {
  loading ??= import('sharp').then((module) => module.default);
  return loading;
}
