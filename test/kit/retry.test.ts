import { describe, expect, it } from '@jest/globals';
import { backoffDelay, ConfigurationError, Deadline, retry, RetryError, waitFor, WaitTimeoutError } from '@switchyard/kit';

/** A fake clock whose sleep advances time instantly. */
function fakeTime(start = 1_000_000) {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    advance: (ms: number) => (t += ms),
    sleeps,
  };
}

describe('backoffDelay', () => {
  it('is full jitter under an exponential ceiling capped at maxMs', () => {
    expect(backoffDelay(0, { initialMs: 100, maxMs: 1000 }, () => 0.999)).toBe(99);
    expect(backoffDelay(3, { initialMs: 100, maxMs: 1000 }, () => 0.5)).toBe(400);
    expect(backoffDelay(10, { initialMs: 100, maxMs: 1000 }, () => 0.999)).toBe(999);
    expect(backoffDelay(2, { initialMs: 100, maxMs: 1000 }, () => 0)).toBe(0);
  });
});

describe('retry', () => {
  it('retries until success and logs each retry with its label', async () => {
    const time = fakeTime();
    const lines: string[] = [];
    let calls = 0;
    const v = await retry(
      async () => {
        if (++calls < 3) throw new Error(`boom ${calls}`);
        return 'ok';
      },
      { label: 'push catalog', ...time, random: () => 0.5, log: (l) => lines.push(l) },
    );
    expect(v).toBe('ok');
    expect(calls).toBe(3);
    expect(time.sleeps).toEqual([250, 500]);
    expect(lines[0]).toMatch(/^push catalog: attempt 1 failed \(boom 1\); retrying in 250ms$/);
  });

  it('never retries a configuration error', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new ConfigurationError('bad input');
        },
        { label: 'x', sleep: async () => {} },
      ),
    ).rejects.toThrow('bad input');
    expect(calls).toBe(1);
  });

  it('gives up at the deadline with the last cause', async () => {
    const time = fakeTime();
    const err = await retry(
      async () => {
        throw new Error('503 Service Unavailable');
      },
      { label: 'HEAD manifest', timeoutMs: 5000, ...time, random: () => 1 },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetryError);
    expect((err as RetryError).message).toMatch(/^HEAD manifest: gave up after \d+ attempts in .*: 503 Service Unavailable$/);
    expect(time.now() - 1_000_000).toBeLessThanOrEqual(5000);
  });

  it('gives up after maxAttempts', async () => {
    let calls = 0;
    await expect(
      retry(
        async () => {
          calls++;
          throw new Error('x');
        },
        { label: 'y', maxAttempts: 4, sleep: async () => {} },
      ),
    ).rejects.toThrow('y: gave up after 4 attempts');
    expect(calls).toBe(4);
  });
});

describe('waitFor', () => {
  it('polls with growing delays and prints progress only when it changes', async () => {
    const time = fakeTime();
    const lines: string[] = [];
    const states = ['0/2 running', '0/2 running', '1/2 running', '1/2 running'];
    let i = 0;
    const v = await waitFor(async () => (i < states.length ? { done: false as const, progress: states[i++]! } : { done: true as const, value: 42 }), {
      label: 'service web',
      timeoutMs: 60_000,
      ...time,
      log: (l) => lines.push(l),
    });
    expect(v).toBe(42);
    expect(lines.map((l) => l.replace(/ \(.*\)$/, ''))).toEqual(['service web: 0/2 running', 'service web: 1/2 running']);
    expect(time.sleeps).toEqual([250, 375, 562.5, 843.75]);
  });

  it('times out with the last state', async () => {
    const time = fakeTime();
    const e = await waitFor(async () => ({ done: false as const, progress: 'Pending: no suitable node' }), { label: 'task', timeoutMs: 3000, ...time }).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(WaitTimeoutError);
    expect((e as Error).message).toBe('Timed out after 3.0s waiting for task; last state: Pending: no suitable node');
  });
});

describe('Deadline', () => {
  it('tracks remaining time', () => {
    const time = fakeTime();
    const d = new Deadline(1000, time.now);
    expect(d.remaining()).toBe(1000);
    time.advance(400);
    expect(d.remaining()).toBe(600);
    expect(d.elapsed()).toBe(400);
    time.advance(700);
    expect(d.expired()).toBe(true);
    expect(d.remaining()).toBe(0);
  });
});
