import { randomBytes } from 'node:crypto';
import { open } from 'node:fs/promises';
import { makeMp4 } from '@heygen-assets/testkit';

/**
 * Header of an ISO-BMFF box with a 64-bit size (ISO/IEC 14496-12 §4.2): `size` = 1, the type,
 * then `largesize` counting the whole box, header included.
 */
const LARGE_BOX_HEADER_BYTES = 16;

/**
 * Writes a real MP4 of exactly `sizeBytes` bytes to `path`: one second of ffmpeg-encoded
 * faststart video (`ftyp`, `moov`, `mdat`), then a `free` box covering the rest. A `free` box's
 * contents are ignored by definition (§8.1.2), so the file stays well-formed at any size.
 *
 * The padding is left as a hole in a sparse file: it costs no disk writes here, and reading it
 * back costs the uploading client no disk reads, so the benchmark measures the servers.
 */
export async function writePaddedMp4(path: string, sizeBytes: number): Promise<void> {
  const video = await makeMp4({ seconds: 1 });
  const paddingBytes = sizeBytes - video.length;
  if (paddingBytes < LARGE_BOX_HEADER_BYTES + STAMP_BYTES) {
    throw new Error(
      `A padded MP4 needs at least ${video.length + LARGE_BOX_HEADER_BYTES + STAMP_BYTES} bytes; ` +
        `${sizeBytes} were asked for.`,
    );
  }

  const file = await open(path, 'wx');
  try {
    await file.write(video, 0, video.length, 0);
    await file.write(largeBoxHeader('free', paddingBytes), 0, LARGE_BOX_HEADER_BYTES, video.length);
    await file.truncate(sizeBytes);
  } finally {
    await file.close();
  }
}

/** Bytes `stampPaddedMp4` overwrites, at the end of the file. */
const STAMP_BYTES = 16;

/**
 * Overwrites the last bytes of a file written by `writePaddedMp4` — inside its `free` box — with
 * random ones, so that each upload of it is new content. The same bytes again would be stored
 * once and then only referenced (content addressing), which is not the path a new upload takes.
 */
export async function stampPaddedMp4(path: string, sizeBytes: number): Promise<void> {
  const file = await open(path, 'r+');
  try {
    await file.write(randomBytes(STAMP_BYTES), 0, STAMP_BYTES, sizeBytes - STAMP_BYTES);
  } finally {
    await file.close();
  }
}

function largeBoxHeader(type: string, boxBytes: number): Buffer {
  const header = Buffer.alloc(LARGE_BOX_HEADER_BYTES);
  header.writeUInt32BE(1, 0);
  header.write(type, 4, 'latin1');
  header.writeBigUInt64BE(BigInt(boxBytes), 8);
  return header;
}
