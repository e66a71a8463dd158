import { Option } from 'commander';
import { positiveSeconds } from './parse-number-option.js';

/** `--timeout <seconds>`: the idle limit per request, shared by every command that calls the API. */
export function timeoutOption(): Option {
  return new Option(
    '--timeout <seconds>',
    'give up on a request idle this long (default: 30)',
  ).argParser(positiveSeconds);
}
