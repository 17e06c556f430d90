import { backoffDelay, errorMessage, mapConcurrent, realSleep, type Timing } from '@switchyard/kit';
import { send as httpSend, RequestTimeoutError, type Response, type Target } from './http';
import { mismatches } from './match';
import type { Check } from './spec';

/** An attempt needs at least this much of the deadline left to be worth starting. */
const MIN_ATTEMPT_MS = 100;

export interface CheckResult {
  name: string;
  method: string;
  url: string;
  passed: boolean;
  attempts: number;
  /** Last HTTP status seen (absent when no response ever came). */
  status?: number;
  /** Latency of the last response, ms. */
  latencyMs?: number;
  /** Why the last attempt failed (absent when passed). */
  reason?: string;
  /** Time from start until pass or give-up, ms. */
  elapsedMs: number;
}

export interface RunOptions extends Timing {
  /** Overall deadline for all checks (ms). */
  timeoutMs: number;
  /** Checks in flight at once. */
  concurrency: number;
  /** Per-request timeout (ms), cut to what is left of the deadline. */
  requestTimeoutMs: number;
  hostHeader?: string;
  resolve?: Map<string, string>;
  expectVersion?: string;
  /** Backoff between attempts of one check. */
  initialMs?: number;
  maxMs?: number;
  /** Log line sink; one line per check per change of reason. */
  log?: (line: string) => void;
  /** The HTTP transport (tests may inject one). */
  send?: (check: Check, target: Target) => Promise<Response>;
}

/**
 * Runs every check in parallel (bounded), each retried with full-jitter
 * backoff until it passes or the shared deadline passes. Connection errors
 * and non-matching responses are both retried.
 */
export async function runChecks(checks: Check[], opts: RunOptions): Promise<CheckResult[]> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? realSleep;
  const send = opts.send ?? httpSend;
  const started = now();
  const deadline = started + opts.timeoutMs;
  return mapConcurrent(checks, opts.concurrency, async (check) => {
    let attempts = 0;
    let last: Partial<CheckResult> = {};
    let lastReason = '';
    for (;;) {
      attempts++;
      const timeoutMs = Math.max(1, Math.min(opts.requestTimeoutMs, deadline - now()));
      let reason: string;
      try {
        const res = await send(check, {
          timeoutMs,
          ...(opts.hostHeader ? { hostHeader: opts.hostHeader } : {}),
          ...(opts.resolve ? { resolve: opts.resolve } : {}),
        });
        last = { status: res.status, latencyMs: res.latencyMs };
        const why = mismatches(check, res, opts.expectVersion);
        if (why.length === 0) {
          if (attempts > 1) opts.log?.(`✓ ${check.name}: passed on attempt ${attempts}`);
          return { name: check.name, method: check.method, url: check.url.href, passed: true, attempts, ...last, elapsedMs: now() - started };
        }
        reason = why.join('; ');
      } catch (e) {
        // An attempt cut short by the overall deadline says less than the one before it.
        const cut = e instanceof RequestTimeoutError && timeoutMs < opts.requestTimeoutMs && lastReason !== '';
        reason = cut ? lastReason : errorMessage(e);
      }
      if (reason !== lastReason) {
        opts.log?.(`… ${check.name}: attempt ${attempts}: ${reason}`);
        lastReason = reason;
      }
      // Wait with backoff, but never past the deadline: a last attempt runs at the deadline's edge.
      const remaining = deadline - now();
      if (remaining <= MIN_ATTEMPT_MS) {
        return { name: check.name, method: check.method, url: check.url.href, passed: false, attempts, ...last, reason, elapsedMs: now() - started };
      }
      const delay = backoffDelay(attempts - 1, { initialMs: opts.initialMs ?? 200, maxMs: opts.maxMs ?? 2000 }, opts.random);
      await sleep(Math.min(delay, remaining - MIN_ATTEMPT_MS));
    }
  });
}
