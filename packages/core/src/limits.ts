/** Largest accepted image width or height, in pixels, as read from the header (SPEC §3). */
export const MAX_IMAGE_DIMENSION_PX = 8192;

/** Largest accepted image area, in pixels (40 megapixels), checked before any decode. */
export const MAX_IMAGE_PIXELS = 40_000_000;

/**
 * How many leading bytes are enough to tell every accepted (and every commonly refused) type
 * apart. Detection never reads more than this to decide the type.
 */
export const SNIFF_WINDOW_BYTES = 64 * 1024;
