import { AssetError } from '@heygen-assets/core';
import { type AssetReference, resolveReference } from './asset-reference.js';
import { definedFields } from './defined-fields.js';
import type {
  BackgroundFit,
  ColorBackground,
  ImageBackground,
  PlayStyle,
  VideoClipBackground,
} from './video-body.js';

/** `#rgb` or `#rrggbb`, the colours the server accepts. */
const COLOR_SYNTAX = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

export interface ImageBackgroundOptions {
  /** How the image fills the frame; server default `cover`. */
  fit?: BackgroundFit | undefined;
}

export interface VideoBackgroundOptions extends ImageBackgroundOptions {
  /** How a clip of another length than the scene plays; server default `loop`. */
  playStyle?: PlayStyle | undefined;
}

/** Whether `value` is a colour a background takes. */
export function isColor(value: string): boolean {
  return COLOR_SYNTAX.test(value);
}

/** A plain colour, `#rgb` or `#rrggbb`. */
export function colorBackground(value: string): ColorBackground {
  if (!isColor(value)) {
    throw new AssetError(
      'invalid_request',
      `background.value: ${JSON.stringify(value)} is not a colour.`,
      {
        param: 'background.value',
        hint: 'Write a colour as #rgb or #rrggbb, e.g. #1e90ff.',
      },
    );
  }
  return { type: 'color', value };
}

/** An image asset (by id, or what `uploadFile` resolves with) or an http(s) URL. */
export function imageBackground(
  image: AssetReference,
  options: ImageBackgroundOptions = {},
): ImageBackground {
  const resolved = resolveReference(image, 'background.image_asset_id');
  const source = 'assetId' in resolved ? { image_asset_id: resolved.assetId } : resolved;
  return { type: 'image', ...source, ...definedFields({ fit: options.fit }) };
}

/** A video asset (by id, or what `uploadFile` resolves with) or an http(s) URL. */
export function videoBackground(
  video: AssetReference,
  options: VideoBackgroundOptions = {},
): VideoClipBackground {
  const resolved = resolveReference(video, 'background.video_asset_id');
  const source = 'assetId' in resolved ? { video_asset_id: resolved.assetId } : resolved;
  return {
    type: 'video',
    ...source,
    ...definedFields({ play_style: options.playStyle, fit: options.fit }),
  };
}
