export type { ImageLimits } from './image-limits.js';
export { type InspectOptions, inspectMedia } from './inspect-media.js';
export type { MediaFacts, SniffResult } from './media-facts.js';
export { sniffMediaType } from './sniff.js';
