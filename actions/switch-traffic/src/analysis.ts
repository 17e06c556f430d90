import { errorMessage, formatDuration, InputError, parseDuration, parseYamlSource, realSleep, show, type Timing } from '@switchyard/kit';
import type { Comparator } from './gate';
import { PrometheusClient, PrometheusUnavailable, type PrometheusClientOptions } from './prometheus';
import type { Color } from './weights';

// ---- the analysis file ----------------------------------------------------

/** `OP NUMBER`, or relative: `OP baseline [* FACTOR] [± OFFSET]`. The limit is `factor × baseline + offset` (or `offset`). */
export interface Condition {
  text: string;
  op: Comparator;
  relative: boolean;
  factor: number;
  offset: number;
}

export interface MetricSpec {
  name: string;
  /** PromQL template over the new colour: {{new}}, {{old}}, {{new_id}}, {{old_id}}, {{window}}. */
  query: string;
  /** Relative checks: a PromQL template over the old colour, measured right before each step's change. */
  baseline?: string;
  success: Condition;
  intervalMs: number;
  /** Conclusive measurements per step; undefined = as many intervals as fit in step-wait (at least 1). */
  count?: number;
  /** Failed measurements tolerated per step. */
  failureLimit: number;
  /** What no data (an empty vector, NaN, Prometheus unreachable) means: retried until the deadline, or a failure at once. */
  noData: 'inconclusive' | 'fail';
}

export interface AnalysisSpec {
  /** Where it was read from, for messages. */
  origin: string;
  /** Longest rate window; `{{window}}` never reaches back before the step's change. */
  windowMs: number;
  metrics: MetricSpec[];
}

const VARIABLES = new Set(['new', 'old', 'new_id', 'old_id', 'window']);
const NUM = String.raw`-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const CONDITION = new RegExp(String.raw`^\s*(<=|>=|==|!=|<|>)\s*(?:(${NUM})|baseline(?:\s*\*\s*(${NUM}))?(?:\s*([+-])\s*(${NUM}))?)\s*$`);

export function parseCondition(text: string): Condition | undefined {
  const m = CONDITION.exec(text);
  if (!m) return undefined;
  if (m[2] !== undefined) return { text: text.trim(), op: m[1] as Comparator, relative: false, factor: 0, offset: Number(m[2]) };
  const offset = m[5] === undefined ? 0 : Number(m[5]) * (m[4] === '-' ? -1 : 1);
  return { text: text.trim(), op: m[1] as Comparator, relative: true, factor: m[3] === undefined ? 1 : Number(m[3]), offset };
}

/**
 * Reads and validates an analysis file. Every mistake names the input, the
 * file and the line and column, e.g.
 * `Input 'analysis-file': canary.yml line 7, column 14: window 30s is longer than step-wait 10s …`.
 */
export async function parseAnalysis(input: string, text: string, origin: string, opts: { stepWaitMs: number }): Promise<AnalysisSpec> {
  const src = await parseYamlSource(input, text, origin);
  const fail = (path: (string | number)[], message: string): never => {
    throw new InputError(input, `${origin} ${src.at(path)}: ${message}`);
  };
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const keys = (v: Record<string, unknown>, path: (string | number)[], allowed: string[]) => {
    for (const k of Object.keys(v)) if (!allowed.includes(k)) fail([...path, k], `unknown key ${show(k)} (allowed: ${allowed.join(', ')})`);
  };
  const duration = (v: unknown, path: (string | number)[], min: number): number => {
    const ms = typeof v === 'string' || typeof v === 'number' ? parseDuration(String(v)) : undefined;
    if (ms === undefined) return fail(path, `${show(v)} is not a duration such as 5s or 1m`);
    if (ms < min) fail(path, `${show(v)} is shorter than ${formatDuration(min)}`);
    return ms;
  };
  const integer = (v: unknown, path: (string | number)[], min: number): number => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(path, `${show(v)} is not a whole number ≥ ${min}`);
    return v as number;
  };
  const template = (v: unknown, path: (string | number)[]): string => {
    if (typeof v !== 'string' || v.trim() === '') return fail(path, 'must be a PromQL query (a non-empty string)');
    for (const m of v.matchAll(/\{\{\s*([^}]*?)\s*\}\}/g))
      if (!VARIABLES.has(m[1]!)) fail(path, `unknown variable {{${m[1]}}} (known: ${[...VARIABLES].map((x) => `{{${x}}}`).join(', ')})`);
    return v.trim();
  };

  const doc = src.value;
  if (!isMap(doc)) return fail([], 'must be a mapping with `metrics:` (see the README, "Analysis")');
  keys(doc, [], ['interval', 'window', 'metrics']);
  const defaultInterval = doc.interval === undefined ? 5000 : duration(doc.interval, ['interval'], 1000);
  const windowMs = doc.window === undefined ? opts.stepWaitMs : duration(doc.window, ['window'], 2000);
  if (windowMs > opts.stepWaitMs)
    fail(
      ['window'],
      `window ${formatDuration(windowMs)} is longer than step-wait ${formatDuration(opts.stepWaitMs)}: a rate over it would mix in traffic from before the step (a true 20 % error ratio would read lower); shorten the window or lengthen step-wait`,
    );
  if (windowMs < 2000)
    fail(['window'], `the window is ${formatDuration(windowMs)} (from step-wait): a rate needs at least 2s; set step-wait (or window) to 2s or more`);
  if (!Array.isArray(doc.metrics) || doc.metrics.length === 0) fail(['metrics'], 'must be a non-empty list of metrics');
  const names = new Set<string>();
  const metrics = (doc.metrics as unknown[]).map((m, i): MetricSpec => {
    const at = ['metrics', i];
    if (!isMap(m)) return fail(at, 'each metric must be a mapping with name, query and success');
    keys(m, at, ['name', 'query', 'baseline', 'success', 'interval', 'count', 'failure-limit', 'no-data']);
    if (typeof m.name !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(m.name))
      fail([...at, 'name'], `${show(m.name)} is not a metric name (letters, digits, _ . -)`);
    const name = m.name as string;
    if (names.has(name)) fail([...at, 'name'], `${show(name)} is defined twice`);
    names.add(name);
    const query = template(m.query, [...at, 'query']);
    const baseline = m.baseline === undefined ? undefined : template(m.baseline, [...at, 'baseline']);
    const success = typeof m.success === 'string' ? parseCondition(m.success) : undefined;
    if (!success) return fail([...at, 'success'], `${show(m.success)} is not a condition such as "< 0.01" or "<= baseline * 1.5 + 0.005"`);
    if (success.relative && !baseline) fail([...at, 'success'], `${show(success.text)} compares with the baseline, but the metric has no baseline query`);
    if (!success.relative && baseline) fail([...at, 'baseline'], `is set, but success ${show(success.text)} does not use it (e.g. "<= baseline + 0.01")`);
    const noData = m['no-data'] ?? 'inconclusive';
    if (noData !== 'inconclusive' && noData !== 'fail')
      fail([...at, 'no-data'], `${show(noData)} must be inconclusive (retry until the deadline, then fail) or fail`);
    return {
      name,
      query,
      baseline,
      success,
      intervalMs: m.interval === undefined ? defaultInterval : duration(m.interval, [...at, 'interval'], 1000),
      count: m.count === undefined ? undefined : integer(m.count, [...at, 'count'], 1),
      failureLimit: m['failure-limit'] === undefined ? 0 : integer(m['failure-limit'], [...at, 'failure-limit'], 0),
      noData: noData as MetricSpec['noData'],
    };
  });
  return { origin, windowMs, metrics };
}

/** Fills a query template's variables. */
export function render(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, name: string) => vars[name] ?? '');
}

/** A duration as PromQL writes it (whole seconds). */
export const promDuration = (ms: number) => `${Math.max(1, Math.floor(ms / 1000))}s`;

export function limitOf(c: Condition, baseline: number | undefined): number {
  return c.relative ? c.factor * (baseline ?? NaN) + c.offset : c.offset;
}

function holds(op: Comparator, v: number, limit: number): boolean {
  switch (op) {
    case '<':
      return v < limit;
    case '<=':
      return v <= limit;
    case '>':
      return v > limit;
    case '>=':
      return v >= limit;
    case '==':
      return v === limit;
    case '!=':
      return v !== limit;
  }
}

// ---- running it -----------------------------------------------------------

export type Verdict = 'pass' | 'fail' | 'inconclusive';

/** One measurement: a row of the evidence table. */
export interface Measurement {
  step: string;
  /** Percent of traffic on the new colour during the step. */
  percent: number;
  metric: string;
  /** 1-based, per metric and step; baselines are number 0. */
  n: number;
  /** Since the step's change was effective (negative: a baseline before it). */
  atMs: number;
  window: string;
  /** Sample values (several when the query returns several series). */
  values: number[];
  baseline?: number;
  limit?: number;
  condition: string;
  verdict: Verdict;
  note?: string;
}

export interface StepContext {
  label: string;
  percent: number;
  to: Color;
  ids: Record<Color, string>;
  stepWaitMs: number;
}

export interface StepVerdict {
  passed: boolean;
  /** Why it failed, one line per failing metric (for the error and the summary). */
  reasons: string[];
  measurements: Measurement[];
  /** Baseline per relative metric, measured before the change. */
  baselines: Record<string, number>;
}

export interface AnalysisOptions extends PrometheusClientOptions, Timing {
  spec: AnalysisSpec;
  /** How long an inconclusive measurement is retried past the step's planned length (gate-timeout). */
  graceMs: number;
  log?: (line: string) => void;
}

const other = (c: Color): Color => (c === 'blue' ? 'green' : 'blue');

/**
 * The analysis between canary steps: before each step, the baseline of every
 * relative metric (the old colour, over a full window); after the change,
 * every metric measured each `interval` until it has `count` conclusive
 * measurements. A measurement with no data is inconclusive: retried until
 * the deadline (the step's length plus `graceMs`), then a failure; never a
 * pass. The step fails as soon as one metric has more failed measurements
 * than its `failure-limit`.
 */
export class Analysis {
  private readonly client: PrometheusClient;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  constructor(private readonly opts: AnalysisOptions) {
    this.client = new PrometheusClient(opts);
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? realSleep;
  }

  get spec(): AnalysisSpec {
    return this.opts.spec;
  }

  private vars(ctx: StepContext, windowMs: number): Record<string, string> {
    const old = other(ctx.to);
    return { new: ctx.to, old, new_id: ctx.ids[ctx.to], old_id: ctx.ids[old], window: promDuration(windowMs) };
  }

  /** Samples of one query, why there are none (inconclusive), or why the query itself is wrong (a failure). */
  private async sample(query: string): Promise<{ values: number[] } | { none: string } | { error: string }> {
    try {
      const r = await this.client.query(query, 5000);
      if ('wrongType' in r) return { error: `query ${show(query)} returned a ${r.wrongType} result: use an instant query (a vector or a scalar)` };
      if (r.samples.length === 0) return { none: 'no data' };
      const values = r.samples.map((s) => s.value);
      if (values.some((v) => Number.isNaN(v))) return { none: 'NaN (no traffic to compute it from?)' };
      return { values };
    } catch (e) {
      if (e instanceof PrometheusUnavailable) return { none: errorMessage(e) };
      return { error: errorMessage(e) };
    }
  }

  /** Every relative metric's baseline, measured before the step's change; inconclusive ones retried until `graceMs`. */
  async baselines(ctx: StepContext): Promise<StepVerdict> {
    const measurements: Measurement[] = [];
    const baselines: Record<string, number> = {};
    const started = this.now();
    const vars = this.vars(ctx, this.spec.windowMs);
    for (const m of this.spec.metrics) {
      if (!m.baseline) continue;
      const query = render(m.baseline, vars);
      for (;;) {
        const s = await this.sample(query);
        if ('error' in s) return { passed: false, reasons: [`${m.name} (baseline): ${s.error}`], measurements, baselines };
        const row: Measurement = {
          step: ctx.label,
          percent: ctx.percent,
          metric: `${m.name} (baseline)`,
          n: 0,
          atMs: started - this.now(),
          window: vars.window!,
          values: 'values' in s ? s.values : [],
          condition: `one sample of the ${vars.old} colour`,
          verdict: 'pass',
        };
        measurements.push(row);
        if ('values' in s && s.values.length === 1) {
          baselines[m.name] = s.values[0]!;
          this.opts.log?.(`Baseline ${m.name} before step ${ctx.label}: ${s.values[0]} (${vars.old}, over ${vars.window})`);
          break;
        }
        row.verdict = 'inconclusive';
        row.note = 'values' in s ? `${s.values.length} samples: the baseline query must return one` : s.none;
        this.opts.log?.(`Baseline ${m.name} before step ${ctx.label}: inconclusive (${row.note})`);
        if (m.noData === 'fail' || this.now() + m.intervalMs > started + this.opts.graceMs) {
          row.verdict = 'fail';
          return {
            passed: false,
            reasons: [`${m.name}: no baseline for the ${vars.old} colour (${row.note}) — a relative check without a baseline never passes`],
            measurements,
            baselines,
          };
        }
        await this.sleep(m.intervalMs);
      }
    }
    return { passed: true, reasons: [], measurements, baselines };
  }

  /** Measures every metric after the step's change (made effective at `start`) until each has its count, or one fails. */
  async run(ctx: StepContext, start: number, baselines: Record<string, number>): Promise<StepVerdict> {
    const measurements: Measurement[] = [];
    const state = this.spec.metrics.map((m) => {
      const count = m.count ?? Math.max(1, Math.floor(ctx.stepWaitMs / m.intervalMs));
      return { m, count, conclusive: 0, failed: 0, n: 0, next: start + m.intervalMs };
    });
    const planned = Math.max(ctx.stepWaitMs, ...state.map((s) => s.count * s.m.intervalMs));
    const deadline = start + planned + this.opts.graceMs;
    const fail = (reason: string): StepVerdict => ({ passed: false, reasons: [reason], measurements, baselines });
    for (;;) {
      const pending = state.filter((s) => s.conclusive < s.count);
      if (pending.length === 0) return { passed: true, reasons: [], measurements, baselines };
      const due = Math.min(...pending.map((s) => s.next));
      if (due > deadline) {
        const s = pending[0]!;
        const last = measurements.filter((x) => x.metric === s.m.name).at(-1);
        return fail(
          `${s.m.name}: only ${s.conclusive} of ${s.count} measurements conclusive by the deadline (${formatDuration(deadline - start)} after the change)${last?.note ? `; last: ${last.note}` : ''} — no data is never a pass`,
        );
      }
      if (due > this.now()) await this.sleep(due - this.now());
      for (const s of pending.filter((x) => x.next <= this.now())) {
        s.next += s.m.intervalMs;
        s.n++;
        const elapsed = this.now() - start;
        const windowMs = Math.max(2000, Math.min(this.spec.windowMs, elapsed));
        const vars = this.vars(ctx, windowMs);
        const baseline = s.m.baseline ? baselines[s.m.name] : undefined;
        const limit = limitOf(s.m.success, baseline);
        const got = await this.sample(render(s.m.query, vars));
        if ('error' in got) return fail(`${s.m.name}: ${got.error}`);
        const row: Measurement = {
          step: ctx.label,
          percent: ctx.percent,
          metric: s.m.name,
          n: s.n,
          atMs: elapsed,
          window: vars.window!,
          values: 'values' in got ? got.values : [],
          baseline,
          limit,
          condition: s.m.success.text,
          verdict: 'inconclusive',
        };
        measurements.push(row);
        if ('none' in got) {
          row.note = got.none;
          if (s.m.noData === 'fail') {
            row.verdict = 'fail';
            s.failed++;
          }
        } else {
          s.conclusive++;
          row.verdict = got.values.every((v) => holds(s.m.success.op, v, limit)) ? 'pass' : 'fail';
          if (row.verdict === 'fail') s.failed++;
        }
        this.opts.log?.(formatMeasurement(row));
        if (s.failed > s.m.failureLimit) {
          const shown = row.values.length ? row.values.map(formatValue).join(', ') : (row.note ?? 'no data');
          return fail(
            `${s.m.name}: ${s.failed} failed measurement${s.failed === 1 ? '' : 's'} (failure-limit ${s.m.failureLimit}); last ${shown} against ${s.m.success.text}${baseline === undefined ? '' : ` (baseline ${formatValue(baseline)}, limit ${formatValue(limit)})`}`,
          );
        }
      }
    }
  }
}

export const formatValue = (v: number) => (Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(1) : Number(v.toPrecision(4)).toString());

export function formatMeasurement(r: Measurement): string {
  const mark = r.verdict === 'pass' ? '✓' : r.verdict === 'fail' ? '✗' : '?';
  const value = r.values.length ? r.values.map(formatValue).join(', ') : (r.note ?? 'no data');
  const base = r.baseline === undefined ? '' : ` (baseline ${formatValue(r.baseline)}, limit ${formatValue(r.limit ?? NaN)})`;
  return `${mark} ${r.metric} #${r.n} at ${formatDuration(Math.max(0, r.atMs))} over ${r.window}: ${value} ${r.condition}${base}${r.verdict === 'inconclusive' ? ' — inconclusive, retried' : ''}`;
}
