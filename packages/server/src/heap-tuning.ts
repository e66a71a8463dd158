import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past its live size before the next full collection,
 * in percent: a growth factor of 4, the largest V8 itself picks for a busy heap.
 */
export const HEAP_GROWING_PERCENT = 300;

/**
 * Keeps V8 from answering a large upload with a storm of full garbage collections. Meant for a
 * process that is mainly this server, as `heygen-assets serve` is; it changes a process-wide
 * V8 setting, so an application that embeds `startServer` decides for itself whether to call it.
 *
 * Why: every socket read of a request body is a fresh 64 KiB buffer, and V8 counts those
 * buffers against the old generation's growth budget until a young-generation collection frees
 * them — which V8 only forces after 32 MiB of them. V8 sizes that budget from how fast
 * JavaScript allocates, and a server streaming bytes to disk allocates little, so after its
 * first full collection the budget shrinks to about 8 MiB (V8's minimum step). From then on a
 * 1 GiB upload set off a full collection every few MiB: about 35 per GiB, measured, doubling
 * the server's CPU time. A fixed growth factor of 4 keeps the budget above those 32 MiB at the
 * server's size (about 18 MiB of live heap, so a 72 MiB limit), and costs at most that much
 * more heap before a full collection.
 */
export function tuneHeapForUploads(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
