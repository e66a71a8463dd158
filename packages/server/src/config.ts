import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { ResolveHost } from '@heygen-assets/core';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * Server settings. Each has a CLI flag and an environment variable (see the README), except
 * `logStream` and `resolveHost`, which only code that embeds the server sets.
 */
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
  /**
   * Let video requests name external URLs on loopback, private (RFC 1918), link-local, CGNAT
   * and unique-local addresses — a media server on this machine or its network. Cloud
   * metadata, multicast, broadcast and reserved addresses stay refused. Default `false`.
   */
  fetchAllowPrivateNetworks: boolean;
  /**
   * Resolves the host names of external URLs; each answer is checked and connected to. Only
   * set programmatically (tests, embedding). Default: the system resolver.
   */
  resolveHost: ResolveHost | undefined;
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
  fetchAllowPrivateNetworks: false,
  resolveHost: undefined,
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
