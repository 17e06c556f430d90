// The HAProxy old-colour drain: after a switch the action waits, with a
// deadline, until the old server has nothing in flight (HAProxy's current
// sessions per server), and reports how long that took — so a pipeline that
// stops the old colour right after the step loses nothing.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { actionDir, runBundledAction } from '@switchyard/testkit';
import { runtimeCommand } from '../../actions/switch-traffic/src/haproxy';
import { startCanaryFront } from './support/canary';
import { startWrk } from './support/traffic';

jest.setTimeout(60_000);
const action = actionDir('switch-traffic');
let front: Awaited<ReturnType<typeof startCanaryFront>>;
beforeAll(async () => {
  front = await startCanaryFront('st-drain');
});
afterAll(() => front?.stop());

async function blueSessions(): Promise<number> {
  const csv = await runtimeCommand({ host: '127.0.0.1', port: front.proxy.adminPort }, 'show stat app 4 -1');
  const row = csv.split('\n').find((l) => l.startsWith('app,blue,'));
  return Number(row!.split(',')[4]);
}

const run = (inputs: Record<string, string>) =>
  runBundledAction(action, {
    inputs: { provider: 'haproxy', 'haproxy-admin': front.proxy.admin, 'haproxy-backend': 'app', 'haproxy-state-file': front.proxy.stateFile, ...inputs },
    timeoutMs: 50_000,
  });

describe('HAProxy old-colour drain', () => {
  it('waits until the old colour has nothing in flight and reports how long it took', async () => {
    await front.set('blue', { delay: 1500 });
    const load = startWrk(front.proxy.url, 6);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await blueSessions()).toBeGreaterThan(0);
    const r = await run({ mode: 'switch', to: 'green' });
    // The moment the action is done, the old colour serves nothing: it can be stopped.
    expect(await blueSessions()).toBe(0);
    await load;
    expect(r.code).toBe(0);
    const m = /blue drained: nothing in flight after (\d+)ms|blue drained: nothing in flight after ([\d.]+)s/.exec(r.stdout);
    expect(m).not.toBeNull();
    const ms = m![1] ? Number(m![1]) : Number(m![2]) * 1000;
    // Slow requests (1.5 s) were in flight: the drain took a real while, and less than one of them.
    expect(ms).toBeGreaterThan(200);
    expect(ms).toBeLessThan(1700);
    expect(r.summary).toMatch(/the old colour blue had nothing in flight after [\d.]+m?s/);
    await front.set('blue', {});
  });

  it('warns at the deadline with the requests still in flight', async () => {
    // Back to blue first (quick), then make green slow and switch away from it with a short deadline.
    expect((await run({ mode: 'switch', to: 'blue', 'drain-wait': '0' })).code).toBe(0);
    await front.set('green', { delay: 4000 });
    await front.set('blue', {});
    // Traffic on green, then slow requests in flight there.
    expect((await run({ mode: 'switch', to: 'green', 'drain-wait': '0' })).code).toBe(0);
    const load = startWrk(front.proxy.url, 6);
    await new Promise((r) => setTimeout(r, 1000));
    const r = await run({ mode: 'switch', to: 'blue', 'drain-wait': '500ms' });
    await load;
    expect(r.code).toBe(0);
    const warning = r.annotations.find((a) => a.level === 'warning')?.message ?? '';
    expect(warning).toMatch(/^green still has \d+ request\(s\) in flight after \d+ms \(drain-wait\): stopping it now would cut them$/);
    expect(r.summary).toContain('⚠️ the old colour green still had');
    await front.set('green', {});
  });
});
