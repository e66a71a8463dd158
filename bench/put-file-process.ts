/**
 * Child-process entry: the uploading client. One `PUT` of a file with `putFile`, then its result
 * and this process's memory as one JSON line on stdout — a process of its own, so the client's
 * peak RSS is that of streaming the upload and nothing else.
 * Usage: `node put-file-process.js <url> <file> <size in bytes> <content type>`.
 */
import { ownPeakRssBytes } from './measure-rss.js';
import { type PutFileResult, putFile } from './put-file.js';

export interface ClientUpload extends PutFileResult {
  /** RSS of this process before it sent anything, in bytes. */
  idleRssBytes: number;
  /** Peak RSS of this process, read after the response, in bytes. */
  peakRssBytes: number;
}

const [url, path, sizeText, contentType] = process.argv.slice(2);
if (!url || !path || !sizeText || !contentType) {
  throw new Error('Usage: put-file-process.js <url> <file> <size in bytes> <content type>');
}

const idleRssBytes = process.memoryUsage.rss();
const result = await putFile(url, path, { sizeBytes: Number(sizeText), contentType });
const report: ClientUpload = { ...result, idleRssBytes, peakRssBytes: ownPeakRssBytes() };
process.stdout.write(`${JSON.stringify(report)}\n`);
