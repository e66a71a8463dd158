import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * The SDK's directory in the user's cache directory: `$XDG_CACHE_HOME/heygen-assets`, or
 * `~/.cache/heygen-assets` when that is unset or not absolute (XDG Base Directory spec).
 */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache');
  return join(base, 'heygen-assets');
}
