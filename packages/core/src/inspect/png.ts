import { MediaRejectedError } from '../errors.js';
import { MiB } from '../units.js';
import { latin1, uint8, uint32BE } from './byte-fields.js';
import { CRC32_START, crc32Finish, crc32Update } from './crc32.js';
import type { FormatFacts, FormatInspection } from './format-inspector.js';
import { ForwardReader } from './forward-reader.js';
import { hexPreview } from './hex-preview.js';
import { assertImageWithinLimits } from './image-limits.js';

/**
 * PNG structure check (PNG spec, W3C 3rd edition): the full 8-byte signature, IHDR first with a
 * valid CRC, then every chunk walked to IEND with its CRC checked, streamed through a bounded
 * window so even a 50 MiB file is never held whole. APNG (acTL before the first IDAT) is refused.
 */

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** Largest chunk length the PNG spec allows (§5.3: 2^31 − 1 bytes). */
const MAX_PNG_CHUNK_BYTES = 2 ** 31 - 1;

/**
 * Most chunks walked in one file. libpng writes 8 KiB IDAT chunks, so a 50 MiB image has about
 * 6,400; a file with many more is a chunk flood, not an image.
 */
const MAX_PNG_CHUNKS = 200_000;

/** Window chunk data is read through for the CRC check, in bytes. */
const PNG_READ_WINDOW_BYTES = 1 * MiB;

const IHDR_DATA_BYTES = 13;
const CHUNK_HEADER_BYTES = 8;
const CHUNK_CRC_BYTES = 4;

/** Allowed bit depths for each colour type (PNG spec §11.2.2, Table 11.1). */
const BIT_DEPTHS_BY_COLOUR_TYPE: Readonly<Record<number, readonly number[]>> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};

/** Chunks a decoder must understand (PNG spec §5.6); any other critical chunk stops libpng. */
const KNOWN_CRITICAL_CHUNKS = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND']);

interface ImageHeader {
  width: number;
  height: number;
  colourType: number;
}

interface ChunkWalk {
  chunks: number;
  hasImageData: boolean;
  hasPalette: boolean;
  hasTransparency: boolean;
}

export async function inspectPng({
  source,
  head,
  imageLimits,
}: FormatInspection): Promise<FormatFacts> {
  assertSignature(head);

  const reader = new ForwardReader(source, PNG_SIGNATURE.length, PNG_READ_WINDOW_BYTES);
  const header = await readImageHeader(reader);
  assertImageWithinLimits('PNG', header.width, header.height, imageLimits);

  const walk: ChunkWalk = {
    chunks: 1,
    hasImageData: false,
    hasPalette: false,
    hasTransparency: false,
  };
  await walkChunks(reader, walk);

  if (!walk.hasImageData) throw corrupt('it has no IDAT chunk, so there is no image data');
  if (header.colourType === 3 && !walk.hasPalette) {
    throw corrupt('it is a palette image without a PLTE chunk');
  }
  const alphaChannel = header.colourType === 4 || header.colourType === 6;
  return {
    width: header.width,
    height: header.height,
    hasAlpha: alphaChannel || walk.hasTransparency,
  };
}

function assertSignature(head: Uint8Array): void {
  const found = head.subarray(0, PNG_SIGNATURE.length);
  if (PNG_SIGNATURE.every((byte, index) => found[index] === byte)) return;

  // 0D 0A → 0D 0D 0A or 0A alone, or a lost 1A: the signature exists to catch exactly this.
  throw corrupt(
    `its 8-byte signature is ${hexPreview(found)} instead of 89 50 4E 47 0D 0A 1A 0A, ` +
      'as happens when a file goes through a text-mode (line-ending converting) transfer; ' +
      'upload the original bytes in binary mode',
  );
}

async function readImageHeader(reader: ForwardReader): Promise<ImageHeader> {
  const chunk = await reader.peek(CHUNK_HEADER_BYTES + IHDR_DATA_BYTES + CHUNK_CRC_BYTES);
  const length = uint32BE(chunk, 0);
  const type = latin1(chunk, 4, 4);
  if (type === 'CgBI') throw appleCgbi();
  if (type !== 'IHDR') throw corrupt('its first chunk is not IHDR');
  if (length !== IHDR_DATA_BYTES) throw corrupt(`its IHDR chunk is ${length} bytes instead of 13`);
  if (chunk.byteLength < CHUNK_HEADER_BYTES + IHDR_DATA_BYTES + CHUNK_CRC_BYTES) {
    throw corrupt('it is cut short inside the IHDR chunk');
  }

  const stored = uint32BE(chunk, CHUNK_HEADER_BYTES + IHDR_DATA_BYTES);
  const computed = crc32Finish(crc32Update(CRC32_START, chunk.subarray(4, 8 + IHDR_DATA_BYTES)));
  if (stored !== computed) throw corrupt('the CRC of its IHDR chunk is wrong');

  reader.skip(chunk.byteLength);
  return parseImageHeader(chunk.subarray(CHUNK_HEADER_BYTES));
}

function parseImageHeader(data: Uint8Array): ImageHeader {
  const width = uint32BE(data, 0) ?? 0;
  const height = uint32BE(data, 4) ?? 0;
  const bitDepth = uint8(data, 8) ?? 0;
  const colourType = uint8(data, 9) ?? 0;
  if (width === 0 || height === 0 || width > MAX_PNG_CHUNK_BYTES || height > MAX_PNG_CHUNK_BYTES) {
    throw corrupt(`its IHDR gives impossible dimensions ${width}×${height}`);
  }
  if (!BIT_DEPTHS_BY_COLOUR_TYPE[colourType]?.includes(bitDepth)) {
    throw corrupt(`its IHDR gives colour type ${colourType} with bit depth ${bitDepth}`);
  }
  if (data[10] !== 0 || data[11] !== 0 || (data[12] !== 0 && data[12] !== 1)) {
    throw corrupt('its IHDR names an unknown compression, filter or interlace method');
  }
  return { width, height, colourType };
}

/** Walks every chunk after IHDR up to IEND, checking each CRC. */
async function walkChunks(reader: ForwardReader, walk: ChunkWalk): Promise<void> {
  for (;;) {
    const offset = reader.position;
    const header = await reader.take(CHUNK_HEADER_BYTES);
    if (header.byteLength === 0) throw corrupt('it ends without an IEND chunk');
    if (header.byteLength < CHUNK_HEADER_BYTES) throw corrupt('it is cut short inside a chunk');

    const length = uint32BE(header, 0) ?? 0;
    const type = latin1(header, 4, 4) ?? '';
    assertChunkHeader(type, length, offset, walk);
    if (reader.remaining < length + CHUNK_CRC_BYTES) {
      throw corrupt(
        `its ${printable(type)} chunk at offset ${offset} declares ${length} bytes but the file ` +
          `ends ${reader.remaining} bytes later; the upload was probably cut short`,
      );
    }
    await verifyCrc(reader, header.subarray(4), length, type, offset);

    if (type === 'IEND') return;
    noteChunk(type, walk);
  }
}

function assertChunkHeader(type: string, length: number, offset: number, walk: ChunkWalk): void {
  walk.chunks++;
  if (walk.chunks > MAX_PNG_CHUNKS) throw corrupt(`it has more than ${MAX_PNG_CHUNKS} chunks`);
  if (!/^[A-Za-z]{4}$/.test(type)) {
    throw corrupt(`the chunk at offset ${offset} has an invalid type ${printable(type)}`);
  }
  if (length > MAX_PNG_CHUNK_BYTES) {
    throw corrupt(`its ${type} chunk at offset ${offset} declares an impossible length ${length}`);
  }
  if (type === 'CgBI') throw appleCgbi();
  if (type === 'IHDR') throw corrupt(`it has a second IHDR chunk at offset ${offset}`);
  if (!KNOWN_CRITICAL_CHUNKS.has(type) && type[0] === type[0]?.toUpperCase()) {
    throw corrupt(`it has an unknown critical chunk ${type} at offset ${offset}`);
  }
  if (type === 'acTL' && !walk.hasImageData) {
    throw new MediaRejectedError(
      'animated_image_not_supported',
      'The PNG is animated (APNG: an acTL chunk comes before the image data), and only still ' +
        'images are accepted: upload one frame as a still PNG or JPEG, or the animation as an MP4.',
    );
  }
}

/** Streams the chunk type and data through CRC-32 in window-sized pieces and compares. */
async function verifyCrc(
  reader: ForwardReader,
  typeBytes: Uint8Array,
  length: number,
  type: string,
  offset: number,
): Promise<void> {
  let crc = crc32Update(CRC32_START, typeBytes);
  for (let left = length; left > 0; ) {
    const piece = await reader.take(Math.min(left, PNG_READ_WINDOW_BYTES));
    crc = crc32Update(crc, piece);
    left -= piece.byteLength;
  }
  const stored = uint32BE(await reader.take(CHUNK_CRC_BYTES), 0);
  if (stored !== crc32Finish(crc)) {
    throw corrupt(`the CRC of its ${type} chunk at offset ${offset} is wrong`);
  }
}

function noteChunk(type: string, walk: ChunkWalk): void {
  if (type === 'IDAT') walk.hasImageData = true;
  if (type === 'PLTE') walk.hasPalette = true;
  if (type === 'tRNS') walk.hasTransparency = true;
}

function appleCgbi(): MediaRejectedError {
  return new MediaRejectedError(
    'unsupported_media_type',
    'The bytes are an Apple CgBI ("crushed") PNG from an iOS app bundle, not a standard PNG: ' +
      'standard decoders cannot read it. Convert it back to a standard PNG ' +
      '(e.g. `xcrun pngcrush -revert-iphone-optimizations`) and upload that.',
  );
}

function corrupt(problem: string): MediaRejectedError {
  return new MediaRejectedError(
    'corrupt_media',
    `The PNG cannot be decoded: ${problem}. Re-export the image and upload it again.`,
  );
}

/** A chunk type as it can safely appear in a message. */
function printable(type: string): string {
  return JSON.stringify(type);
}
