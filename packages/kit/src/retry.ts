import { ConfigurationError, errorMessage, Failure } from './errors';
import { formatDuration } from './duration';

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Time source and sleep, injectable so tests run instantly and deterministically. */
export interface Timing {
  now?: () => number;
  sleep?: Sleep;
  random?: () => number;
}

export interface BackoffOptions {
  /** First delay ceiling (ms). */
  initialMs?: number;
  /** Largest delay ceiling (ms). */
  maxMs?: number;
  /** Growth per attempt. */
  factor?: number;
}

/**
 * Full-jitter exponential backoff: a uniform random delay in
 * [0, min(maxMs, initialMs * factor^attempt)]. `attempt` starts at 0.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions = {}, random: () => number = Math.random): number {
  const { initialMs = 500, maxMs = 10_000, factor = 2 } = opts;
  const ceiling = Math.min(maxMs, initialMs * factor ** attempt);
  return Math.floor(random() * ceiling);
}

/** A point in time after which work stops. */
export class Deadline {
  readonly at: number;
  constructor(
    readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.at = now() + timeoutMs;
  }
  remaining(): number {
    return Math.max(0, this.at - this.now());
  }
  expired(): boolean {
    return this.now() >= this.at;
  }
  elapsed(): number {
    return this.now() - (this.at - this.timeoutMs);
  }
}

export class RetryError extends Failure {
  override readonly name: string = 'RetryError';
  constructor(
    message: string,
    readonly attempts: number,
    readonly lastError: unknown,
  ) {
    super(message, { cause: lastError });
  }
}

export interface RetryOptions extends BackoffOptions, Timing {
  /** What is being retried, for log lines and the final error ("push catalog"). */
  label: string;
  /** Give up once this much time has passed (ms). */
  timeoutMs?: number;
  /** Give up after this many attempts. */
  maxAttempts?: number;
  /** Whether an error is worth another attempt. Default: anything but a ConfigurationError. */
  retryable?: (error: unknown) => boolean;
  /** Log line sink (e.g. core.info). */
  log?: (line: string) => void;
}

/**
 * Calls `fn` until it resolves, retrying retryable errors with full-jitter
 * exponential backoff, bounded by attempts and/or a deadline. Each retry is
 * logged with its label. The final error keeps the last cause.
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? realSleep;
  const random = opts.random ?? Math.random;
  const retryable = opts.retryable ?? ((e: unknown) => !(e instanceof ConfigurationError));
  const started = now();
  const deadline = opts.timeoutMs === undefined ? Infinity : started + opts.timeoutMs;
  const maxAttempts = opts.maxAttempts ?? Infinity;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (!retryable(e)) throw e;
      const tries = attempt + 1;
      const delay = backoffDelay(attempt, opts, random);
      const out = tries >= maxAttempts || now() + delay >= deadline;
      if (out) {
        const spent = formatDuration(now() - started);
        throw new RetryError(`${opts.label}: gave up after ${tries} attempt${tries === 1 ? '' : 's'} in ${spent}: ${errorMessage(e)}`, tries, e);
      }
      opts.log?.(`${opts.label}: attempt ${tries} failed (${errorMessage(e)}); retrying in ${formatDuration(delay)}`);
      await sleep(delay);
    }
  }
}
