import { open } from 'node:fs/promises';
import {
  type FileType,
  mediaTypeRule,
  SNIFF_WINDOW_BYTES,
  sniffMediaType,
} from '@heygen-assets/core';
import { localFileError } from './local-file-error.js';

/**
 * The `file_type` of a local file from its first bytes (SPEC §3: the type comes from the bytes,
 * never the name), or `undefined` for a type the media rules refuse or do not know: `uploadFile`
 * then reports it with its precise reason. Reads at most `SNIFF_WINDOW_BYTES`. A missing,
 * unreadable or directory path is a `LocalFileError` naming `role` and `path`.
 */
export async function localFileType(role: string, path: string): Promise<FileType | undefined> {
  try {
    return await sniffFileType(path);
  } catch (error) {
    throw localFileError(error, role, path);
  }
}

async function sniffFileType(path: string): Promise<FileType | undefined> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(SNIFF_WINDOW_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_WINDOW_BYTES, 0);
    const sniffed = sniffMediaType(head.subarray(0, bytesRead));
    return sniffed.kind === 'accepted' ? mediaTypeRule(sniffed.type).fileType : undefined;
  } finally {
    await handle.close();
  }
}
