import type { Readable } from 'node:stream';

/** Longest wait for a child's output, in milliseconds; starting tsx and a server takes ~1 s. */
const OUTPUT_TIMEOUT_MS = 20_000;

/** Collects a child's output and resolves once it matches `pattern`. */
export function waitForOutput(stream: Readable, pattern: RegExp): Promise<string> {
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stream.off('data', onData);
      reject(new Error(`No output matching ${pattern} within ${OUTPUT_TIMEOUT_MS} ms:\n${text}`));
    }, OUTPUT_TIMEOUT_MS);
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      if (!pattern.test(text)) return;
      clearTimeout(timer);
      stream.off('data', onData);
      resolve(text);
    };
    stream.on('data', onData);
  });
}
