// The analysis file: validated with line:column errors, the window rule,
// conditions (absolute and relative), templates; and the inputs around it.
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError } from '@switchyard/kit';
import { limitOf, parseAnalysis, parseCondition, promDuration, render } from '../../actions/switch-traffic/src/analysis';
import { mermaidChart } from '../../actions/switch-traffic/src/report';
import { getInputs } from '../../actions/switch-traffic/src/inputs';

const parse = (yaml: string, stepWaitMs = 10_000) => parseAnalysis('analysis-file', yaml, 'canary.yml', { stepWaitMs });
const fails = async (yaml: string, stepWaitMs = 10_000) => {
  const e = await parse(yaml, stepWaitMs).catch((x: unknown) => x);
  expect(e).toBeInstanceOf(InputError);
  return (e as Error).message;
};

const ok = `
interval: 2s
metrics:
  - name: error-ratio
    query: sum(rate(x_total{color="{{new}}",code=~"5.."}[{{window}}])) / sum(rate(x_total{color="{{new}}"}[{{window}}]))
    success: "< 0.01"
  - name: p95-vs-old
    query: histogram_quantile(0.95, sum by (le) (rate(d_bucket{color="{{new}}"}[{{window}}])))
    baseline: histogram_quantile(0.95, sum by (le) (rate(d_bucket{color="{{old}}"}[{{window}}])))
    success: "<= baseline * 1.2 + 0.05"
    interval: 3s
    count: 2
    failure-limit: 1
    no-data: fail
`;

describe('analysis file', () => {
  it('reads metrics with their defaults; the window is the step wait unless given', async () => {
    const a = await parse(ok);
    expect(a.windowMs).toBe(10_000);
    expect(a.metrics.map((m) => [m.name, m.intervalMs, m.count, m.failureLimit, m.noData, m.success.relative])).toEqual([
      ['error-ratio', 2000, undefined, 0, 'inconclusive', false],
      ['p95-vs-old', 3000, 2, 1, 'fail', true],
    ]);
    expect(limitOf(a.metrics[1]!.success, 0.2)).toBeCloseTo(0.29);
    expect((await parse(`window: 5s\n${ok}`)).windowMs).toBe(5000);
  });

  it('refuses a window longer than the step wait, saying why and where', async () => {
    expect(await fails(`window: 30s\n${ok}`)).toBe(
      "Input 'analysis-file': canary.yml line 1, column 9: window 30.0s is longer than step-wait 10.0s: a rate over it would mix in traffic from before the step (a true 20 % error ratio would read lower); shorten the window or lengthen step-wait",
    );
    expect(await fails(ok, 1000)).toMatch(
      /^Input 'analysis-file': canary\.yml line 2, column 1: the window is 1\.0s \(from step-wait\): a rate needs at least 2s/,
    );
  });

  it.each([
    ['metrics: []', 'line 1, column 10: must be a non-empty list of metrics'],
    ['metrics:\n  - name: a\n    query: up\n    success: "about 1"', 'line 4, column 14: "about 1" is not a condition such as "< 0.01"'],
    [
      'metrics:\n  - name: a\n    query: up{c="{{colour}}"}\n    success: "< 1"',
      'line 3, column 12: unknown variable {{colour}} (known: {{new}}, {{old}}, {{new_id}}, {{old_id}}, {{window}})',
    ],
    [
      'metrics:\n  - name: a\n    query: up\n    success: "< baseline"',
      'line 4, column 14: "< baseline" compares with the baseline, but the metric has no baseline query',
    ],
    ['metrics:\n  - name: a\n    query: up\n    baseline: up\n    success: "< 1"', 'line 4, column 15: is set, but success "< 1" does not use it'],
    ['metrics:\n  - name: a\n    query: up\n    success: "< 1"\n    count: 0', 'line 5, column 12: 0 is not a whole number ≥ 1'],
    ['metrics:\n  - name: a\n    query: up\n    success: "< 1"\n    interval: soon', 'line 5, column 15: "soon" is not a duration'],
    [
      'metrics:\n  - name: a\n    query: up\n    success: "< 1"\n    no-data: pass',
      'line 5, column 14: "pass" must be inconclusive (retry until the deadline, then fail) or fail',
    ],
    ['metrics:\n  - name: a\n    query: up\n    success: "< 1"\n    thresold: 1', 'line 5, column 15: unknown key "thresold"'],
    ['metrics:\n  - name: a\n    query: up\n    success: "< 1"\n  - name: a\n    query: up\n    success: "< 1"', 'line 5, column 11: "a" is defined twice'],
    ['metrics:\n  - name: a\n   query: up', 'invalid YAML (canary.yml) at line 3'],
  ])('%j → %s', async (yaml, message) => {
    expect(await fails(yaml)).toContain(message);
  });

  it('parses absolute and relative conditions', () => {
    expect(parseCondition('< 0.01')).toMatchObject({ op: '<', relative: false, offset: 0.01 });
    expect(parseCondition('<= baseline + 0.01')).toMatchObject({ op: '<=', relative: true, factor: 1, offset: 0.01 });
    expect(parseCondition('>= baseline * 0.9 - 0.02')).toMatchObject({ op: '>=', relative: true, factor: 0.9, offset: -0.02 });
    expect(parseCondition('< baseline')).toMatchObject({ relative: true, factor: 1, offset: 0 });
    expect(parseCondition('< 2 * baseline')).toBeUndefined();
  });

  it('fills templates; windows are whole seconds', () => {
    expect(render('rate(x{server="{{ new_id }}",color="{{old}}"}[{{window}}])', { new_id: 'shop-green', old: 'blue', window: promDuration(4500) })).toBe(
      'rate(x{server="shop-green",color="blue"}[4s])',
    );
  });

  it('charts the key metric as a share of its limit next to the traffic share', () => {
    const row = (n: number, percent: number, v: number) => ({
      step: `${percent}% to green`,
      percent,
      metric: 'error-ratio',
      n,
      atMs: n * 2000,
      window: '2s',
      values: [v],
      limit: 0.01,
      condition: '< 0.01',
      verdict: v < 0.01 ? ('pass' as const) : ('fail' as const),
    });
    const chart = mermaidChart([row(1, 10, 0.002), row(2, 10, 0.05)], 'green');
    expect(chart.split('\n')).toEqual([
      '```mermaid',
      'xychart-beta',
      '  title "Traffic to green (bars, %) and error-ratio (line, % of its limit)"',
      '  x-axis ["10% #1", "10% #2"]',
      '  y-axis "percent" 0 --> 550',
      '  bar [10, 10]',
      '  line [20, 500]',
      '  line [100, 100]',
      '```',
    ]);
  });
});

describe('analysis inputs', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'analysis-inputs-')), 'canary.yml');
  writeFileSync(file, ok);
  const base = {
    provider: 'haproxy',
    'haproxy-admin': '127.0.0.1:9999',
    'haproxy-backend': 'app',
    mode: 'canary',
    to: 'green',
    steps: '10,100',
    'step-wait': '10s',
  };
  const read = (inputs: Record<string, string>) => getInputs((name) => (inputs as Record<string, string>)[name] ?? '');

  it('builds the analysis with the Prometheus it asks; prometheus-url alone is enough', async () => {
    const s = await read({ ...base, 'analysis-file': file, 'prometheus-url': 'http://127.0.0.1:9390' });
    expect(s.analysis?.spec.metrics).toHaveLength(2);
    expect(s.analysis?.url.href).toBe('http://127.0.0.1:9390/');
    expect(s.analysis?.graceMs).toBe(60_000);
    expect(s.gates).toEqual([]);
  });

  it.each([
    [{ 'analysis-file': file }, "Input 'prometheus-url': is required with analysis-file"],
    [
      { 'analysis-file': '/nonexistent/canary.yml', 'prometheus-url': 'http://p:9090' },
      'Input \'analysis-file\': "/nonexistent/canary.yml" cannot be read (ENOENT)',
    ],
    [
      { mode: 'switch', steps: '', 'analysis-file': file, 'prometheus-url': 'http://p:9090' },
      'conflicts with mode switch (an analysis runs between canary steps)',
    ],
    [
      { 'analysis-file': file, 'prometheus-url': 'http://p:9090', 'prometheus-query': 'up' },
      "Input 'prometheus-threshold': is required when prometheus-query is set",
    ],
  ])('%j → %s', async (extra, message) => {
    const e = await read({ ...base, ...extra }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as Error).message).toContain(message);
  });
});
