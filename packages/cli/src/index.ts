export * from './exit-codes.js';
export { buildProgram } from './program.js';
export { runCli } from './run-cli.js';
