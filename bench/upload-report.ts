import type { GcTally } from './gc-tally.js';
import { median } from './median.js';
import { textTable } from './text-table.js';

/** Decimal megabyte: throughputs and RSS are reported in MB (10^6 bytes), like disk vendors. */
const MB = 1_000_000;

const MIB = 1024 * 1024;

/** Lowest accepted heygen-assets / baseline throughput ratio (acceptance target). */
export const TARGET_MIN_THROUGHPUT_RATIO = 0.8;

/** Highest accepted peak RSS of the heygen-assets server during the upload, in bytes. */
export const TARGET_MAX_SERVER_PEAK_RSS_BYTES = 150 * MB;

/** One upload to one server. */
export interface UploadTiming {
  /** From the first byte sent to the end of the response. */
  seconds: number;
  /** CPU time (user + system) the receiving server used meanwhile; undefined without procfs. */
  cpuSeconds: number | undefined;
  /** The uploading client process. */
  client: ProcessMemory;
}

export interface UploadRun {
  baseline: UploadTiming;
  server: UploadTiming;
}

/** Resident set sizes of one process, in bytes; undefined where they cannot be read. */
export interface ProcessMemory {
  idleRssBytes: number | undefined;
  peakRssBytes: number | undefined;
  /** Its garbage collections from ready to exit, when it reported them. */
  gc?: GcTally | undefined;
}

/** The 1-minute load average before and after the runs, and the number of cores. */
export interface MachineLoad {
  before: number;
  after: number;
  cores: number;
}

export interface UploadMeasurement {
  sizeBytes: number;
  runs: UploadRun[];
  server: ProcessMemory;
  baseline: ProcessMemory;
  client: ProcessMemory;
  load: MachineLoad;
}

export interface UploadReport {
  text: string;
  targetsMet: boolean;
}

/** The table of runs, the memory table, and the one-line verdict against the targets. */
export function uploadReport(measurement: UploadMeasurement): UploadReport {
  const { sizeBytes, runs } = measurement;
  const baselineMbps = median(runs.map((run) => throughputMbps(sizeBytes, run.baseline)));
  const serverMbps = median(runs.map((run) => throughputMbps(sizeBytes, run.server)));
  const ratio = serverMbps / baselineMbps;
  const peak = measurement.server.peakRssBytes;
  const ratioMet = ratio >= TARGET_MIN_THROUGHPUT_RATIO;
  const rssMet = peak !== undefined && peak < TARGET_MAX_SERVER_PEAK_RSS_BYTES;

  const lines = [
    `upload ${sizeLabel(sizeBytes)} MP4: presigned PUT to heygen-assets vs a bare pipeline() ` +
      `server, ${runs.length} rounds after a warm-up, alternating (MB = 10^6 bytes)`,
    '',
    runsTable(measurement, baselineMbps, serverMbps),
    'CPU s: user + system time of the receiving server during the upload; other load on the',
    'machine changes it far less than the wall time.',
    '',
    memoryTable(measurement),
    'Every server and client process runs JavaScript compiled for this run, without a',
    'TypeScript loader; the client row is the largest of its processes, one per upload.',
    'Garbage collections: count / time, over all uploads including the warm-up. Many',
    'mark-compacts mean V8 reclaims the upload buffers with full collections, which costs CPU.',
    loadNote(measurement.load),
    '',
    `upload ${sizeLabel(sizeBytes)}: ratio ${ratio.toFixed(2)} ` +
      `(target >= ${TARGET_MIN_THROUGHPUT_RATIO}), server peak RSS ${mb(peak)} ` +
      `(target < ${TARGET_MAX_SERVER_PEAK_RSS_BYTES / MB} MB) — ${verdict(ratioMet, rssMet)}`,
  ];
  return { text: lines.join('\n'), targetsMet: ratioMet && rssMet };
}

function runsTable(measurement: UploadMeasurement, baselineMbps: number, serverMbps: number) {
  const { sizeBytes, runs } = measurement;
  const header = ['round', 'baseline s', 'MB/s', 'CPU s', 'heygen-assets s', 'MB/s', 'CPU s'];
  const rows = runs.map((run, index) => [
    String(index + 1),
    ...timingCells(sizeBytes, run.baseline),
    ...timingCells(sizeBytes, run.server),
  ]);
  const medians = [
    'median',
    '',
    baselineMbps.toFixed(0),
    seconds(medianCpuSeconds(runs.map((run) => run.baseline))),
    '',
    serverMbps.toFixed(0),
    seconds(medianCpuSeconds(runs.map((run) => run.server))),
  ];
  return textTable([header, ...rows, medians]);
}

function timingCells(sizeBytes: number, timing: UploadTiming): string[] {
  return [
    timing.seconds.toFixed(2),
    throughputMbps(sizeBytes, timing).toFixed(0),
    seconds(timing.cpuSeconds),
  ];
}

function medianCpuSeconds(timings: readonly UploadTiming[]): number | undefined {
  const known = timings.flatMap((timing) => timing.cpuSeconds ?? []);
  return known.length === timings.length ? median(known) : undefined;
}

function memoryTable({ server, baseline, client }: UploadMeasurement): string {
  const row = (name: string, memory: ProcessMemory) => [
    name,
    mb(memory.idleRssBytes),
    mb(memory.peakRssBytes),
    memory.idleRssBytes === undefined || memory.peakRssBytes === undefined
      ? 'n/a'
      : mb(memory.peakRssBytes - memory.idleRssBytes),
    memory.gc ? gcCell(memory.gc.minorCount, memory.gc.minorMs) : '',
    memory.gc ? gcCell(memory.gc.majorCount, memory.gc.majorMs) : '',
  ];
  return textTable([
    ['process', 'idle RSS', 'peak RSS', 'growth', 'scavenges', 'mark-compacts'],
    row('heygen-assets server', server),
    row('baseline server', baseline),
    row('uploading client', client),
  ]);
}

function gcCell(count: number, ms: number): string {
  return `${count} / ${ms.toFixed(0)} ms`;
}

/** Other work on the machine competes for the cores and makes the figures noisy: say so. */
function loadNote({ before, after, cores }: MachineLoad): string {
  const note = `Load average ${before.toFixed(1)} before, ${after.toFixed(1)} after, on ${cores} cores`;
  return Math.max(before, after) >= cores
    ? `${note}: other work competed for the CPU, so the throughputs are unreliable.`
    : `${note}.`;
}

function verdict(ratioMet: boolean, rssMet: boolean): string {
  if (ratioMet && rssMet) return 'targets met';
  const missed = [ratioMet ? '' : 'throughput ratio', rssMet ? '' : 'server peak RSS'];
  return `MISSED: ${missed.filter(Boolean).join(', ')}`;
}

function throughputMbps(sizeBytes: number, timing: UploadTiming): number {
  return sizeBytes / MB / timing.seconds;
}

function seconds(value: number | undefined): string {
  return value === undefined ? 'n/a' : value.toFixed(2);
}

function sizeLabel(sizeBytes: number): string {
  const gib = 1024 * MIB;
  return sizeBytes % gib === 0 ? `${sizeBytes / gib} GiB` : `${sizeBytes / MIB} MiB`;
}

function mb(bytes: number | undefined): string {
  return bytes === undefined ? 'n/a' : `${Math.round(bytes / MB)} MB`;
}
