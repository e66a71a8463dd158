// Streams 512 MiB through fresh 64 KiB buffers, as a server receiving an upload does, and prints
// as JSON how many full collections that took. V8 first gets the smallest growth factor it picks
// on its own (1.1, what it chose for the measured server, which allocates little JavaScript);
// `tuned` then calls tuneHeapForUploads. Usage: buffer-churn.ts minimal|tuned
import { constants, type NodeGCPerformanceDetail, PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { tuneHeapForUploads } from '../../src/heap-tuning.js';

const CHUNK_BYTES = 64 * 1024;
const CHUNKS = 8192;

setFlagsFromString('--heap-growing-percent=10');
if (process.argv[2] === 'tuned') tuneHeapForUploads();
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

let fullCollections = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const { kind } = (entry as unknown as { detail: NodeGCPerformanceDetail }).detail;
    if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) fullCollections += 1;
  }
});
observer.observe({ entryTypes: ['gc'] });

// A live heap of a server's size, then the full collection that sets the budget.
const live = Array.from({ length: 200_000 }, (_, index) => ({ index, name: `item-${index}` }));
collect();
await sleep(50);

const before = fullCollections;
let received = 0;
for (let index = 0; index < CHUNKS; index++) {
  received += Buffer.allocUnsafeSlow(CHUNK_BYTES).length;
  // Yield as a socket read does, so V8's scheduled GC tasks run.
  if (index % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
}
await sleep(50);
observer.disconnect();

process.stdout.write(
  `${JSON.stringify({ fullCollections: fullCollections - before, received, live: live.length })}\n`,
);
