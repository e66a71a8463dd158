import type { FastifyBaseLogger } from 'fastify';
import type { JobRecord } from '../catalog/records.js';

export interface JobContext {
  job: JobRecord;
  log: FastifyBaseLogger;
  /** Aborted when the worker stops or loses the job's lease. */
  signal: AbortSignal;
}

/**
 * Runs one kind of job. Resolving finishes the job; throwing retries it with backoff until its
 * attempts run out. A handler must be safe to run again after a crash mid-way: the catalog
 * state it leaves decides, not the attempt count.
 */
export type JobHandler = (payload: unknown, context: JobContext) => Promise<void>;
