/** Helpers that take MP4 files apart and put them back together in tests (ISO/IEC 14496-12). */

export interface Box {
  type: string;
  /** The whole box, header included. */
  bytes: Buffer;
}

/** The top-level boxes of an MP4 (32-bit sizes only, as ffmpeg writes small files). */
export function topLevelBoxes(mp4: Buffer): Box[] {
  const boxes: Box[] = [];
  for (let offset = 0; offset + 8 <= mp4.byteLength; ) {
    const size = mp4.readUInt32BE(offset) || mp4.byteLength - offset;
    boxes.push({
      type: mp4.toString('latin1', offset + 4, offset + 8),
      bytes: mp4.subarray(offset, offset + size),
    });
    offset += size;
  }
  return boxes;
}

/** The boxes of `mp4` whose types are listed, in the order listed. */
export function pickBoxes(mp4: Buffer, types: readonly string[]): Buffer {
  const boxes = topLevelBoxes(mp4);
  return Buffer.concat(
    types.map((type) => {
      const box = boxes.find((candidate) => candidate.type === type);
      if (!box) throw new Error(`no ${type} box`);
      return box.bytes;
    }),
  );
}

/** A box made of a type and a payload. */
export function box(type: string, payload: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.byteLength);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

/** A copy of `mp4` with the four bytes of `from` replaced by `to` at their first occurrence. */
export function replaceFourcc(mp4: Buffer, from: string, to: string, after = 0): Buffer {
  const copy = Buffer.from(mp4);
  const offset = copy.indexOf(from, after, 'latin1');
  if (offset < 0) throw new Error(`no ${from}`);
  copy.write(to, offset, 'latin1');
  return copy;
}

/** Offset of the `handler_type` field of the `hdlr` box with the given handler. */
export function handlerTypeOffset(mp4: Buffer, handler: string): number {
  for (let at = mp4.indexOf('hdlr'); at >= 0; at = mp4.indexOf('hdlr', at + 4)) {
    // type(4) version/flags(4) pre_defined(4), then handler_type.
    if (mp4.toString('latin1', at + 12, at + 16) === handler) return at + 12;
  }
  throw new Error(`no ${handler} handler`);
}
