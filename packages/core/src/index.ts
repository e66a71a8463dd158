export * from './byte-source.js';
export * from './error-codes.js';
export * from './errors.js';
export * from './inspect/index.js';
export * from './limits.js';
export * from './media-types.js';
export * from './net/index.js';
export * from './units.js';
