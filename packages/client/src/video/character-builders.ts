import { type AssetReference, resolveAssetId } from './asset-reference.js';
import { definedFields } from './defined-fields.js';
import type {
  AvatarCharacter,
  AvatarStyle,
  TalkingPhotoCharacter,
  TalkingPhotoStyle,
  VideoOffset,
} from './video-body.js';

/** Where and how big a character is drawn; left out, the server's defaults apply. */
export interface PlacementOptions {
  /** Size relative to the default (1), 0–5. */
  scale?: number | undefined;
  /** Shift from the centre, as fractions of half the frame (-1–1 on each axis). */
  offset?: VideoOffset | undefined;
}

export interface AvatarOptions extends PlacementOptions {
  /** `normal` (default), `circle` (cut to a disc) or `closeUp` (larger). */
  style?: AvatarStyle | undefined;
}

export interface TalkingPhotoOptions extends PlacementOptions {
  /** `square` (default) or `circle` (cut to a disc). */
  style?: TalkingPhotoStyle | undefined;
}

/** A built-in presenter, e.g. `avatar('josh_lite3_20230714', { style: 'circle' })`. */
export function avatar(avatarId: string, options: AvatarOptions = {}): AvatarCharacter {
  return {
    type: 'avatar',
    avatar_id: avatarId,
    ...definedFields({ avatar_style: options.style, scale: options.scale, offset: options.offset }),
  };
}

/**
 * An uploaded image as the character, e.g. `talkingPhoto(await assets.uploadFile('me.jpg'))`.
 * Takes an asset id (or what `uploadFile` resolves with): the v2 body has no URL form for it.
 */
export function talkingPhoto(
  photo: AssetReference,
  options: TalkingPhotoOptions = {},
): TalkingPhotoCharacter {
  return {
    type: 'talking_photo',
    talking_photo_id: resolveAssetId(photo, 'character.talking_photo_id'),
    ...definedFields({
      talking_photo_style: options.style,
      scale: options.scale,
      offset: options.offset,
    }),
  };
}
