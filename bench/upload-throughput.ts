import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { makeTempDir } from '@heygen-assets/testkit';
import { type ChildServer, startChildServer } from './child-server.js';
import { compileForNode } from './compile-for-node.js';
import { cpuSecondsOf } from './measure-cpu.js';
import { currentRssBytesOf, peakRssBytesOf } from './measure-rss.js';
import { stampPaddedMp4, writePaddedMp4 } from './padded-mp4.js';
import { deleteAsset, requestUploadUrl } from './server-api.js';
import { uploadInChild } from './upload-client.js';
import {
  type ProcessMemory,
  type UploadMeasurement,
  type UploadRun,
  type UploadTiming,
  uploadReport,
} from './upload-report.js';

const MIB = 1024 * 1024;

const UPLOAD_CONTENT_TYPE = 'video/mp4';

const SERVER_PACKAGE = '@heygen-assets/server';

export interface UploadBenchOptions {
  /** Size of the uploaded file, in MiB. */
  sizeMib: number;
  /** Uploads to each server that count; they alternate, baseline first. */
  runs: number;
  signal: AbortSignal;
}

/** One upload to each server: where they listen, and what the heygen-assets server needs. */
interface UploadTargets {
  /** The compiled `bench/` directory. */
  scripts: string;
  baseline: ChildServer;
  server: ChildServer;
  apiKey: string;
  fixture: string;
  sizeBytes: number;
}

/**
 * Uploads one MP4 through a presigned URL of a heygen-assets server and, alternately, to a bare
 * `pipeline(request, file)` server, each in its own child process; prints both throughputs, their
 * ratio, the CPU time each server spent per upload and the peak RSS of every process. Returns
 * whether the acceptance targets were met.
 */
export async function benchUploadThroughput(options: UploadBenchOptions): Promise<boolean> {
  const sizeBytes = options.sizeMib * MIB;
  const workDir = await makeTempDir('heygen-assets-bench-');
  try {
    const fixture = join(workDir, 'upload.mp4');
    console.error(`upload: writing a ${options.sizeMib} MiB MP4 to ${workDir}`);
    await writePaddedMp4(fixture, sizeBytes);
    console.error('upload: compiling the servers to JavaScript');
    const scripts = await compileForNode(join(workDir, 'compiled'), SERVER_PACKAGE);

    const measurement = await measureServers(workDir, scripts, fixture, sizeBytes, options);
    const report = uploadReport(measurement);
    console.log(report.text);
    return report.targetsMet;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function measureServers(
  workDir: string,
  scripts: string,
  fixture: string,
  sizeBytes: number,
  options: UploadBenchOptions,
): Promise<UploadMeasurement> {
  const apiKey = `bench-${randomBytes(16).toString('hex')}`;
  const baselineDir = join(workDir, 'baseline');
  await mkdir(baselineDir);

  const children: ChildServer[] = [];
  try {
    const baseline = await startChildServer(join(scripts, 'baseline-server.js'), [baselineDir], {
      signal: options.signal,
    });
    children.push(baseline);
    const serverScript = join(scripts, 'server-process.js');
    const server = await startChildServer(serverScript, [join(workDir, 'server')], {
      env: { BENCH_API_KEY: apiKey },
      signal: options.signal,
    });
    children.push(server);
    const idle = {
      server: await currentRssBytesOf(server.pid),
      baseline: await currentRssBytesOf(baseline.pid),
    };
    const loadBefore = loadavg()[0] ?? 0;

    const targets = { scripts, baseline, server, apiKey, fixture, sizeBytes };
    const runs = await measureRounds(targets, options);
    const loadAfter = loadavg()[0] ?? 0;
    const peaks = {
      server: await peakRssBytesOf(server.pid),
      baseline: await peakRssBytesOf(baseline.pid),
    };
    const exits = { server: await server.stop(), baseline: await baseline.stop() };

    return {
      sizeBytes,
      runs,
      server: { idleRssBytes: idle.server, peakRssBytes: peaks.server, gc: exits.server?.gc },
      baseline: {
        idleRssBytes: idle.baseline,
        peakRssBytes: peaks.baseline,
        gc: exits.baseline?.gc,
      },
      client: largestClient(runs),
      load: { before: loadBefore, after: loadAfter, cores: availableParallelism() },
    };
  } finally {
    await Promise.all(children.map((child) => child.stop()));
  }
}

/** The uploading client's memory: the largest idle and peak RSS of all its processes. */
function largestClient(runs: readonly UploadRun[]): ProcessMemory {
  const clients = runs.flatMap((run) => [run.baseline.client, run.server.client]);
  return {
    idleRssBytes: Math.max(...clients.map((client) => client.idleRssBytes ?? 0)),
    peakRssBytes: Math.max(...clients.map((client) => client.peakRssBytes ?? 0)),
  };
}

/** A warm-up round, then `options.runs` counted rounds of one upload to each server. */
async function measureRounds(
  targets: UploadTargets,
  options: UploadBenchOptions,
): Promise<UploadRun[]> {
  // The first upload to a process pays for JIT compilation and first-touch page faults.
  console.error('upload: warm-up round (not counted)');
  await uploadRound(targets, options);

  const runs: UploadRun[] = [];
  for (let round = 1; round <= options.runs; round++) {
    console.error(`upload: round ${round} of ${options.runs}`);
    runs.push(await uploadRound(targets, options));
  }
  return runs;
}

async function uploadRound(targets: UploadTargets, options: UploadBenchOptions) {
  const { baseline, server, apiKey, sizeBytes } = targets;
  const baselineUpload = await timedUpload(baseline, baseline.url, targets, options.signal);

  const upload = await requestUploadUrl(server.url, apiKey, sizeBytes);
  const serverUpload = await timedUpload(server, upload.url, targets, options.signal);
  // Like the baseline, which deletes each file after answering: neither server's page cache
  // grows from round to round, so later rounds do not run on memory the earlier ones filled.
  await deleteAsset(server.url, apiKey, upload.assetId);
  return { baseline: baselineUpload, server: serverUpload };
}

/**
 * Uploads the fixture once to `url`, served by `receiver`, from a fresh client process and as
 * new content each time (`stampPaddedMp4`), and returns the wall time, the CPU time the receiver
 * spent meanwhile and the client's memory; anything but a 200 is an error.
 */
async function timedUpload(
  receiver: ChildServer,
  url: string,
  { scripts, fixture, sizeBytes }: UploadTargets,
  signal: AbortSignal,
): Promise<UploadTiming> {
  await stampPaddedMp4(fixture, sizeBytes);
  const cpuBefore = await cpuSecondsOf(receiver.pid);
  const upload = await uploadInChild({
    script: join(scripts, 'put-file-process.js'),
    url,
    file: fixture,
    sizeBytes,
    contentType: UPLOAD_CONTENT_TYPE,
    signal,
  });
  const cpuAfter = await cpuSecondsOf(receiver.pid);
  if (upload.status !== 200) {
    throw new Error(
      `PUT ${new URL(url).origin} answered ${upload.status} after ` +
        `${upload.seconds.toFixed(2)} s: ${upload.body.trim()}`,
    );
  }

  return {
    seconds: upload.seconds,
    cpuSeconds:
      cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
    client: { idleRssBytes: upload.idleRssBytes, peakRssBytes: upload.peakRssBytes },
  };
}
