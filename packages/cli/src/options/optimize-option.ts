import { IMAGE_FITS, type ImageFit, type OptimizeOptions } from '@heygen-assets/client';
import { MAX_IMAGE_DIMENSION_PX } from '@heygen-assets/core';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { EXIT_USAGE } from '../exit-codes.js';

/** The target size of `--optimize`, in pixels. */
export interface FrameSize {
  width: number;
  height: number;
}

/** What `--optimize` and `--fit` leave in a command's options. */
export interface OptimizeFlags {
  optimize?: FrameSize | undefined;
  fit?: ImageFit | undefined;
}

/** Commander parser for `WIDTHxHEIGHT` (e.g. `1920x1080`), each side 1–8192 pixels. */
export function frameSize(text: string): FrameSize {
  const match = /^(\d{1,5})x(\d{1,5})$/i.exec(text.trim());
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  const inRange = (side: number) => side >= 1 && side <= MAX_IMAGE_DIMENSION_PX;
  if (!match || !inRange(width) || !inRange(height)) {
    throw new InvalidArgumentError(
      `Expected WIDTHxHEIGHT in pixels, each from 1 to ${MAX_IMAGE_DIMENSION_PX}, e.g. 1920x1080.`,
    );
  }
  return { width, height };
}

/** `--optimize WIDTHxHEIGHT`: images optimised for a video of that size before upload. */
export function optimizeOption(): Option {
  return new Option(
    '--optimize <WIDTHxHEIGHT>',
    'optimise images for that video size first: upright, fitted, sRGB, no metadata, JPEG or PNG',
  ).argParser(frameSize);
}

/** `--fit cover|contain|inside`: how `--optimize` fits an image. */
export function fitOption(): Option {
  return new Option(
    '--fit <fit>',
    'with --optimize: cover crops to fill, contain adds bars, inside only shrinks (default: cover)',
  ).choices(IMAGE_FITS);
}

/** Refuses `--fit` without `--optimize` as a usage error (exit 2), as Commander does others. */
export function checkOptimizeFlags(command: Command, flags: OptimizeFlags): void {
  if (flags.optimize || flags.fit === undefined) return;

  command.error("error: option '--fit <fit>' needs --optimize <WIDTHxHEIGHT>", {
    exitCode: EXIT_USAGE,
    code: 'heygen-assets.fitWithoutOptimize',
  });
}

/** The SDK's `optimize` option from the flags; `undefined` without `--optimize`. */
export function optimizeFromFlags(flags: OptimizeFlags): OptimizeOptions | undefined {
  return flags.optimize && { ...flags.optimize, fit: flags.fit };
}
