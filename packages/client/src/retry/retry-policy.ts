import {
  DEFAULT_RETRIES,
  DEFAULT_RETRY_AFTER_CAP_MS,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  RETRY_KINDS,
  RETRYABLE_METHODS,
  type RetryEvent,
  type RetryKind,
  type RetryOptions,
} from './retry-options.js';
import { sleepUnlessAborted } from './sleep-unless-aborted.js';

/** `RetryOptions` with every default applied. */
export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  retryAfterCapMs: number;
  methods: ReadonlySet<string>;
  kinds: ReadonlySet<RetryKind>;
  onRetry: (event: RetryEvent) => void;
  random: () => number;
  sleep: (delayMs: number, signal: AbortSignal | undefined) => Promise<void>;
  now: () => number;
}

/** Applies the defaults and refuses values that cannot work. */
export function resolveRetryPolicy(options: RetryOptions = {}): RetryPolicy {
  const methods = options.methods ?? RETRYABLE_METHODS;
  const kinds = options.kinds ?? RETRY_KINDS;
  for (const kind of kinds) {
    if (!RETRY_KINDS.includes(kind)) {
      throw new TypeError(`retry.kinds: unknown kind ${JSON.stringify(kind)}.`);
    }
  }

  return {
    retries: count('retries', options.retries ?? DEFAULT_RETRIES),
    baseDelayMs: milliseconds('baseDelayMs', options.baseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS),
    maxDelayMs: milliseconds('maxDelayMs', options.maxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS),
    retryAfterCapMs: milliseconds(
      'retryAfterCapMs',
      options.retryAfterCapMs ?? DEFAULT_RETRY_AFTER_CAP_MS,
    ),
    methods: new Set(methods.map((method) => method.toUpperCase())),
    kinds: new Set(kinds),
    onRetry: options.onRetry ?? (() => {}),
    random: options.random ?? Math.random,
    sleep: options.sleep ?? sleepUnlessAborted,
    now: options.now ?? Date.now,
  };
}

function count(name: string, value: number): number {
  if (Number.isSafeInteger(value) && value >= 0) return value;
  throw new TypeError(`retry.${name} must be a whole number ≥ 0, not ${value}.`);
}

function milliseconds(name: string, value: number): number {
  if (Number.isFinite(value) && value >= 0) return value;
  throw new TypeError(`retry.${name} must be a number of milliseconds ≥ 0, not ${value}.`);
}
