// Gates against real local HTTP servers: a tiny fake Prometheus HTTP API, and
// the shared HTTP check engine (packages/http-checks).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseChecks } from '@switchyard/http-checks';
import { HttpChecksGate, PrometheusGate, evaluateGates, parseThreshold } from '../../actions/switch-traffic/src/gate';
import { startFakePrometheus, vector, type PromAnswer } from './support/fake-prometheus';
import { startFixture } from '../support/http-fixture';
import { freePort } from './support/traffic';

let next: PromAnswer[] = [];
let prom: Awaited<ReturnType<typeof startFakePrometheus>>;
let fx: Awaited<ReturnType<typeof startFixture>>;
beforeAll(async () => {
  prom = await startFakePrometheus(() => next.shift() ?? { status: 500, body: { status: 'error', error: 'no answer scripted' } });
  fx = await startFixture('3.1.0');
});
afterAll(async () => {
  await prom.close();
  await fx.close();
});

const gate = (threshold: string, extra: Partial<ConstructorParameters<typeof PrometheusGate>[0]> = {}) =>
  new PrometheusGate({
    url: new URL(prom.url),
    query: 'job:error_ratio:1m',
    threshold: parseThreshold('prometheus-threshold', threshold),
    timeoutMs: 3000,
    ...extra,
  });

describe('Prometheus gate (HTTP API /api/v1/query)', () => {
  it('passes when every sample satisfies the threshold, and sends the query and token', async () => {
    next = [
      vector([
        [{ color: 'green' }, '0.002'],
        [{ color: 'blue' }, 0.004],
      ]),
    ];
    const r = await gate('< 0.01', { token: 'tok-123' }).evaluate();
    expect(r).toEqual({
      passed: true,
      evidence: ['✓ job:error_ratio:1m{color="green"} = 0.002 (threshold < 0.01)', '✓ job:error_ratio:1m{color="blue"} = 0.004 (threshold < 0.01)'],
    });
    expect(prom.requests.at(-1)).toEqual({ path: '/prom/api/v1/query', query: 'job:error_ratio:1m', auth: 'Bearer tok-123' });
  });

  it('fails when one sample breaks the threshold', async () => {
    next = [
      vector([
        [{ color: 'green' }, '0.05'],
        [{ color: 'blue' }, '0.001'],
      ]),
    ];
    const r = await gate('< 0.01').evaluate();
    expect(r.passed).toBe(false);
    expect(r.evidence[0]).toBe('✗ job:error_ratio:1m{color="green"} = 0.05 (threshold < 0.01)');
  });

  it('reads scalars', async () => {
    next = [{ status: 200, body: { status: 'success', data: { resultType: 'scalar', result: [1764000000, '0.999'] } } }];
    expect(await gate('>= 0.99').evaluate()).toEqual({ passed: true, evidence: ['✓ job:error_ratio:1m = 0.999 (threshold >= 0.99)'] });
  });

  it('fails on no data and on NaN: no evidence of health is not health', async () => {
    next = [vector([])];
    expect(await gate('< 0.01').evaluate()).toEqual({ passed: false, evidence: ['✗ query "job:error_ratio:1m" returned no data (threshold < 0.01)'] });
    next = [vector([[{}, 'NaN']])];
    expect((await gate('< 0.01').evaluate()).evidence).toEqual(['✗ job:error_ratio:1m = NaN (threshold < 0.01)']);
  });

  it('retries 5xx until Prometheus answers', async () => {
    next = [{ status: 503, body: { status: 'error', error: 'starting' } }, { status: 502, body: {} }, vector([[{}, 0]])];
    const before = prom.requests.length;
    const r = await gate('< 0.01').evaluate();
    expect(r.passed).toBe(true);
    expect(prom.requests.length - before).toBe(3);
  });

  it('fails with the reason when the query is rejected or Prometheus stays unreachable', async () => {
    next = [{ status: 400, body: { status: 'error', errorType: 'bad_data', error: 'parse error at char 5' } }];
    expect((await gate('< 1').evaluate()).evidence).toEqual(['✗ Prometheus rejected the query "job:error_ratio:1m": HTTP 400 bad_data parse error at char 5']);
    const closed = await freePort();
    const down = await gate('< 1', { url: new URL(`http://127.0.0.1:${closed}/`), timeoutMs: 600 }).evaluate();
    expect(down.passed).toBe(false);
    expect(down.evidence[0]).toMatch(
      /^✗ Prometheus query: gave up after \d+ attempts? in \d+ms: Prometheus unreachable at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED$/,
    );
  });
});

describe('HTTP checks gate (the smoke-test engine)', () => {
  it('passes and fails with per-check evidence, and combines with other gates', async () => {
    const checks = parseChecks(
      [
        { name: 'health', url: '/ok', json: { status: 'ok' } },
        { name: 'degraded', url: '/wrong-body', json: { status: 'ok' } },
      ],
      { input: 'gate-checks', baseUrl: new URL(fx.url) },
    );
    const g = new HttpChecksGate({ checks, timeoutMs: 400 });
    const r = await g.evaluate();
    expect(r.passed).toBe(false);
    expect(r.evidence[0]).toMatch(/^✓ health: HTTP 200, \d+ms$/);
    expect(r.evidence[1]).toMatch(
      /^✗ degraded \(GET http:\/\/127\.0\.0\.1:\d+\/wrong-body\): JSON status is "degraded", expected "ok" after \d+ attempt\(s\)$/,
    );
    next = [vector([[{}, 0]])];
    const all = await evaluateGates([new HttpChecksGate({ checks: checks.slice(0, 1), timeoutMs: 400 }), gate('< 0.01')]);
    expect(all.passed).toBe(true);
    expect(all.results.map((x) => x.gate)).toEqual(['HTTP checks', 'Prometheus']);
  });
});
