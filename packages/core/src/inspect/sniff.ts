import type { SniffResult } from './media-facts.js';

/** PLACEHOLDER until the format sniffers land: recognises only the JPEG and PNG signatures. */
export function sniffMediaType(head: Uint8Array): SniffResult {
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) {
    return { kind: 'accepted', type: 'image/jpeg' };
  }
  if (head[0] === 0x89 && head[1] === 0x50 && head[2] === 0x4e && head[3] === 0x47) {
    return { kind: 'accepted', type: 'image/png' };
  }
  return { kind: 'unknown' };
}
