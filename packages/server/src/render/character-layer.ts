import { loadSharp } from '../media/load-sharp.js';
import { type Avatar, avatarInitials } from '../video/avatar-catalogue.js';
import type { VideoScene } from '../video/video-request.js';
import { type FrameSize, placeInFrame } from './frame-size.js';
import { RenderError } from './render-error.js';

/** Height of an avatar card at scale 1, as a fraction of the frame height. */
const CARD_HEIGHT_FRACTION = 0.75;
/** How much larger the `closeUp` style draws the card. */
const CLOSE_UP_FACTOR = 1.35;

/** A transparent frame-sized PNG holding the scene's character where the request puts it. */
export async function characterLayer(
  character: VideoScene['character'],
  frame: FrameSize,
  source: { avatar?: Avatar; photoPath?: string },
): Promise<Buffer> {
  const sharp = await loadSharp();
  const drawn =
    character.type === 'avatar'
      ? await avatarCard(source.avatar, character, frame)
      : await talkingPhoto(source.photoPath ?? '', character, frame);
  const { width = 0, height = 0 } = await sharp(drawn).metadata();
  const { left, top } = placeInFrame(frame, width, height, character.offset);

  return sharp({
    create: { ...frame, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
  })
    .composite([{ input: drawn, left, top }])
    .png()
    .toBuffer();
}

/** The presenter card of a built-in avatar: its colour, a silhouette, initials and name. */
async function avatarCard(
  avatar: Avatar | undefined,
  character: Extract<VideoScene['character'], { type: 'avatar' }>,
  frame: FrameSize,
): Promise<Buffer> {
  const sharp = await loadSharp();
  const factor = character.avatar_style === 'closeUp' ? CLOSE_UP_FACTOR : 1;
  const height = fitSide(frame.height * CARD_HEIGHT_FRACTION * character.scale * factor, frame);
  const width = Math.min(frame.width, Math.round(height * 0.75));
  if (!avatar) throw new RenderError('render_failed', `Unknown avatar ${character.avatar_id}.`);
  const card = Buffer.from(cardSvg(avatar, width, height));
  const image = sharp(card).png();
  if (character.avatar_style !== 'circle') return image.toBuffer();

  return circleCrop(await image.toBuffer(), Math.min(width, height));
}

function cardSvg(avatar: Avatar, width: number, height: number): string {
  const initials = avatarInitials(avatar);
  const radius = Math.round(width * 0.06);
  const head = Math.round(width * 0.2);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect width="${width}" height="${height}" rx="${radius}" fill="${avatar.cardColor}"/>
  <circle cx="${width / 2}" cy="${height * 0.36}" r="${head}" fill="#ffffff" fill-opacity="0.85"/>
  <ellipse cx="${width / 2}" cy="${height * 0.74}" rx="${width * 0.34}" ry="${height * 0.15}"
    fill="#ffffff" fill-opacity="0.85"/>
  <text x="50%" y="${height * 0.36 + head * 0.35}" text-anchor="middle" font-family="sans-serif"
    font-weight="bold" font-size="${head}" fill="${avatar.cardColor}">${initials}</text>
  <text x="50%" y="${height * 0.96}" text-anchor="middle" font-family="sans-serif"
    font-size="${Math.round(height * 0.05)}" fill="#ffffff">${escapeXml(avatar.name)}</text>
</svg>`;
}

/** An uploaded photo: fitted inside the frame at scale 1, `scale` times that otherwise. */
async function talkingPhoto(
  photoPath: string,
  character: Extract<VideoScene['character'], { type: 'talking_photo' }>,
  frame: FrameSize,
): Promise<Buffer> {
  const sharp = await loadSharp();
  const box = {
    width: Math.max(2, Math.min(frame.width, Math.round(frame.width * character.scale))),
    height: fitSide(frame.height * character.scale, frame),
  };
  const photo = await sharp(photoPath)
    .rotate()
    .resize({ ...box, fit: 'inside' })
    .png()
    .toBuffer();
  if (character.talking_photo_style !== 'circle') return photo;

  const { width = 0, height = 0 } = await sharp(photo).metadata();
  return circleCrop(photo, Math.min(width, height));
}

/** The centre `size`×`size` square of `image`, outside its inscribed circle transparent. */
async function circleCrop(image: Buffer, size: number): Promise<Buffer> {
  const sharp = await loadSharp();
  const mask = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}">
      <circle cx="${size / 2}" cy="${size / 2}" r="${size / 2}" fill="#fff"/></svg>`,
  );
  return sharp(image)
    .resize({ width: size, height: size, fit: 'cover' })
    .ensureAlpha()
    .composite([{ input: mask, blend: 'dest-in' }])
    .png()
    .toBuffer();
}

/** A side length in whole pixels, at least 2 and at most the frame's height. */
function fitSide(length: number, frame: FrameSize): number {
  return Math.max(2, Math.min(frame.height, Math.round(length)));
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
