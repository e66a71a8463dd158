import { MediaRejectedError } from '../errors.js';
import { KiB } from '../units.js';
import { uint8, uint16BE } from './byte-fields.js';
import { exifOrientation, orientationSwapsAxes } from './exif-orientation.js';
import type { FormatFacts, FormatInspection } from './format-inspector.js';
import { ForwardReader } from './forward-reader.js';
import { assertImageWithinLimits } from './image-limits.js';

/**
 * JPEG structure check (ITU-T T.81 Annex B): walks the marker segments to the frame header for
 * the dimensions, reads the EXIF orientation, then follows the entropy-coded scans to the first
 * end-of-image marker. Data after that EOI is allowed (UltraHDR gain maps, MPF thumbnails).
 */

/** Start-of-frame markers of every coding process: baseline, progressive, lossless, arithmetic. */
const START_OF_FRAME_MARKERS = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);
const START_OF_SCAN = 0xda;
const END_OF_IMAGE = 0xd9;
const START_OF_IMAGE = 0xd8;
const APP1 = 0xe1;
/** Markers without a length field (T.81 Table B.1): TEM and the restart markers. */
const TEMPORARY_MARKER = 0x01;

/** Most marker segments walked in one file; real files have tens (ICC/XMP chunks included). */
const MAX_JPEG_MARKER_SEGMENTS = 4096;

/**
 * Most stray bytes skipped before a marker. libjpeg tolerates a few extraneous bytes between
 * segments (it warns and moves on); more than this is not a JPEG any more.
 */
const MAX_JPEG_STRAY_BYTES = 4 * KiB;

/** Window the entropy-coded data is scanned through, in bytes; larger than any segment. */
const JPEG_SCAN_WINDOW_BYTES = 256 * KiB;

interface FrameHeader {
  width: number;
  height: number;
}

interface MarkerWalk {
  frame: FrameHeader | undefined;
  /** EXIF orientation, 1 (upright) when the file has none. */
  orientation: number;
  segments: number;
}

export async function inspectJpeg({ source, imageLimits }: FormatInspection): Promise<FormatFacts> {
  const reader = new ForwardReader(source, 2, JPEG_SCAN_WINDOW_BYTES);
  const walk: MarkerWalk = { frame: undefined, orientation: 1, segments: 0 };

  for (;;) {
    const marker = await nextMarker(reader);
    if (marker === undefined) {
      throw corrupt(
        walk.frame ? 'it ends before its image data' : 'it ends before its frame header',
      );
    }
    if (marker === END_OF_IMAGE) throw corrupt('it has no image data before its end marker');
    if (marker === START_OF_IMAGE || marker === 0x00) {
      throw corrupt(`it has an unexpected marker FF ${hexByte(marker)} before its image data`);
    }
    if (isStandalone(marker)) continue;

    const payload = await segmentPayload(reader, marker, walk);
    if (START_OF_FRAME_MARKERS.has(marker) && !walk.frame) {
      walk.frame = readFrameHeader(payload);
      assertImageWithinLimits('JPEG', walk.frame.width, walk.frame.height, imageLimits);
    }
    if (marker === APP1 && walk.orientation === 1) {
      walk.orientation = exifOrientation(payload) ?? 1;
    }
    if (marker === START_OF_SCAN) break;
  }

  if (!walk.frame) throw corrupt('its scan starts before any frame header');
  await skipToEndOfImage(reader, walk);

  const { width, height } = walk.frame;
  const swap = orientationSwapsAxes(walk.orientation);
  return { width: swap ? height : width, height: swap ? width : height, hasAlpha: false };
}

/** The next marker code at the cursor (fill bytes and a few stray bytes skipped). */
async function nextMarker(reader: ForwardReader): Promise<number | undefined> {
  const markerStart = await reader.indexOf(0xff, MAX_JPEG_STRAY_BYTES + 1);
  if (markerStart < 0) {
    if (reader.remaining <= MAX_JPEG_STRAY_BYTES) return undefined;
    throw corrupt(
      `more than ${MAX_JPEG_STRAY_BYTES} bytes at offset ${reader.position} are not a marker`,
    );
  }
  reader.seek(markerStart);
  const bytes = await reader.peek(MAX_JPEG_STRAY_BYTES);
  let index = 0;
  while (bytes[index] === 0xff) index++;
  if (index >= bytes.byteLength) {
    if (reader.remaining > bytes.byteLength) throw corrupt('it has a run of fill bytes too long');
    return undefined;
  }
  reader.skip(index + 1);
  return bytes[index];
}

function isStandalone(marker: number): boolean {
  return marker === TEMPORARY_MARKER || (marker >= 0xd0 && marker <= 0xd7);
}

/** Reads a segment's length and returns its payload (at most 65,533 bytes). */
async function segmentPayload(
  reader: ForwardReader,
  marker: number,
  walk: MarkerWalk,
): Promise<Uint8Array> {
  walk.segments++;
  if (walk.segments > MAX_JPEG_MARKER_SEGMENTS) {
    throw corrupt(`it has more than ${MAX_JPEG_MARKER_SEGMENTS} marker segments`);
  }
  const length = uint16BE(await reader.take(2), 0);
  if (length === undefined) throw corrupt('it ends inside a marker segment');
  if (length < 2) throw corrupt(`marker FF ${hexByte(marker)} has an impossible length ${length}`);

  const payload = await reader.take(length - 2);
  if (payload.byteLength < length - 2) throw corrupt('it ends inside a marker segment');
  return payload;
}

function readFrameHeader(payload: Uint8Array): FrameHeader {
  const height = uint16BE(payload, 1);
  const width = uint16BE(payload, 3);
  const components = uint8(payload, 5);
  if (width === undefined || height === undefined || components === undefined) {
    throw corrupt('its frame header is too short');
  }
  if (width === 0) throw corrupt('its frame header says the width is 0');
  if (height === 0) {
    throw corrupt('its frame header defers the height to a DNL marker, which is not supported');
  }
  if (components < 1 || components > 4) {
    throw corrupt(`its frame header has ${components} colour components`);
  }
  return { width, height };
}

/**
 * Follows the entropy-coded data of every scan (stuffed `FF 00` bytes and restart markers are
 * data) and the segments between progressive scans until the first EOI. Reaching the end of
 * the file first means the upload was cut short.
 */
async function skipToEndOfImage(reader: ForwardReader, walk: MarkerWalk): Promise<void> {
  for (;;) {
    const window = await reader.peek(JPEG_SCAN_WINDOW_BYTES);
    const marker = findMarkerInScan(window);
    if (marker === undefined) {
      if (window.byteLength < 2) throw corrupt('it is cut short: there is no end-of-image marker');
      reader.skip(window.byteLength - 1);
      continue;
    }

    reader.skip(marker.offset + 2);
    if (marker.code === END_OF_IMAGE) return;
    await segmentPayload(reader, marker.code, walk);
  }
}

/** The first real marker (`FF` + a code that is not data) in a window of scan data. */
function findMarkerInScan(window: Uint8Array): { offset: number; code: number } | undefined {
  let offset = window.indexOf(0xff);
  while (offset >= 0 && offset + 1 < window.byteLength) {
    const code = window[offset + 1] as number;
    const isData = code === 0x00 || code === 0xff || (code >= 0xd0 && code <= 0xd7);
    if (!isData) return { offset, code };
    offset = window.indexOf(0xff, offset + 1);
  }
  return undefined;
}

function corrupt(problem: string): MediaRejectedError {
  return new MediaRejectedError(
    'corrupt_media',
    `The JPEG cannot be decoded: ${problem}. Re-export or re-save the image and upload it again.`,
  );
}

function hexByte(value: number): string {
  return value.toString(16).toUpperCase().padStart(2, '0');
}
