import { AssetError } from '@heygen-assets/core';
import type { VideoDimension } from './video-body.js';

/** Smallest output side the server renders, in pixels (SPEC §9). */
export const MIN_VIDEO_SIDE_PX = 128;
/** Largest output side the server renders, in pixels (SPEC §9). */
export const MAX_VIDEO_SIDE_PX = 4096;

/** `WIDTHxHEIGHT`, e.g. `1920x1080` (an `×` works as well). */
const DIMENSION_SYNTAX = /^(\d{1,5})\s*[x×]\s*(\d{1,5})$/i;

/**
 * Checks an output size before it is sent: whole, even numbers (H.264 4:2:0 halves both sides)
 * from `MIN_VIDEO_SIDE_PX` to `MAX_VIDEO_SIDE_PX`, as the server requires.
 */
export function videoDimension(width: number, height: number): VideoDimension {
  const problems = [sideProblem('width', width), sideProblem('height', height)].filter(
    (problem) => problem !== undefined,
  );
  const [first] = problems;
  if (first === undefined) return { width, height };

  throw new AssetError('invalid_request', problems.map((problem) => problem.message).join('; '), {
    param: first.param,
    hint: `Give even sizes from ${MIN_VIDEO_SIDE_PX} to ${MAX_VIDEO_SIDE_PX}, e.g. 1920x1080.`,
  });
}

/** Reads `1920x1080` into a checked dimension. */
export function parseVideoDimension(text: string): VideoDimension {
  const match = DIMENSION_SYNTAX.exec(text.trim());
  if (!match) {
    throw new AssetError('invalid_request', `${JSON.stringify(text)} is not WIDTHxHEIGHT.`, {
      param: 'dimension',
      hint: 'Write the size as WIDTHxHEIGHT, e.g. 1920x1080.',
    });
  }
  return videoDimension(Number(match[1]), Number(match[2]));
}

function sideProblem(side: 'width' | 'height', value: number) {
  const param = `dimension.${side}`;
  if (!Number.isInteger(value) || value < MIN_VIDEO_SIDE_PX || value > MAX_VIDEO_SIDE_PX) {
    return {
      param,
      message: `${param}: ${value} is not from ${MIN_VIDEO_SIDE_PX} to ${MAX_VIDEO_SIDE_PX}`,
    };
  }
  if (value % 2 !== 0) return { param, message: `${param}: ${value} is not even` };
  return undefined;
}
