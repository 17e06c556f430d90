import { parseChecks, type Check } from '@switchyard/http-checks';
import { addSecret, InputError, Inputs as Reader, parseYaml, show, type InputSource } from '@switchyard/kit';
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { parseAnalysis, type AnalysisSpec } from './analysis';
import type { Plan } from './flow';
import { parseAdminAddress, type AdminAddress, type HaproxyTarget } from './haproxy';
import { parseThreshold, type HttpGateSpec, type PrometheusGateSpec, type Threshold } from './gate';
import type { Route53Target } from './route53';
import { parseSteps, parseWeights, type Color, type LiveColor, type Weights } from './weights';

export type Mode = 'status' | 'switch' | 'canary' | 'rollback';
export type ProviderKind = 'route53' | 'haproxy';

/** switch-traffic's inputs, typed; names are action.yml's in camelCase. */
export interface Inputs {
  mode: Mode;
  provider: ProviderKind;
  to: Color | 'idle' | undefined;
  steps: number[];
  stepWait: number;
  previousWeights: Weights | undefined;
  blueId: string;
  greenId: string;
  drainWait: number | undefined;
  timeout: number;
  hostedZoneId: string;
  hostedZoneName: string;
  recordName: string;
  recordType: string;
  awsRegion: string;
  endpointUrl: string;
  haproxyAdmin: AdminAddress | undefined;
  haproxyBackend: string;
  haproxyStateFile: string;
  gateChecks: Check[];
  gateBaseUrl: URL | undefined;
  gateHostHeader: string;
  gateTimeout: number;
  prometheusUrl: URL | undefined;
  prometheusQuery: string;
  prometheusThreshold: Threshold | undefined;
  prometheusToken: string;
  analysisFile: AnalysisSpec | undefined;
}

/** What the action sets; names are action.yml's outputs. */
export interface Outputs {
  'previous-weights': Weights;
  weights: Weights;
  'live-color': LiveColor;
  'idle-color': Color | '';
  'change-id': string;
  'effective-seconds': string;
}

/** The traffic layer to drive, complete: the provider is constructed from this alone. */
export type ProviderTarget = { kind: 'haproxy'; haproxy: HaproxyTarget } | { kind: 'route53'; route53: Route53Target };
export type GateSpec = { kind: 'http'; http: HttpGateSpec } | { kind: 'prometheus'; prometheus: PrometheusGateSpec };

/**
 * What the action executes, built in the same pass that validates the
 * inputs: the mode plan, the traffic layer, the gates. Nothing downstream
 * re-validates or rebuilds it.
 */
export interface Setup extends Inputs {
  plan: Plan;
  target: ProviderTarget;
  gates: GateSpec[];
  /** The canary analysis and the Prometheus it asks; absent without analysis-file. */
  analysis: { spec: AnalysisSpec; url: URL; token: string | undefined; graceMs: number } | undefined;
}

const HAPROXY_NAME = /^[A-Za-z0-9_.:-]{1,64}$/;

/**
 * Reads and validates every input, and their combinations, before anything
 * talks to a traffic layer, and returns what the action will execute: a bad
 * or conflicting input fails here, with nothing submitted.
 */
export async function getInputs(source?: InputSource): Promise<Setup> {
  const r = new Reader(source);
  const mode = r.enum<Mode>('mode', ['status', 'switch', 'canary', 'rollback'], { default: 'status' });
  const provider = r.enum<ProviderKind>('provider', ['route53', 'haproxy']);
  const isSet = (name: string) => r.raw(name) !== '';
  const conflict = (name: string, why: string) => {
    if (isSet(name)) throw new InputError(name, `${show(r.raw(name))} conflicts with ${why}`);
  };

  // ---- what to do -------------------------------------------------------
  const to = r.raw('to') === '' ? undefined : r.enum<Color | 'idle'>('to', ['blue', 'green', 'idle']);
  const gateInputs = [
    'gate-checks',
    'gate-base-url',
    'gate-host-header',
    'prometheus-url',
    'prometheus-query',
    'prometheus-threshold',
    'prometheus-token',
    'analysis-file',
  ];
  if (mode === 'status' || mode === 'rollback') {
    for (const name of ['to', 'steps', 'step-wait']) conflict(name, `mode ${mode}`);
    for (const name of gateInputs)
      conflict(name, `mode ${mode}${mode === 'rollback' ? ' (a rollback is never gated: nothing may block it)' : ' (which changes nothing)'}`);
  }
  if (mode === 'status') conflict('previous-weights', 'mode status (which changes nothing)');
  if ((mode === 'switch' || mode === 'canary') && !to) throw new InputError('to', `is required for mode ${mode}: blue, green or idle`);
  if (mode === 'switch' || mode === 'canary') conflict('previous-weights', `mode ${mode} (previous-weights is for mode rollback)`);
  if (mode === 'switch') conflict('steps', 'mode switch (steps are for mode canary)');
  if (mode === 'switch') conflict('analysis-file', 'mode switch (an analysis runs between canary steps)');
  const steps = mode === 'canary' ? parseSteps('steps', r.list('steps', { commas: true })) : [];
  const stepWait = r.raw('step-wait') === '' ? (mode === 'canary' ? 30_000 : 0) : r.duration('step-wait');
  let previousWeights: Weights | undefined;
  let plan: Plan = { mode: 'status' };
  if ((mode === 'switch' || mode === 'canary') && to) {
    plan = mode === 'switch' ? { mode, to, stepWaitMs: stepWait } : { mode, to, steps, stepWaitMs: stepWait };
  } else if (mode === 'rollback') {
    if (!isSet('previous-weights'))
      throw new InputError('previous-weights', 'is required for mode rollback: the previous-weights output of the step that changed traffic');
    previousWeights = parseWeights('previous-weights', r.raw('previous-weights'));
    plan = { mode, weights: previousWeights };
  }

  // ---- where ------------------------------------------------------------
  const blueId = r.string('blue-id', { default: 'blue' });
  const greenId = r.string('green-id', { default: 'green' });
  if (blueId === greenId) throw new InputError('green-id', `${show(greenId)} is the same as blue-id: each colour needs its own identifier`);

  const route53Inputs = ['hosted-zone-id', 'hosted-zone-name', 'record-name', 'aws-region', 'endpoint-url'];
  const haproxyInputs = ['haproxy-admin', 'haproxy-backend', 'haproxy-state-file'];
  let haproxyAdmin: AdminAddress | undefined;
  if (provider === 'route53') {
    for (const name of haproxyInputs) conflict(name, 'provider route53');
    if (isSet('hosted-zone-id') && isSet('hosted-zone-name')) throw new InputError('hosted-zone-name', 'is set together with hosted-zone-id: give one of them');
    if (!isSet('hosted-zone-id') && !isSet('hosted-zone-name'))
      throw new InputError('hosted-zone-id', 'is required for provider route53 (or give hosted-zone-name)');
    if (!isSet('record-name')) throw new InputError('record-name', "is required for provider route53: the weighted records' name, e.g. shop.example.com");
    for (const [name, id] of [
      ['blue-id', blueId],
      ['green-id', greenId],
    ] as const) {
      if (id.length > 128) throw new InputError(name, `${show(id)} is longer than a Route53 SetIdentifier (128 characters)`);
    }
  } else {
    for (const name of route53Inputs) conflict(name, 'provider haproxy');
    haproxyAdmin = parseAdminAddress('haproxy-admin', r.string('haproxy-admin', { required: true }));
    // These end up in runtime API commands: no spaces, no `;`.
    r.string('haproxy-backend', { required: true, pattern: HAPROXY_NAME, patternHint: 'an HAProxy backend name (letters, digits, _ . : -)' });
    r.string('blue-id', { pattern: HAPROXY_NAME, patternHint: 'an HAProxy server name (letters, digits, _ . : -)' });
    r.string('green-id', { pattern: HAPROXY_NAME, patternHint: 'an HAProxy server name (letters, digits, _ . : -)' });
    const stateFile = r.raw('haproxy-state-file');
    if (stateFile && !stateFile.startsWith('/'))
      throw new InputError('haproxy-state-file', `${show(stateFile)} must be an absolute path (the proxy's server-state-file)`);
  }

  // ---- gates ------------------------------------------------------------
  const gateBaseUrl = r.url('gate-base-url');
  let gateChecks: Check[] = [];
  if (isSet('gate-checks')) {
    gateChecks = parseChecks(await parseYaml('gate-checks', r.raw('gate-checks')), { input: 'gate-checks', baseUrl: gateBaseUrl });
  } else {
    for (const name of ['gate-base-url', 'gate-host-header']) conflict(name, 'an empty gate-checks (it only applies to gate checks)');
  }
  const withAnalysis = isSet('analysis-file');
  if (withAnalysis && !isSet('prometheus-url'))
    throw new InputError('prometheus-url', 'is required with analysis-file: the Prometheus the analysis queries, e.g. http://prometheus:9090');
  // With an analysis, prometheus-url alone is fine; a Prometheus gate still needs its query and threshold.
  const gateNames = withAnalysis ? ['prometheus-query', 'prometheus-threshold'] : ['prometheus-url', 'prometheus-query', 'prometheus-threshold'];
  const promSet = gateNames.filter(isSet);
  if (promSet.length > 0 && promSet.length < gateNames.length) {
    const missing = gateNames.find((n) => !isSet(n))!;
    throw new InputError(
      missing,
      `is required when ${promSet.join(' and ')} ${promSet.length === 1 ? 'is' : 'are'} set: a Prometheus gate needs a URL, a query and a threshold`,
    );
  }
  const prometheusToken = r.raw('prometheus-token');
  addSecret(prometheusToken);
  if (prometheusToken && promSet.length === 0 && !withAnalysis) throw new InputError('prometheus-token', 'is set but prometheus-url is not');
  const prometheusUrl = r.url('prometheus-url');
  const prometheusThreshold = isSet('prometheus-threshold') ? parseThreshold('prometheus-threshold', r.raw('prometheus-threshold')) : undefined;
  const analysisFile = withAnalysis ? await readAnalysis(r.raw('analysis-file'), stepWait) : undefined;

  const inputs: Inputs = {
    mode,
    provider,
    to,
    steps,
    stepWait,
    previousWeights,
    blueId,
    greenId,
    drainWait: r.raw('drain-wait') === '' ? undefined : r.duration('drain-wait'),
    timeout: r.duration('timeout', { default: '5m', min: 1000 }),
    hostedZoneId: r.string('hosted-zone-id', { pattern: /^(\/?hostedzone\/)?[A-Z0-9]{1,32}$/, patternHint: 'a hosted zone id such as Z0123456789ABCDEFGHIJ' }),
    hostedZoneName: r.string('hosted-zone-name', { pattern: /^[A-Za-z0-9_.-]+\.?$/, patternHint: 'a DNS name such as example.com' }),
    recordName: r.string('record-name', { pattern: /^(\*\.)?[A-Za-z0-9_.-]+\.?$/, patternHint: 'a DNS name such as shop.example.com' }),
    recordType: r.string('record-type', {
      default: 'A',
      pattern: /^(A|AAAA|CNAME|TXT|MX|SRV|CAA|NS|PTR|SPF|NAPTR|DS|HTTPS|SSHFP|SVCB|TLSA)$/,
      patternHint: 'a record type such as A, AAAA or CNAME (upper case)',
    }),
    awsRegion: r.string('aws-region'),
    endpointUrl: r.url('endpoint-url') ? r.raw('endpoint-url') : '',
    haproxyAdmin,
    haproxyBackend: r.string('haproxy-backend'),
    haproxyStateFile: r.string('haproxy-state-file'),
    gateChecks,
    gateBaseUrl,
    gateHostHeader: r.string('gate-host-header', { pattern: /^[A-Za-z0-9.-]+(:\d+)?$/, patternHint: 'a host name, optionally with :port' }),
    gateTimeout: r.duration('gate-timeout', { default: '60s', min: 1 }),
    prometheusUrl,
    prometheusQuery: r.string('prometheus-query'),
    prometheusThreshold,
    prometheusToken,
    analysisFile,
  };

  const ids = { blue: blueId, green: greenId };
  const target: ProviderTarget = haproxyAdmin
    ? {
        kind: 'haproxy',
        haproxy: { admin: haproxyAdmin, backend: inputs.haproxyBackend, ids, stateFile: inputs.haproxyStateFile || undefined, timeoutMs: inputs.timeout },
      }
    : {
        kind: 'route53',
        route53: {
          hostedZoneId: inputs.hostedZoneId || undefined,
          hostedZoneName: inputs.hostedZoneId ? undefined : inputs.hostedZoneName,
          recordName: inputs.recordName,
          recordType: inputs.recordType,
          ids,
          timeoutMs: inputs.timeout,
          callTimeoutMs: inputs.timeout,
          client: { region: inputs.awsRegion, endpointUrl: inputs.endpointUrl },
        },
      };
  const gates: GateSpec[] = [];
  const hostHeader = inputs.gateHostHeader || undefined;
  if (gateChecks.length > 0) gates.push({ kind: 'http', http: { checks: gateChecks, timeoutMs: inputs.gateTimeout, hostHeader } });
  if (prometheusUrl && prometheusThreshold) {
    const token = prometheusToken || undefined;
    gates.push({
      kind: 'prometheus',
      prometheus: { url: prometheusUrl, query: inputs.prometheusQuery, threshold: prometheusThreshold, token, timeoutMs: inputs.gateTimeout },
    });
  }
  const analysis =
    analysisFile && prometheusUrl ? { spec: analysisFile, url: prometheusUrl, token: prometheusToken || undefined, graceMs: inputs.gateTimeout } : undefined;
  return { ...inputs, plan, target, gates, analysis };
}

/** Reads `analysis-file` (relative to the workspace) and validates it against the step wait. */
async function readAnalysis(path: string, stepWaitMs: number): Promise<AnalysisSpec> {
  const file = isAbsolute(path) ? path : resolve(process.env.GITHUB_WORKSPACE || process.cwd(), path);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(
      'analysis-file',
      `${show(path)} cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}): give a path relative to the workspace`,
    );
  }
  return parseAnalysis('analysis-file', text, path, { stepWaitMs });
}
