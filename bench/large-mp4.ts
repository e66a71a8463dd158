import { open } from 'node:fs/promises';
import { makeMp4 } from '@heygen-assets/testkit';

/** How the boxes of a large MP4 are laid out; each makes the verification read differently. */
export type LargeMp4Layout = 'moov-last' | 'fragmented';

/**
 * Bytes per fragment of the fragmented layout: about one second of 8 Mbit/s video, as a
 * recorder writing fragments every second produces, so a 1 GiB file has about 1,000 `moof`s.
 */
const FRAGMENT_BYTES = 1024 * 1024;

/** A box header with a 64-bit size (ISO/IEC 14496-12 §4.2): 1, the type, then the size. */
const LARGE_BOX_HEADER_BYTES = 16;

const BOX_HEADER_BYTES = 8;

/**
 * Writes a real MP4 of exactly `sizeBytes` bytes to `path`, made from one ffmpeg-encoded second:
 *
 * - `moov-last`: `ftyp`, one `mdat` holding the encoded samples and then a hole, `moov` at the
 *   very end, as ffmpeg and most cameras write it. Verifying it means finding `moov` past 1 GiB.
 * - `fragmented`: `ftyp` and an empty `moov`, then the encoded fragment repeated as
 *   `moof`/`mdat` pairs of `FRAGMENT_BYTES` each. Verifying it means reading every `moof`, since
 *   the duration is the sum of their sample durations.
 *
 * The holes are left unwritten (a sparse file), so reading the fixture costs the benchmark no
 * disk reads and the measured time is the storing and the verifying.
 */
export async function writeLargeMp4(
  path: string,
  sizeBytes: number,
  layout: LargeMp4Layout,
): Promise<void> {
  const pieces =
    layout === 'moov-last' ? await moovLastPieces(sizeBytes) : await fragmentedPieces(sizeBytes);

  const file = await open(path, 'wx');
  try {
    for (const { offset, bytes } of pieces) await file.write(bytes, 0, bytes.length, offset);
    await file.truncate(sizeBytes);
  } finally {
    await file.close();
  }
}

interface Piece {
  offset: number;
  bytes: Buffer;
}

async function moovLastPieces(sizeBytes: number): Promise<Piece[]> {
  const boxes = topLevelBoxes(await makeMp4({ seconds: 1, faststart: false }));
  const ftyp = box(boxes, 'ftyp');
  const samples = box(boxes, 'mdat').subarray(BOX_HEADER_BYTES);
  const moov = box(boxes, 'moov');
  const mdatBytes = sizeBytes - ftyp.length - moov.length;
  if (mdatBytes < LARGE_BOX_HEADER_BYTES + samples.length) {
    throw new Error(`A ${sizeBytes}-byte MP4 is too small for one second of video.`);
  }

  return [
    { offset: 0, bytes: ftyp },
    { offset: ftyp.length, bytes: largeBoxHeader('mdat', mdatBytes) },
    { offset: ftyp.length + LARGE_BOX_HEADER_BYTES, bytes: samples },
    { offset: sizeBytes - moov.length, bytes: moov },
  ];
}

async function fragmentedPieces(sizeBytes: number): Promise<Piece[]> {
  const boxes = topLevelBoxes(await makeMp4({ seconds: 1, fragmented: true }));
  const init = Buffer.concat([box(boxes, 'ftyp'), box(boxes, 'moov')]);
  const moof = box(boxes, 'moof');
  const samples = box(boxes, 'mdat').subarray(BOX_HEADER_BYTES);
  const count = Math.floor((sizeBytes - init.length) / FRAGMENT_BYTES);
  if (count < 1 || FRAGMENT_BYTES < moof.length + LARGE_BOX_HEADER_BYTES + samples.length) {
    throw new Error(`A ${sizeBytes}-byte fragmented MP4 needs at least one whole fragment.`);
  }

  const pieces: Piece[] = [{ offset: 0, bytes: init }];
  for (let index = 0; index < count; index++) {
    const start = init.length + index * FRAGMENT_BYTES;
    // The last fragment's mdat also covers the bytes left over after whole fragments.
    const end = index === count - 1 ? sizeBytes : start + FRAGMENT_BYTES;
    const fragment = Buffer.concat([moof, largeBoxHeader('mdat', end - start - moof.length)]);
    pieces.push({ offset: start, bytes: fragment });
    pieces.push({ offset: start + fragment.length, bytes: samples });
  }
  return pieces;
}

/** The top-level boxes of a small MP4 (32-bit sizes, as ffmpeg writes them). */
function topLevelBoxes(mp4: Buffer): Map<string, Buffer> {
  const boxes = new Map<string, Buffer>();
  for (let offset = 0; offset + BOX_HEADER_BYTES <= mp4.length; ) {
    const size = mp4.readUInt32BE(offset);
    const type = mp4.toString('latin1', offset + 4, offset + 8);
    if (size < BOX_HEADER_BYTES) throw new Error(`Unexpected ${type} box of ${size} bytes.`);
    if (!boxes.has(type)) boxes.set(type, mp4.subarray(offset, offset + size));
    offset += size;
  }
  return boxes;
}

function box(boxes: Map<string, Buffer>, type: string): Buffer {
  const found = boxes.get(type);
  if (!found) throw new Error(`The encoded MP4 has no ${type} box.`);
  return found;
}

function largeBoxHeader(type: string, boxBytes: number): Buffer {
  const header = Buffer.alloc(LARGE_BOX_HEADER_BYTES);
  header.writeUInt32BE(1, 0);
  header.write(type, 4, 'latin1');
  header.writeBigUInt64BE(BigInt(boxBytes), 8);
  return header;
}
