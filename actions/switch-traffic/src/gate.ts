import { runChecks, type Check } from '@switchyard/http-checks';
import { errorMessage, InputError, retry, show, type Timing } from '@switchyard/kit';
import { PrometheusClient, PrometheusUnavailable, type QueryResult } from './prometheus';

export interface GateResult {
  passed: boolean;
  /** One line per piece of evidence (a check, a sample), shown in the log, the error and the summary. */
  evidence: string[];
}

/** Something evaluated after each step; a failure restores the previous weights. */
export interface Gate {
  readonly name: string;
  evaluate(): Promise<GateResult>;
}

// ---- HTTP checks (the smoke-test engine) ---------------------------------

/** An HTTP gate as the inputs describe it. */
export interface HttpGateSpec {
  checks: Check[];
  timeoutMs: number;
  requestTimeoutMs?: number;
  hostHeader?: string;
}

export interface HttpGateOptions extends HttpGateSpec, Timing {
  log?: (line: string) => void;
}

export class HttpChecksGate implements Gate {
  readonly name = 'HTTP checks';
  constructor(private readonly opts: HttpGateOptions) {}

  async evaluate(): Promise<GateResult> {
    const { checks, timeoutMs, requestTimeoutMs, hostHeader, log, now, sleep } = this.opts;
    const results = await runChecks(checks, {
      timeoutMs,
      requestTimeoutMs: Math.min(requestTimeoutMs ?? 10_000, timeoutMs),
      concurrency: 8,
      hostHeader,
      log,
      now,
      sleep,
    });
    return {
      passed: results.every((r) => r.passed),
      evidence: results.map((r) =>
        r.passed
          ? `✓ ${r.name}: HTTP ${r.status}${r.latencyMs === undefined ? '' : `, ${r.latencyMs}ms`}`
          : `✗ ${r.name} (${r.method} ${r.url}): ${r.reason} after ${r.attempts} attempt(s)`,
      ),
    };
  }
}

// ---- Prometheus ----------------------------------------------------------

export type Comparator = '<' | '<=' | '>' | '>=' | '==' | '!=';
export interface Threshold {
  op: Comparator;
  value: number;
}

/** Parses `prometheus-threshold`, e.g. `< 0.01` or `>= 0.99`: every sample must satisfy it. */
export function parseThreshold(input: string, text: string): Threshold {
  const m = /^\s*(<=|>=|==|!=|<|>)\s*(-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$/.exec(text);
  if (!m) throw new InputError(input, `${show(text)} is not a comparison such as "< 0.01" or ">= 0.99" (operators <, <=, >, >=, ==, !=)`);
  return { op: m[1] as Comparator, value: Number(m[2]) };
}

export function satisfies(v: number, t: Threshold): boolean {
  switch (t.op) {
    case '<':
      return v < t.value;
    case '<=':
      return v <= t.value;
    case '>':
      return v > t.value;
    case '>=':
      return v >= t.value;
    case '==':
      return v === t.value;
    case '!=':
      return v !== t.value;
  }
}

/** A Prometheus gate as the inputs describe it. */
export interface PrometheusGateSpec {
  url: URL;
  query: string;
  threshold: Threshold;
  /** Bearer token (registered as a secret by the caller). */
  token?: string;
  timeoutMs: number;
}

export interface PrometheusGateOptions extends PrometheusGateSpec, Timing {
  log?: (line: string) => void;
  fetch?: typeof fetch;
}

/**
 * An instant query against Prometheus's HTTP API (`/api/v1/query`). The gate
 * passes when the query returns at least one sample and every sample
 * satisfies the threshold. No data, NaN, a query error, or a Prometheus that
 * stays unreachable until the gate's deadline all fail the gate: no evidence
 * of health is not health.
 */
export class PrometheusGate implements Gate {
  readonly name = 'Prometheus';
  private readonly client: PrometheusClient;
  constructor(private readonly opts: PrometheusGateOptions) {
    this.client = new PrometheusClient(opts);
  }

  async evaluate(): Promise<GateResult> {
    const t = this.opts.threshold;
    const want = `${t.op} ${t.value}`;
    const { query, timeoutMs, log, now, sleep, random } = this.opts;
    let result: QueryResult;
    try {
      result = await retry(() => this.client.query(query, timeoutMs), {
        label: 'Prometheus query',
        timeoutMs,
        initialMs: 250,
        maxMs: 2000,
        retryable: (e) => e instanceof PrometheusUnavailable,
        log,
        now,
        sleep,
        random,
      });
    } catch (e) {
      return { passed: false, evidence: [`✗ ${errorMessage(e)}`] };
    }
    if ('wrongType' in result)
      return {
        passed: false,
        evidence: [`✗ query ${show(query)} returned a ${result.wrongType} result: use an instant query that yields a vector or a scalar`],
      };
    const samples = result.samples;
    if (samples.length === 0) return { passed: false, evidence: [`✗ query ${show(query)} returned no data (threshold ${want})`] };
    const evidence = samples.map((s) => {
      const ok = !Number.isNaN(s.value) && satisfies(s.value, t);
      return `${ok ? '✓' : '✗'} ${query}${s.labels} = ${s.value} (threshold ${want})`;
    });
    return { passed: evidence.every((e) => e.startsWith('✓')), evidence };
  }
}

/** Runs every gate; the step passes only if all pass. */
export async function evaluateGates(gates: Gate[]): Promise<{ passed: boolean; results: { gate: string; result: GateResult }[] }> {
  const results = await Promise.all(gates.map(async (g) => ({ gate: g.name, result: await g.evaluate() })));
  return { passed: results.every((r) => r.result.passed), results };
}
