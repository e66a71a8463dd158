export type { MediaFacts, SniffResult } from './media-facts.js';
export { inspectMedia, type InspectOptions } from './inspect-media.js';
export { sniffMediaType } from './sniff.js';
