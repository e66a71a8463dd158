import { readFile } from 'node:fs/promises';

const KIB = 1024;

/**
 * Peak resident set size of a running process, in bytes: `VmHWM` ("high water mark") from
 * `/proc/<pid>/status`, i.e. the most memory it has held at once since it started.
 * `undefined` where there is no procfs (anything but Linux) or the process is gone.
 */
export async function peakRssBytesOf(pid: number): Promise<number | undefined> {
  return procStatusKib(pid, 'VmHWM');
}

/** Current resident set size of a running process, in bytes (`VmRSS`); Linux only. */
export async function currentRssBytesOf(pid: number): Promise<number | undefined> {
  return procStatusKib(pid, 'VmRSS');
}

/** Peak resident set size of this process so far, in bytes (portable: `getrusage`). */
export function ownPeakRssBytes(): number {
  return process.resourceUsage().maxRSS * KIB;
}

async function procStatusKib(pid: number, field: string): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => undefined);
  const match = status?.match(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm'));
  return match?.[1] === undefined ? undefined : Number(match[1]) * KIB;
}
