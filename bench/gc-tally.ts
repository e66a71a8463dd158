import { constants, type NodeGCPerformanceDetail, PerformanceObserver } from 'node:perf_hooks';

/** Garbage collections of one process, by kind, with the time V8 reported spending on them. */
export interface GcTally {
  /** Scavenges of the young generation: frequent and cheap. */
  minorCount: number;
  minorMs: number;
  /** Full mark-compacts; their time includes the incremental marking and weak callbacks. */
  majorCount: number;
  majorMs: number;
}

/**
 * Starts counting this process's garbage collections; call the returned function for the tally
 * so far. A stream of short-lived upload buffers costs little while scavenges reclaim them and a
 * lot once V8 answers their external memory with full mark-compacts, so the count explains a
 * server's CPU time better than its heap size does.
 */
export function startGcTally(): () => GcTally {
  const tally: GcTally = { minorCount: 0, minorMs: 0, majorCount: 0, majorMs: 0 };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { kind } = (entry as unknown as { detail: NodeGCPerformanceDetail }).detail;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
        tally.minorCount += 1;
        tally.minorMs += entry.duration;
        continue;
      }
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) tally.majorCount += 1;
      tally.majorMs += entry.duration;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => ({ ...tally });
}
