// The self-hosted provider for real: the infra script's HAProxy in front of
// two real backends, the bundled action switching under wrk keep-alive load.
// Every switch must lose nothing: zero non-2xx and zero socket errors.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { actionDir, runBundledAction, type RunResult } from '@switchyard/testkit';
import { keepAliveBodies, startBackends, startProxy, startWrk, type WrkResult } from './support/traffic';
import { startFakePrometheus, vector } from './support/fake-prometheus';
import { runtimeCommand } from '../../actions/switch-traffic/src/haproxy';

jest.setTimeout(60_000);
const action = actionDir('switch-traffic');
let backends: Awaited<ReturnType<typeof startBackends>>;
let proxy: Awaited<ReturnType<typeof startProxy>>;
let prom: Awaited<ReturnType<typeof startFakePrometheus>>;
let errorRate = 0;

beforeAll(async () => {
  backends = await startBackends();
  proxy = await startProxy('switch-traffic-itg', backends.addrs);
  prom = await startFakePrometheus(() => vector([[{ job: 'shop' }, errorRate]]));
});
afterAll(async () => {
  proxy?.stop();
  backends?.stop();
  await prom?.close();
});

const base = () => ({ provider: 'haproxy', 'haproxy-admin': proxy.admin, 'haproxy-backend': 'app', 'haproxy-state-file': proxy.stateFile });
const run = (inputs: Record<string, string>) => runBundledAction(action, { inputs: { ...base(), ...inputs }, timeoutMs: 60_000 });

/**
 * Runs the action while wrk loads the proxy: load starts 1 s before, and must
 * still be running when the action ends (asserted), so the whole change is
 * under load even on a busy machine.
 */
async function underLoad(seconds: number, inputs: Record<string, string>): Promise<{ r: RunResult; load: WrkResult }> {
  const started = Date.now();
  const load = startWrk(proxy.url, seconds);
  await new Promise((res) => setTimeout(res, 1000));
  const r = await run(inputs);
  expect(Date.now() - started).toBeLessThan(seconds * 1000);
  return { r, load: await load };
}

const expectNoLoss = (load: WrkResult) => {
  expect({ requests: load.requests > 200, non2xx: load.non2xx, socketErrors: load.socketErrors, breakdown: load.breakdown }).toEqual({
    requests: true,
    non2xx: 0,
    socketErrors: 0,
    breakdown: 'no socket errors',
  });
};

describe('switch-traffic with HAProxy (bundled action, real proxy, wrk keep-alive load)', () => {
  it('status reports blue live from the proxy configuration', async () => {
    const r = await run({ mode: 'status' });
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ 'live-color': 'blue', 'idle-color': 'green', weights: '{"blue":100,"green":0}', 'change-id': '' });
    expect(r.summary).toContain('## Traffic status: blue is live');
    // The same through the proxy's unix stats socket.
    const viaSocket = await run({ mode: 'status', 'haproxy-admin': proxy.stateFile.replace(/\.state$/, '.sock') });
    expect(viaSocket.outputs).toMatchObject({ 'live-color': 'blue', weights: '{"blue":100,"green":0}' });
  });

  it('switches to the idle colour under load without losing a request; keep-alive clients move too', async () => {
    const before = await proxy.served();
    const { r, load } = await underLoad(6, { mode: 'switch', to: 'idle' });
    expect(r.code).toBe(0);
    expectNoLoss(load);
    expect(r.outputs).toMatchObject({
      'previous-weights': '{"blue":100,"green":0}',
      weights: '{"blue":0,"green":100}',
      'live-color': 'green',
      'idle-color': 'blue',
    });
    expect(r.outputs['change-id']).toMatch(/^haproxy-/);
    expect(Number(r.outputs['effective-seconds'])).toBeLessThan(5);
    const after = await proxy.served();
    // Both colours served during the run: blue before the switch, green after it.
    expect(after.green - before.green).toBeGreaterThan(20);
    expect(after.blue - before.blue).toBeGreaterThan(20);
    expect(await proxy.weights()).toEqual({ blue: 0, green: 100 });
    expect(await keepAliveBodies(proxy.url, 5)).toEqual(['green', 'green', 'green', 'green', 'green']);
    expect(r.summary).toContain('| blue | blue | 100 | 0 |');
  });

  it('keeps the weights across a proxy restart (server-state-file)', async () => {
    await proxy.restart();
    expect(await proxy.weights()).toEqual({ blue: 0, green: 100 });
    const r = await run({ mode: 'status' });
    expect(r.outputs['live-color']).toBe('green');
    expect(await keepAliveBodies(proxy.url, 3)).toEqual(['green', 'green', 'green']);
  });

  it('runs a canary 10 → 50 → 100 back to blue with HTTP and Prometheus gates, under load, losing nothing', async () => {
    errorRate = 0.001;
    const { r, load } = await underLoad(8, {
      mode: 'canary',
      to: 'blue',
      steps: '10,50,100',
      'step-wait': '400ms',
      'gate-checks': `- url: ${proxy.url}\n  status: 200`,
      'prometheus-url': prom.url,
      'prometheus-query': 'sum(rate(http_requests_total{code=~"5.."}[1m]))',
      'prometheus-threshold': '< 0.01',
    });
    expect(r.code).toBe(0);
    expectNoLoss(load);
    expect(r.outputs).toMatchObject({ 'previous-weights': '{"blue":0,"green":100}', weights: '{"blue":100,"green":0}', 'live-color': 'blue' });
    expect(r.stdout).toContain('Submitted change haproxy-');
    expect(r.stdout.match(/Gate passed at step/g)).toHaveLength(3);
    expect(r.summary).toContain('| 10% to blue | blue 10 / green 90 |');
    expect(r.summary).toContain('[Prometheus] ✓ sum(rate(http_requests_total{code=~&quot;5..&quot;}[1m])){job=&quot;shop&quot;} = 0.001 (threshold &lt; 0.01)');
    expect(prom.requests.filter((q) => q.query.startsWith('sum(rate'))).toHaveLength(3);
  });

  it('a failing gate restores the previous weights at once and fails with the evidence, losing nothing', async () => {
    errorRate = 0.2;
    const { r, load } = await underLoad(6, {
      mode: 'canary',
      to: 'idle',
      steps: '25,100',
      'step-wait': '0s',
      'prometheus-url': prom.url,
      'prometheus-query': 'error_ratio',
      'prometheus-threshold': '< 0.01',
      'gate-timeout': '2s',
    });
    expectNoLoss(load);
    expect(r.code).toBe(1);
    const error = r.annotations.find((a) => a.level === 'error')!.message;
    expect(error).toMatch(
      /^Gate failed at step 25% to green; restored blue 100 \/ green 0 \(change haproxy-[a-z0-9-]+\):\n\[Prometheus\] ✗ error_ratio\{job="shop"\} = 0\.2 \(threshold < 0\.01\)$/,
    );
    expect(r.outputs).toMatchObject({ 'previous-weights': '{"blue":100,"green":0}', weights: '{"blue":100,"green":0}', 'live-color': 'blue' });
    expect(await proxy.weights()).toEqual({ blue: 100, green: 0 });
    expect(r.summary).toContain('failed its gate at 25% to green; weights restored');
  });

  it('rollback restores previous-weights under load, losing nothing', async () => {
    const sw = await run({ mode: 'switch', to: 'green' });
    expect(sw.outputs['previous-weights']).toBe('{"blue":100,"green":0}');
    const { r, load } = await underLoad(5, { mode: 'rollback', 'previous-weights': sw.outputs['previous-weights']! });
    expect(r.code).toBe(0);
    expectNoLoss(load);
    expect(r.outputs).toMatchObject({ 'previous-weights': '{"blue":0,"green":100}', weights: '{"blue":100,"green":0}', 'live-color': 'blue' });
    expect(await proxy.weights()).toEqual({ blue: 100, green: 0 });
  });

  it('reports a 50/50 state as mixed and refuses to guess the idle colour', async () => {
    const half = await run({ mode: 'rollback', 'previous-weights': '{"blue":50,"green":50}' });
    expect(half.outputs).toMatchObject({ 'live-color': 'mixed', 'idle-color': '' });
    expect(half.annotations.find((a) => a.level === 'warning')?.message).toBe('Neither colour is clearly live: blue 50 / green 50');
    const r = await run({ mode: 'switch', to: 'idle' });
    expect(r.code).toBe(1);
    expect(r.annotations[0]!.message).toMatch(/^Input 'to': "idle" is ambiguous: the current weights are blue 50 \/ green 50 \(mixed\)/);
    expect(await proxy.weights()).toEqual({ blue: 50, green: 50 });
    await run({ mode: 'rollback', 'previous-weights': '{"blue":100,"green":0}' });
  });

  it('refuses to send traffic to a server in maintenance, but never blocks a rollback', async () => {
    await runtimeCommand({ host: '127.0.0.1', port: proxy.adminPort }, 'disable server app/green');
    try {
      const r = await run({ mode: 'canary', to: 'green', steps: '50,100', 'step-wait': '0s' });
      expect(r.code).toBe(1);
      expect(r.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([
        expect.stringMatching(/^Refusing to move traffic to green: server app\/green \(127\.0\.0\.1\) is in maintenance\nHint: bring it back first/),
      ]);
      expect(await proxy.weights()).toEqual({ blue: 100, green: 0 });
    } finally {
      await runtimeCommand({ host: '127.0.0.1', port: proxy.adminPort }, 'enable server app/green');
    }
  });

  it('bad input: unknown server, unknown backend, weight above 256: exit 1, nothing changed', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ mode: 'switch', to: 'green', 'green-id': 'greeen' }, /^Input 'green-id': "greeen" is not a server of backend "app"; found: blue, green$/],
      [{ mode: 'switch', to: 'green', 'haproxy-backend': 'nope' }, /^Input 'haproxy-backend': "nope" is not a backend of the HAProxy at 127\.0\.0\.1:\d+$/],
      [{ mode: 'rollback', 'previous-weights': '{"blue":0,"green":300}' }, /^Input 'previous-weights': green weight 300 is outside 0–256$/],
      [{ mode: 'rollback', 'previous-weights': '{"blue":0,"green":0}' }, /^Input 'previous-weights': sets every weight to 0/],
    ];
    for (const [inputs, message] of cases) {
      const r = await run(inputs);
      expect(r.code).toBe(1);
      expect(r.annotations.filter((a) => a.level === 'error').map((a) => a.message)).toEqual([expect.stringMatching(message)]);
      expect(r.outputs).toEqual({});
      expect(await proxy.weights()).toEqual({ blue: 100, green: 0 });
    }
  });
});
