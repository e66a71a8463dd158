/**
 * Child-process entry of the verify-overhead benchmark: stores one MP4 the way the server stores
 * an upload — streamed into the blob store's temporary area (hashed, size-limited, fsynced), then
 * committed under its content address — with or without the media verification in between, and
 * prints one JSON line with its timings and this process's peak RSS. A process per upload keeps
 * each peak RSS the upload's own.
 * Usage: `node --conditions=source --import tsx bench/store-upload-process.ts
 *   <verified|unverified> <file> <blob directory>`.
 */
import { createReadStream } from 'node:fs';
import { GiB } from '@heygen-assets/core';
import { DiskBlobStore } from '@heygen-assets/server';
import { verifyMedia } from '../packages/server/src/media/verify-media.js';
import { ownPeakRssBytes } from './measure-rss.js';

export interface StoreResult {
  /** From the first byte read to the commit, in seconds. */
  seconds: number;
  /** The verification alone (open, `verifyMedia`, close), in seconds; 0 when unverified. */
  verifySeconds: number;
  /** Duration the verification reported, in seconds, so a broken fixture cannot go unnoticed. */
  durationSeconds: number | undefined;
  peakRssBytes: number;
}

/** The video size limit of SPEC §3, as the presigned PUT of an MP4 applies it. */
const MAX_VIDEO_BYTES = 2 * GiB;

const [mode, file, blobDir] = process.argv.slice(2);
if ((mode !== 'verified' && mode !== 'unverified') || !file || !blobDir) {
  throw new Error('Usage: store-upload-process.ts <verified|unverified> <file> <blob directory>');
}

const blobs = new DiskBlobStore(blobDir);
const started = performance.now();
const temp = await blobs.writeTemp(createReadStream(file), { maxBytes: MAX_VIDEO_BYTES });

const verifyStarted = performance.now();
let durationSeconds: number | undefined;
if (mode === 'verified') {
  const source = await blobs.openTemp(temp);
  const facts = await verifyMedia(source, { declaredType: 'video/mp4' }).finally(() =>
    source.close(),
  );
  durationSeconds = facts.durationSeconds;
}
const verifySeconds = (performance.now() - verifyStarted) / 1000;

const key = `bench/${temp.sha256}`;
await blobs.commit(temp, key);
const seconds = (performance.now() - started) / 1000;
await blobs.delete(key);

const result: StoreResult = {
  seconds,
  verifySeconds,
  durationSeconds,
  peakRssBytes: ownPeakRssBytes(),
};
process.stdout.write(`${JSON.stringify(result)}\n`);
