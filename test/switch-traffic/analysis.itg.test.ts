// The canary analysis for real: the bundled action drives the infra script's
// HAProxy while wrk sends keep-alive load through it, and asks the infra's real
// Prometheus (2.42, scraping HAProxy's built-in exporter every second).
// Healthy canary completes (relative check defined at 100 %); error and
// latency regressions are caught at the first step and the weights restored;
// no data is retried, then failed; Prometheus down fails.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionDir, runBundledAction, type RunResult } from '@switchyard/testkit';
import { haproxyErrorRatio, startCanaryFront } from './support/canary';
import { freePort, startWrk } from './support/traffic';

jest.setTimeout(60_000);
const action = actionDir('switch-traffic');
let front: Awaited<ReturnType<typeof startCanaryFront>> | undefined;
afterEach(() => {
  front?.stop();
  front = undefined;
});

const errorOf = (r: RunResult) => r.annotations.find((a) => a.level === 'error')?.message ?? '';

function analysisFile(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'switch-traffic-analysis-')), 'analysis.yml');
  writeFileSync(file, yaml);
  return file;
}

const errorRatioAnalysis = (name: string) => `
interval: 2s
metrics:
  - name: error-ratio
    query: ${haproxyErrorRatio(name, 'new_id')}
    success: "< 0.01"
  - name: error-ratio-vs-old
    query: ${haproxyErrorRatio(name, 'new_id')}
    baseline: ${haproxyErrorRatio(name, 'old_id')}
    success: "<= baseline + 0.01"
`;

async function canary(f: NonNullable<typeof front>, inputs: Record<string, string>, loadSeconds: number) {
  const load = loadSeconds > 0 ? startWrk(f.proxy.url, loadSeconds) : undefined;
  // Load for a few seconds first: the baseline window needs the old colour's traffic.
  if (load) await new Promise((r) => setTimeout(r, 3000));
  const started = Date.now();
  const r = await runBundledAction(action, {
    inputs: {
      provider: 'haproxy',
      'haproxy-admin': f.proxy.admin,
      'haproxy-backend': 'app',
      'haproxy-state-file': f.proxy.stateFile,
      mode: 'canary',
      to: 'green',
      'prometheus-url': f.prometheus,
      ...inputs,
    },
    timeoutMs: 50_000,
  });
  const ms = Date.now() - started;
  await load;
  return { r, ms };
}

describe('canary analysis against the real Prometheus', () => {
  it('a healthy canary completes; the relative check is defined at 100 % (baseline measured before the step)', async () => {
    front = await startCanaryFront('st-analysis-ok');
    const { r } = await canary(front, { steps: '50,100', 'step-wait': '4s', 'analysis-file': analysisFile(errorRatioAnalysis('st-analysis-ok')) }, 17);
    expect(r.code).toBe(0);
    expect(r.outputs.weights).toBe('{"blue":0,"green":100}');
    expect(await front.proxy.weights()).toEqual({ blue: 0, green: 100 });
    // The baseline of the 100 % step was the old colour's ratio while it still had half the traffic.
    expect(r.stdout).toMatch(/Baseline error-ratio-vs-old before step 100% to green: 0 \(blue, over 4s\)/);
    expect(r.stdout.match(/✓ error-ratio-vs-old #\d at/g)).toHaveLength(4);
    expect(r.stdout).toContain('Analysis passed at step 100% to green');
    expect(r.summary).toContain('### Analysis');
    expect(r.summary).toContain('xychart-beta');
    expect(r.summary).toMatch(
      /\| 100% to green \| error-ratio-vs-old \| 2 \| [^|]+ \| [^|]+ \| 0 \| 0 \| &lt;= baseline \+ 0\.01 \(limit 0\.01\) \| ✅ pass \|/,
    );
    // Why a baseline: with the old colour drained, its own ratio is NaN (no traffic) — a live comparison could never pass.
    await new Promise((res) => setTimeout(res, 2500));
    const q = haproxyErrorRatio('st-analysis-ok', 'old_id').replaceAll('{{old_id}}', 'blue').replaceAll('{{window}}', '2s');
    const now = (await (await fetch(`${front.prometheus}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as {
      data: { result: { value: [number, string] }[] };
    };
    expect(now.data.result.map((x) => x.value[1])).toEqual(['NaN']);
  });

  it('a 20 % error ratio on the new colour is caught at the first step; the weights are restored', async () => {
    front = await startCanaryFront('st-analysis-5xx');
    await front.set('green', { error: 0.2 });
    const { r, ms } = await canary(front, { steps: '25,100', 'step-wait': '4s', 'analysis-file': analysisFile(errorRatioAnalysis('st-analysis-5xx')) }, 10);
    expect(r.code).toBe(1);
    expect(r.outputs.weights).toBe('{"blue":100,"green":0}');
    expect(await front.proxy.weights()).toEqual({ blue: 100, green: 0 });
    expect(errorOf(r)).toMatch(
      /^Gate failed at step 25% to green; restored blue 100 \/ green 0 \(change haproxy-[a-z0-9-]+\):\n\[Analysis\] error-ratio(-vs-old)?: 1 failed measurement \(failure-limit 0\); last 0\.\d+ against/,
    );
    expect(r.stdout).not.toContain('100% to green');
    expect(r.summary).toContain('failed its gate at 25% to green; weights restored');
    expect(r.summary).toMatch(/\| 25% to green \| error-ratio(-vs-old)? \| 1 \| .*❌ fail \|/);
    // Caught at the first measurement: about one interval after the change.
    expect(ms).toBeLessThan(8000);
  });

  it('+300 ms p95 on the new colour is caught at the first step (the backend’s own latency histogram)', async () => {
    front = await startCanaryFront('st-analysis-slow');
    await front.set('green', { delay: 300 });
    const yaml = `
interval: 2s
metrics:
  - name: p95
    query: histogram_quantile(0.95, sum by (le) (rate(canary_fixture_request_duration_seconds_bucket{front="st-analysis-slow",color="{{new}}"}[{{window}}])))
    success: "< 0.15"
`;
    const { r } = await canary(front, { steps: '25,100', 'step-wait': '4s', 'analysis-file': analysisFile(yaml) }, 10);
    expect(r.code).toBe(1);
    expect(await front.proxy.weights()).toEqual({ blue: 100, green: 0 });
    expect(r.stdout).toMatch(/✗ p95 #\d at \d+(\.\d+)?s over \ds: 0\.[3-9]\d* < 0\.15/);
    expect(r.stdout).not.toContain('100% to green');
  });

  it('no data is inconclusive: retried until the deadline, then a failure (never a pass)', async () => {
    front = await startCanaryFront('st-analysis-nodata');
    const yaml = `
interval: 1s
metrics:
  - name: missing
    query: sum(rate(no_such_metric_total{color="{{new}}"}[{{window}}]))
    success: "< 0.01"
`;
    const { r, ms } = await canary(front, { steps: '50,100', 'step-wait': '2s', 'gate-timeout': '3s', 'analysis-file': analysisFile(yaml) }, 0);
    expect(r.code).toBe(1);
    expect(await front.proxy.weights()).toEqual({ blue: 100, green: 0 });
    expect(r.stdout.match(/\? missing #\d at .*: no data < 0\.01 — inconclusive, retried/g)!.length).toBeGreaterThanOrEqual(4);
    expect(errorOf(r)).toContain(
      '[Analysis] missing: only 0 of 2 measurements conclusive by the deadline (5.0s after the change); last: no data — no data is never a pass',
    );
    expect(ms).toBeGreaterThan(5000);
  });

  it('Prometheus down: every measurement inconclusive, then a failure naming it', async () => {
    front = await startCanaryFront('st-analysis-down');
    const dead = `http://127.0.0.1:${await freePort()}`;
    const { r } = await canary(
      front,
      {
        steps: '50,100',
        'step-wait': '2s',
        'gate-timeout': '2s',
        'prometheus-url': dead,
        'analysis-file': analysisFile(errorRatioAnalysis('st-analysis-down')),
      },
      0,
    );
    expect(r.code).toBe(1);
    expect(await front.proxy.weights()).toEqual({ blue: 100, green: 0 });
    expect(errorOf(r)).toMatch(
      /^Gate failed at step 50% to green; weights unchanged \(blue 100 \/ green 0\):\n\[Analysis\] error-ratio-vs-old: no baseline for the blue colour/,
    );
    expect(errorOf(r)).toContain(`(Prometheus unreachable at ${dead}: ECONNREFUSED)`);
  });
});
