import { readFile } from 'node:fs/promises';

/**
 * Unit of the CPU times in `/proc/<pid>/stat`: USER_HZ ticks, fixed at 100 per second in the
 * Linux ABI whatever the kernel's own tick rate.
 */
const PROC_TICKS_PER_SECOND = 100;

/** Index of `utime` among the fields after the command name (field 14 of the whole line). */
const UTIME_INDEX_AFTER_NAME = 11;

/**
 * CPU time a running process has used so far, user plus system, in seconds; `undefined` where
 * there is no procfs (anything but Linux) or the process is gone. Other work competing for the
 * cores changes it much less than it changes wall time, so it shows a server's own cost.
 */
export async function cpuSecondsOf(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;

  // The command name, in parentheses, may itself contain spaces: count fields after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[UTIME_INDEX_AFTER_NAME]);
  const systemTicks = Number(fields[UTIME_INDEX_AFTER_NAME + 1]);
  return (userTicks + systemTicks) / PROC_TICKS_PER_SECOND;
}
