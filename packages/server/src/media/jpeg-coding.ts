/**
 * Start-of-frame markers of the lossless processes (ITU-T T.81 Table B.1: SOF3, SOF7, SOF11,
 * SOF15), which code samples by prediction instead of a DCT.
 */
const LOSSLESS_FRAME_MARKERS = new Set([0xc3, 0xc7, 0xcb, 0xcf]);

const START_OF_SCAN = 0xda;

/** Most marker segments looked at before giving up; core already bounded the real walk. */
const MAX_SEGMENTS = 4096;

/**
 * Whether the first frame header of a JPEG (one that passed core's structural check) is of a
 * lossless process. Walks the header segments only, up to the first scan.
 */
export function isLosslessJpeg(jpeg: Uint8Array): boolean {
  let offset = 2;
  for (let segment = 0; segment < MAX_SEGMENTS && offset + 4 <= jpeg.byteLength; segment++) {
    offset = jpeg.indexOf(0xff, offset);
    while (offset >= 0 && jpeg[offset + 1] === 0xff) offset++;
    if (offset < 0 || offset + 4 > jpeg.byteLength) return false;

    const marker = jpeg[offset + 1] as number;
    if (LOSSLESS_FRAME_MARKERS.has(marker)) return true;
    if (marker === START_OF_SCAN) return false;
    offset += 2 + (((jpeg[offset + 2] as number) << 8) | (jpeg[offset + 3] as number));
  }
  return false;
}
