import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir } from '@heygen-assets/testkit';
import { type ChildServer, startChildServer } from './child-server.js';
import { compileForNode } from './compile-for-node.js';
import { median } from './median.js';
import { writePaddedMp4 } from './padded-mp4.js';
import type { SdkUpload, SdkUploadMethod } from './sdk-upload-process.js';
import { textTable } from './text-table.js';

const execFileAsync = promisify(execFile);

const MIB = 1024 * 1024;

/** Decimal megabyte, as the other benchmarks report memory and throughput. */
const MB = 1_000_000;

/** Highest accepted peak RSS of the process uploading through the SDK (issue 5), in bytes. */
export const TARGET_MAX_SDK_PEAK_RSS_BYTES = 100 * MB;

const SDK_UPLOAD_METHODS: readonly SdkUploadMethod[] = ['uploadFile', 'uploadFileDirect'];

/** Largest output read from a client process, in bytes: one JSON line and any error text. */
const CLIENT_MAX_OUTPUT_BYTES = 1024 * 1024;

export interface SdkUploadMemoryOptions {
  /** Size of the uploaded MP4, in MiB. */
  sizeMib: number;
  /** Uploads per SDK method that count. */
  runs: number;
  signal: AbortSignal;
}

interface Target {
  script: string;
  server: ChildServer;
  apiKey: string;
  fixture: string;
}

/**
 * The SDK's memory while it uploads a large file (issue 5, "Done when" 2): a padded MP4 uploaded
 * with `uploadFile` and with `uploadFileDirect`, each upload from a fresh child process, to a
 * heygen-assets server in a process of its own; both run as JavaScript compiled for the run.
 * Prints each method's throughput and the client process's peak RSS (`VmHWM`), and returns
 * whether every upload stayed under the target.
 */
export async function benchSdkUploadMemory(options: SdkUploadMemoryOptions): Promise<boolean> {
  const sizeBytes = options.sizeMib * MIB;
  const workDir = await makeTempDir('heygen-assets-bench-sdk-');
  try {
    const fixture = join(workDir, 'upload.mp4');
    console.error(`sdk-upload-memory: writing a ${options.sizeMib} MiB MP4 to ${workDir}`);
    await writePaddedMp4(fixture, sizeBytes);
    console.error('sdk-upload-memory: compiling the server and the SDK to JavaScript');
    const serverScripts = await compileForNode(join(workDir, 'server'), '@heygen-assets/server');
    const clientScripts = await compileForNode(join(workDir, 'client'), '@heygen-assets/client');

    const apiKey = `bench-${randomBytes(16).toString('hex')}`;
    const server = await startChildServer(
      join(serverScripts, 'server-process.js'),
      [join(workDir, 'data')],
      { env: { BENCH_API_KEY: apiKey }, signal: options.signal },
    );
    try {
      const target = {
        script: join(clientScripts, 'sdk-upload-process.js'),
        server,
        apiKey,
        fixture,
      };
      const uploads = await measureMethods(target, options);
      const report = sdkUploadReport(sizeBytes, uploads);
      console.log(report.text);
      return report.targetsMet;
    } finally {
      await server.stop();
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** A warm-up upload (the server's first pays for JIT compilation), then `runs` per method. */
async function measureMethods(
  target: Target,
  options: SdkUploadMemoryOptions,
): Promise<Map<SdkUploadMethod, SdkUpload[]>> {
  console.error('sdk-upload-memory: warm-up upload (not counted)');
  await uploadInChild(target, 'uploadFile', options.signal);

  const uploads = new Map<SdkUploadMethod, SdkUpload[]>();
  for (const method of SDK_UPLOAD_METHODS) {
    const runs: SdkUpload[] = [];
    for (let run = 1; run <= options.runs; run++) {
      console.error(`sdk-upload-memory: ${method}, run ${run} of ${options.runs}`);
      runs.push(await uploadInChild(target, method, options.signal));
    }
    uploads.set(method, runs);
  }
  return uploads;
}

async function uploadInChild(
  { script, server, apiKey, fixture }: Target,
  method: SdkUploadMethod,
  signal: AbortSignal,
): Promise<SdkUpload> {
  const { stdout } = await execFileAsync(process.execPath, [script, method, server.url, fixture], {
    env: { ...process.env, BENCH_API_KEY: apiKey },
    signal,
    maxBuffer: CLIENT_MAX_OUTPUT_BYTES,
  });
  return JSON.parse(stdout) as SdkUpload;
}

function sdkUploadReport(
  sizeBytes: number,
  uploads: Map<SdkUploadMethod, SdkUpload[]>,
): { text: string; targetsMet: boolean } {
  const rows = [['SDK method', 'median s', 'MB/s', 'idle RSS', 'peak RSS', 'retries']];
  let largestPeak = 0;
  for (const [method, runs] of uploads) {
    const seconds = median(runs.map((run) => run.seconds));
    const peak = Math.max(...runs.map((run) => run.peakRssBytes));
    largestPeak = Math.max(largestPeak, peak);
    rows.push([
      method,
      seconds.toFixed(2),
      (sizeBytes / MB / seconds).toFixed(0),
      mb(Math.max(...runs.map((run) => run.idleRssBytes))),
      mb(peak),
      String(runs.reduce((sum, run) => sum + run.retries, 0)),
    ]);
  }

  const met = largestPeak < TARGET_MAX_SDK_PEAK_RSS_BYTES;
  const size = `${(sizeBytes / MIB).toFixed(0)} MiB`;
  const runCount = uploads.get('uploadFile')?.length ?? 0;
  const text = [
    `sdk-upload-memory ${size} MP4: the SDK uploading from a child process to a heygen-assets ` +
      `server in another, ${runCount} runs per method after a warm-up, one process per upload`,
    '',
    textTable(rows),
    'median s: the whole call (local checks, hashing for uploadFileDirect, requests, completion).',
    'Peak RSS: VmHWM of the client process, the largest of its runs; idle RSS: before the call.',
    '',
    `sdk-upload-memory ${size}: client peak RSS ${mb(largestPeak)} (target < ` +
      `${TARGET_MAX_SDK_PEAK_RSS_BYTES / MB} MB) — ${met ? 'met' : 'MISSED'}`,
  ];
  return { text: text.join('\n'), targetsMet: met };
}

function mb(bytes: number): string {
  return `${Math.round(bytes / MB)} MB`;
}
