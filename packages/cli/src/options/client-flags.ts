import { DEFAULT_RETRIES } from '@heygen-assets/client';
import { Option } from 'commander';
import { integerInRange } from './parse-number-option.js';

/** Most retries `--retries` accepts: past this, waits of up to 20 s each add up to many minutes. */
const MAX_RETRIES = 20;

/** `--retries <n>`: how often the client sends a failed request again (SDK retry policy). */
export function retriesOption(): Option {
  return new Option(
    '--retries <n>',
    `resend a request to the server that failed on the network, with 429 or 5xx, up to n times (0–${MAX_RETRIES}, default: ${DEFAULT_RETRIES})`,
  ).argParser(integerInRange(0, MAX_RETRIES));
}

/** `--no-cache`: upload even bytes the asset-id cache knows (sets `cache` to false). */
export function noCacheOption(): Option {
  return new Option(
    '--no-cache',
    'upload every file, even bytes already uploaded to this server (skip the asset-id cache)',
  );
}
