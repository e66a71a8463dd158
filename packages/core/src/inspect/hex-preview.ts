/** How many leading bytes an error message shows when the type is not recognised. */
export const HEX_PREVIEW_BYTES = 16;

/** The first bytes as spaced upper-case hex, e.g. `47 49 46 38`, for error messages. */
export function hexPreview(bytes: Uint8Array, count = HEX_PREVIEW_BYTES): string {
  return [...bytes.subarray(0, count)]
    .map((byte) => byte.toString(16).toUpperCase().padStart(2, '0'))
    .join(' ');
}
