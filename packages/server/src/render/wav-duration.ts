import { open } from 'node:fs/promises';
import { RenderError } from './render-error.js';

/** Bytes read from the start of a WAV file to find its `fmt ` and `data` chunks. */
const WAV_HEADER_WINDOW_BYTES = 4096;

/**
 * Length in seconds of a PCM WAV file the synthesiser wrote, from its `fmt ` byte rate and its
 * `data` chunk size (or the rest of the file when the size is a streaming placeholder).
 */
export async function wavDurationSeconds(path: string): Promise<number> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const header = Buffer.alloc(Math.min(size, WAV_HEADER_WINDOW_BYTES));
    await file.read(header, 0, header.length, 0);
    return durationFromHeader(header, size, path);
  } finally {
    await file.close();
  }
}

function durationFromHeader(header: Buffer, fileSize: number, path: string): number {
  if (header.toString('latin1', 0, 4) !== 'RIFF' || header.toString('latin1', 8, 12) !== 'WAVE') {
    throw new RenderError('render_failed', `The synthesised speech ${path} is not a WAV file.`);
  }

  let byteRate = 0;
  let offset = 12;
  while (offset + 8 <= header.length) {
    const id = header.toString('latin1', offset, offset + 4);
    const chunkSize = header.readUInt32LE(offset + 4);
    if (id === 'fmt ' && offset + 16 <= header.length) byteRate = header.readUInt32LE(offset + 16);
    if (id === 'data' && byteRate > 0) {
      const available = fileSize - (offset + 8);
      return Math.min(chunkSize, available) / byteRate;
    }
    offset += 8 + chunkSize + (chunkSize % 2);
  }
  throw new RenderError('render_failed', `The synthesised speech ${path} has no audio data.`);
}
