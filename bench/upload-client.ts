import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ClientUpload } from './put-file-process.js';

const execFileAsync = promisify(execFile);

/** Largest output read from the client process, in bytes: one JSON line and any error text. */
const CLIENT_MAX_OUTPUT_BYTES = 1024 * 1024;

export interface ClientUploadRequest {
  /** The compiled `put-file-process.js`. */
  script: string;
  url: string;
  file: string;
  sizeBytes: number;
  contentType: string;
  signal: AbortSignal;
}

/** Runs one upload in a fresh client process and returns what it reported. */
export async function uploadInChild(request: ClientUploadRequest): Promise<ClientUpload> {
  const { script, url, file, sizeBytes, contentType, signal } = request;
  const { stdout } = await execFileAsync(
    process.execPath,
    [script, url, file, String(sizeBytes), contentType],
    { signal, maxBuffer: CLIENT_MAX_OUTPUT_BYTES },
  );
  return JSON.parse(stdout) as ClientUpload;
}
