import type { OptimizedImageType } from './optimize-image.js';

/** File name extensions of each type optimisation writes, the preferred one first. */
const EXTENSIONS: Record<OptimizedImageType, readonly string[]> = {
  'image/jpeg': ['.jpg', '.jpeg', '.jpe'],
  'image/png': ['.png'],
};

/** An image extension another type could have left on the name. */
const IMAGE_EXTENSION = /\.(jpe?g|jpe|png)$/i;

/**
 * The name to store with an image that optimisation re-encoded, so its extension says what it
 * now is: `photo.png` written as JPEG becomes `photo.jpg`; a name without an image extension
 * gets one added.
 */
export function optimizedFilename(
  filename: string | undefined,
  type: OptimizedImageType,
): string | undefined {
  if (filename === undefined) return undefined;

  const extensions = EXTENSIONS[type];
  const lower = filename.toLowerCase();
  if (extensions.some((extension) => lower.endsWith(extension))) return filename;

  return `${filename.replace(IMAGE_EXTENSION, '')}${extensions[0]}`;
}
