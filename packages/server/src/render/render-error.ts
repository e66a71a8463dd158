import type { SourceFetchErrorCode } from '../fetch/source-fetch-error.js';

/**
 * Why a render failed, as a video's `error.code` shows it (SPEC §9):
 * - `renderer_missing`: ffmpeg or the speech synthesiser is not installed;
 * - `render_failed`: a tool ran and failed (its last output lines are in `detail`);
 * - `asset_unavailable`: an asset the request named was deleted before the render read it;
 * - a `SourceFetchErrorCode`: an external URL the request named could not become an asset.
 */
export type RenderErrorCode =
  | 'renderer_missing'
  | 'render_failed'
  | 'asset_unavailable'
  | SourceFetchErrorCode;

/** A render that cannot succeed by retrying: the video is marked failed with these fields. */
export class RenderError extends Error {
  override name = 'RenderError';
  readonly code: RenderErrorCode;
  /** Tool output or other facts for the operator; shown as the video's `error.detail`. */
  readonly detail: string;

  constructor(code: RenderErrorCode, message: string, detail = '', options: ErrorOptions = {}) {
    super(message, options);
    this.code = code;
    this.detail = detail;
  }
}
