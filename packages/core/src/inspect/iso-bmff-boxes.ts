import type { ByteSource } from '../byte-source.js';
import { latin1, uint32BE, uint64BE } from './byte-fields.js';
import { corruptMp4 } from './iso-bmff-rejections.js';
import { readFully } from './read-fully.js';

/**
 * Box headers of ISO/IEC 14496-12 (ISO base media file format, §4.2): a 32-bit size and a
 * four-character type, a 64-bit size when the 32-bit one is 1, "to the end of the enclosing
 * space" when it is 0, and a 16-byte extended type for `uuid` boxes.
 */

export interface BoxHeader {
  type: string;
  /** Offset of the box's first byte in the source. */
  start: number;
  /** Offset of the first byte after the header (where the payload starts). */
  payloadStart: number;
  /** Offset of the first byte after the box; may lie past the enclosing space if the box lies. */
  end: number;
}

/** Largest box header: size, type, 64-bit size and a `uuid` extended type. */
const MAX_BOX_HEADER_BYTES = 32;

/**
 * The box header at `start`, whose enclosing space ends at `spaceEnd`. `undefined` when fewer
 * than a whole header's bytes are left; `'invalid'` when the size is smaller than the header.
 */
export async function readBoxHeader(
  source: ByteSource,
  start: number,
  spaceEnd: number,
): Promise<BoxHeader | 'invalid' | undefined> {
  const bytes = await readFully(source, start, Math.min(MAX_BOX_HEADER_BYTES, spaceEnd - start));
  return parseBoxHeader(bytes, start, spaceEnd);
}

/** Like `readBoxHeader`, from bytes already read; `bytes[0]` is at `start` in the source. */
export function parseBoxHeader(
  bytes: Uint8Array,
  start: number,
  spaceEnd: number,
): BoxHeader | 'invalid' | undefined {
  const size32 = uint32BE(bytes, 0);
  const type = latin1(bytes, 4, 4);
  if (size32 === undefined || type === undefined) return undefined;

  let headerBytes = 8;
  let size = size32;
  if (size32 === 1) {
    const size64 = uint64BE(bytes, 8);
    if (size64 === undefined) return undefined;
    headerBytes = 16;
    size = size64;
  } else if (size32 === 0) {
    size = spaceEnd - start;
  }
  if (type === 'uuid') headerBytes += 16;
  if (size < headerBytes) return 'invalid';
  if (bytes.byteLength < headerBytes) return undefined;
  return { type, start, payloadStart: start + headerBytes, end: start + size };
}

/** Whether a box type is four printable ASCII characters, as every registered type is. */
export function isPrintableBoxType(type: string): boolean {
  return /^[\x20-\x7e]{4}$/.test(type);
}

/** The payload of a box, at most `maxBytes` of it (leaf boxes are read bounded). */
export async function readBoxPayload(
  source: ByteSource,
  box: BoxHeader,
  maxBytes: number,
): Promise<Uint8Array> {
  return readFully(source, box.payloadStart, Math.min(maxBytes, box.end - box.payloadStart));
}

/** Counts boxes visited in one inspection, so a flood of tiny boxes ends in a clean rejection. */
export interface BoxBudget {
  visited: number;
  readonly maxBoxes: number;
}

/**
 * The child boxes of a container, in order. A child that overruns its parent or has an
 * impossible size makes the file corrupt; fewer than 8 bytes left over at the end of the parent
 * are tolerated (QuickTime-style zero terminators).
 */
export async function* childBoxes(
  source: ByteSource,
  parent: BoxHeader,
  budget: BoxBudget,
): AsyncGenerator<BoxHeader> {
  let offset = parent.payloadStart;
  while (offset < parent.end) {
    budget.visited++;
    if (budget.visited > budget.maxBoxes) {
      throw corruptMp4(`it has more than ${budget.maxBoxes} boxes in its movie header`);
    }
    const child = await readBoxHeader(source, offset, parent.end);
    if (child === undefined) return;
    if (child === 'invalid' || child.end > parent.end) {
      throw corruptMp4(`a box inside '${parent.type}' at offset ${offset} has an impossible size`);
    }
    yield child;
    offset = child.end;
  }
}

/** The first child of `parent` of the given type, or `undefined`. */
export async function findChildBox(
  source: ByteSource,
  parent: BoxHeader,
  type: string,
  budget: BoxBudget,
): Promise<BoxHeader | undefined> {
  for await (const child of childBoxes(source, parent, budget)) {
    if (child.type === type) return child;
  }
  return undefined;
}
