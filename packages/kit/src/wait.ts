import { formatDuration } from './duration';
import { backoffDelay, realSleep, type BackoffOptions, type Timing } from './retry';
import { Failure } from './errors';

/** One observation while waiting: done with a value, or not yet with a progress line. */
export type Poll<T> = { done: true; value: T } | { done: false; progress: string };

export class WaitTimeoutError extends Failure {
  override readonly name: string = 'WaitTimeoutError';
  constructor(
    message: string,
    readonly lastProgress: string,
  ) {
    super(message);
  }
}

export interface WaitOptions extends BackoffOptions, Timing {
  /** What we wait for ("service shop_web to converge"). */
  label: string;
  timeoutMs: number;
  /** Progress sink; a line is printed only when the progress text changes. */
  log?: (line: string) => void;
  /** Jitter polls (default false: polling a state wants a steady rhythm). */
  jitter?: boolean;
}

/**
 * Polls until `poll` says done or the deadline passes. Delays grow
 * exponentially from `initialMs` (default 250 ms) to `maxMs` (default 2 s);
 * progress lines are printed once per change, not once per poll.
 */
export async function waitFor<T>(poll: () => Promise<Poll<T>>, opts: WaitOptions): Promise<T> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? realSleep;
  const started = now();
  const deadline = started + opts.timeoutMs;
  const backoff: BackoffOptions = { initialMs: opts.initialMs ?? 250, maxMs: opts.maxMs ?? 2000, factor: opts.factor ?? 1.5 };
  let last = '';
  for (let attempt = 0; ; attempt++) {
    const r = await poll();
    if (r.done) return r.value;
    if (r.progress !== last) {
      opts.log?.(`${opts.label}: ${r.progress} (${formatDuration(now() - started)})`);
      last = r.progress;
    }
    const remaining = deadline - now();
    if (remaining <= 0) {
      throw new WaitTimeoutError(`Timed out after ${formatDuration(opts.timeoutMs)} waiting for ${opts.label}; last state: ${last}`, last);
    }
    const ceiling = Math.min(backoff.maxMs!, backoff.initialMs! * backoff.factor! ** attempt);
    const delay = opts.jitter ? backoffDelay(attempt, backoff, opts.random) : ceiling;
    await sleep(Math.min(delay, remaining));
  }
}
