/**
 * Child-process entry of the sdk-upload-memory benchmark: one upload of a file through the SDK,
 * then the result and this process's memory as one JSON line on stdout. A process per upload,
 * so its peak RSS is that of the SDK streaming the file and nothing else.
 * Usage: `BENCH_API_KEY=<key> node sdk-upload-process.js <uploadFile|uploadFileDirect> <api url>
 * <file>`.
 */
import { HeygenAssets } from '@heygen-assets/client';
import { loopbackUrl } from './loopback-url.js';
import { ownPeakRssBytes, peakRssBytesOf } from './measure-rss.js';

/** The SDK methods measured: the presigned upload, and the v3 direct upload (hash, PUT, complete). */
export type SdkUploadMethod = 'uploadFile' | 'uploadFileDirect';

export interface SdkUpload {
  sizeBytes: number;
  /** From the call to its result, local checks included, in seconds. */
  seconds: number;
  /** Requests the SDK sent again (they should be none on loopback). */
  retries: number;
  /** RSS of this process before the upload, in bytes. */
  idleRssBytes: number;
  /** Peak RSS of this process (`VmHWM`), read after the upload, in bytes. */
  peakRssBytes: number;
}

const [method, apiUrl, file] = process.argv.slice(2);
const apiKey = process.env.BENCH_API_KEY;
if ((method !== 'uploadFile' && method !== 'uploadFileDirect') || !apiUrl || !file || !apiKey) {
  throw new Error(
    'Usage: BENCH_API_KEY=<key> sdk-upload-process.js <uploadFile|uploadFileDirect> <api url> <file>',
  );
}

let retries = 0;
const client = new HeygenAssets({
  apiKey,
  baseUrl: loopbackUrl(apiUrl).href,
  // No asset-id cache: every run uploads, and nothing is written to the user's cache directory.
  cache: false,
  retry: { onRetry: () => (retries += 1) },
});

const idleRssBytes = process.memoryUsage.rss();
const started = performance.now();
const asset =
  method === 'uploadFile' ? await client.uploadFile(file) : await client.uploadFileDirect(file);
const seconds = (performance.now() - started) / 1000;

const report: SdkUpload = {
  sizeBytes: asset.sizeBytes,
  seconds,
  retries,
  idleRssBytes,
  peakRssBytes: (await peakRssBytesOf(process.pid)) ?? ownPeakRssBytes(),
};
process.stdout.write(`${JSON.stringify(report)}\n`);
