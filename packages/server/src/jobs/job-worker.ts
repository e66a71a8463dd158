import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Catalog } from '../catalog/catalog.js';
import type { JobRecord } from '../catalog/records.js';
import type { JobHandler } from './job-handler.js';
import { JOB_RETRY_BASE_MS, retryDelayMs } from './retry-backoff.js';

export interface JobWorkerOptions {
  /** How often an idle worker looks for due jobs, in milliseconds. Default 500. */
  pollIntervalMs?: number;
  /** How long a claim lasts before another worker may take the job over, in ms. Default 60 s. */
  leaseMs?: number;
  /** First retry delay of a failed job, in milliseconds (doubles per attempt). Default 1000. */
  retryBaseMs?: number;
}

const DEFAULT_POLL_INTERVAL_MS = 500;
const DEFAULT_LEASE_MS = 60_000;

/**
 * Runs background jobs from the catalog's queue, one at a time, in this process. Claims go
 * through the catalog, so several processes sharing one catalog each run a job only once.
 */
export class JobWorker {
  readonly id = `worker-${randomUUID()}`;
  readonly #catalog: Catalog;
  readonly #handlers: Readonly<Record<string, JobHandler>>;
  #log: FastifyBaseLogger | undefined;
  readonly #pollIntervalMs: number;
  readonly #leaseMs: number;
  readonly #retryBaseMs: number;
  readonly #stopping = new AbortController();
  #wakeUp: (() => void) | undefined;
  #loop: Promise<void> | undefined;

  constructor(
    catalog: Catalog,
    handlers: Readonly<Record<string, JobHandler>>,
    options: JobWorkerOptions = {},
  ) {
    this.#catalog = catalog;
    this.#handlers = handlers;
    this.#pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    this.#leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.#retryBaseMs = options.retryBaseMs ?? JOB_RETRY_BASE_MS;
  }

  /** Starts the loop, logging through the server's logger. */
  start(log: FastifyBaseLogger): void {
    this.#log = log.child({ worker: this.id });
    this.#loop ??= this.#run(this.#log);
  }

  /** Looks for work now instead of at the next poll (after enqueueing, say). */
  wake(): void {
    this.#wakeUp?.();
  }

  /** Stops claiming, aborts the running job's signal and waits for the loop to end. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    this.wake();
    await this.#loop;
  }

  async #run(log: FastifyBaseLogger): Promise<void> {
    while (!this.#stopping.signal.aborted) {
      const job = await this.#claim(log);
      if (job) await this.#execute(job, log);
      else await this.#idle();
    }
  }

  async #claim(log: FastifyBaseLogger): Promise<JobRecord | undefined> {
    try {
      return await this.#catalog.claimJob(this.id, new Date(), this.#leaseMs);
    } catch (error) {
      log.error({ err: error }, 'claiming a job failed');
      return undefined;
    }
  }

  #idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.#pollIntervalMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wakeUp = done;
    });
  }

  async #execute(job: JobRecord, workerLog: FastifyBaseLogger): Promise<void> {
    const log = workerLog.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
    const handler = this.#handlers[job.kind];
    if (!handler) {
      await this.#catalog.failJob(job.id, this.id, `no handler for job kind ${job.kind}`);
      log.error('job failed: unknown kind');
      return;
    }

    const lease = new AbortController();
    const signal = AbortSignal.any([lease.signal, this.#stopping.signal]);
    const renewal = setInterval(() => this.#renew(job, lease), this.#leaseMs / 3);
    const started = performance.now();
    try {
      await handler(job.payload, { job, log, signal });
      await this.#catalog.finishJob(job.id, this.id);
      log.info({ durationMs: Math.round(performance.now() - started) }, 'job succeeded');
    } catch (error) {
      await this.#recordFailure(job, error, log);
    } finally {
      clearInterval(renewal);
    }
  }

  async #renew(job: JobRecord, lease: AbortController): Promise<void> {
    const until = new Date(Date.now() + this.#leaseMs);
    const held = await this.#catalog.renewJobLease(job.id, this.id, until).catch(() => false);
    if (!held) lease.abort(new Error(`lost the lease on job ${job.id}`));
  }

  async #recordFailure(job: JobRecord, error: unknown, log: FastifyBaseLogger): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    if (job.attempts >= job.maxAttempts) {
      await this.#catalog.failJob(job.id, this.id, message);
      log.error({ err: error }, 'job failed for good');
      return;
    }
    const delayMs = retryDelayMs(job.attempts, this.#retryBaseMs);
    await this.#catalog.retryJob(job.id, this.id, message, new Date(Date.now() + delayMs));
    log.warn({ err: error, retryInMs: delayMs }, 'job failed, will retry');
  }
}
