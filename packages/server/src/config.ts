import { resolve } from 'node:path';
import type { Writable } from 'node:stream';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Server settings. Every field has a CLI flag and an environment variable (see the README). */
export interface ServerConfig {
  /** Interface to listen on. Default `127.0.0.1`. */
  host: string;
  /** TCP port; 0 picks a free one. Default `3000`. */
  port: number;
  /** Directory for the catalog, blobs and temp files. Default `./.data`. */
  dataDir: string;
  /**
   * Base URL clients reach this server at, used in upload and files URLs (no trailing slash).
   * Default: `http://{host}:{port}` as bound (a wildcard host is written as loopback).
   */
  publicUrl: string | undefined;
  /** A key to register for the default space on start (`HEYGEN_API_KEY`). */
  apiKey: string | undefined;
  /** Lifetime of a presigned upload URL, in seconds. Default 3600. */
  uploadUrlTtlSeconds: number;
  logLevel: LogLevel;
  /** Where JSON log lines go. Default stdout. */
  logStream: Writable | undefined;
}

export const DEFAULT_CONFIG: ServerConfig = {
  host: '127.0.0.1',
  port: 3000,
  dataDir: './.data',
  publicUrl: undefined,
  apiKey: undefined,
  uploadUrlTtlSeconds: 3600,
  logLevel: 'info',
  logStream: undefined,
};

export function resolveConfig(options: Partial<ServerConfig>): ServerConfig {
  const defined = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as Partial<ServerConfig>;
  const config = { ...DEFAULT_CONFIG, ...defined };
  return {
    ...config,
    dataDir: resolve(config.dataDir),
    publicUrl: config.publicUrl?.replace(/\/+$/, ''),
  };
}
