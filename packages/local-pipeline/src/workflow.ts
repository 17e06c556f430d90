// Workflow files: loading, the job graph (`needs` order) and matrix expansion.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseDocument } from 'yaml';
import { looseEq } from './expr';

export type Env = Record<string, unknown>;

export interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  with?: Record<string, unknown>;
  env?: Env;
  if?: unknown;
  'continue-on-error'?: unknown;
  'timeout-minutes'?: unknown;
  'working-directory'?: string;
}

export interface Job {
  name?: string;
  needs?: string | string[];
  if?: unknown;
  'runs-on'?: unknown;
  environment?: unknown;
  concurrency?: unknown;
  permissions?: unknown;
  env?: Env;
  defaults?: { run?: { shell?: string; 'working-directory'?: string } };
  strategy?: { matrix?: unknown; 'fail-fast'?: unknown; 'max-parallel'?: unknown };
  outputs?: Record<string, string>;
  steps?: Step[];
  'timeout-minutes'?: unknown;
  'continue-on-error'?: unknown;
  uses?: string;
  with?: Record<string, unknown>;
  secrets?: 'inherit' | Record<string, unknown>;
  services?: unknown;
  container?: unknown;
}

export interface InputDef {
  description?: string;
  required?: boolean;
  default?: unknown;
  type?: string;
  options?: unknown[];
}

export interface Workflow {
  file: string;
  /** File name, e.g. `qa.yml` (how progress lines name it). */
  label: string;
  name: string;
  on: Record<string, unknown>;
  env: Env;
  defaults?: Job['defaults'];
  concurrency?: unknown;
  permissions?: unknown;
  jobs: Record<string, Job>;
}

export class WorkflowError extends Error {}

const JOB_KEYS = new Set([
  'name',
  'needs',
  'if',
  'runs-on',
  'environment',
  'concurrency',
  'permissions',
  'env',
  'defaults',
  'strategy',
  'outputs',
  'steps',
  'timeout-minutes',
  'continue-on-error',
  'uses',
  'with',
  'secrets',
  'services',
  'container',
]);

/** Normalises the `on:` key (string, list or mapping) to a mapping. */
function normaliseOn(on: unknown): Record<string, unknown> {
  if (typeof on === 'string') return { [on]: {} };
  if (Array.isArray(on)) return Object.fromEntries(on.map((e) => [String(e), {}]));
  if (on && typeof on === 'object') return Object.fromEntries(Object.entries(on).map(([k, v]) => [k, v ?? {}]));
  return {};
}

export function parseWorkflow(text: string, file: string): Workflow {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors[0]) throw new WorkflowError(`${file}: invalid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const raw = doc.toJS() as Record<string, unknown> | null;
  if (!raw || typeof raw !== 'object') throw new WorkflowError(`${file}: not a workflow (empty or not a mapping)`);
  // YAML 1.1 parsers read a bare `on` as true; the `yaml` package (1.2) keeps it a string.
  const on = normaliseOn(raw.on ?? raw.true);
  const jobs = raw.jobs as Record<string, Job> | undefined;
  if (!jobs || typeof jobs !== 'object' || Object.keys(jobs).length === 0) throw new WorkflowError(`${file}: no jobs`);
  for (const [id, job] of Object.entries(jobs)) {
    if (!job || typeof job !== 'object') throw new WorkflowError(`${file}: job '${id}' is not a mapping`);
    for (const key of Object.keys(job)) if (!JOB_KEYS.has(key)) throw new WorkflowError(`${file}: job '${id}' has an unknown key '${key}'`);
    if (!job.uses && !Array.isArray(job.steps)) throw new WorkflowError(`${file}: job '${id}' has neither steps nor uses`);
    for (const need of needsOf(job)) if (!(need in jobs)) throw new WorkflowError(`${file}: job '${id}' needs unknown job '${need}'`);
  }
  return {
    file,
    label: basename(file),
    name: typeof raw.name === 'string' ? raw.name : basename(file),
    on,
    env: (raw.env as Env) ?? {},
    ...(raw.defaults ? { defaults: raw.defaults as Job['defaults'] } : {}),
    concurrency: raw.concurrency,
    permissions: raw.permissions,
    jobs,
  };
}

export const loadWorkflow = (file: string): Workflow => parseWorkflow(readFileSync(file, 'utf8'), file);

export const needsOf = (job: Job): string[] => (job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs.map(String) : [String(job.needs)]);

/**
 * Jobs in an order that respects `needs` (Kahn's algorithm; ties keep file
 * order, so independent jobs run in the order they are written). Throws on a cycle.
 */
export function jobOrder(jobs: Record<string, Job>): string[] {
  const ids = Object.keys(jobs);
  const done = new Set<string>();
  const order: string[] = [];
  while (order.length < ids.length) {
    const next = ids.find((id) => !done.has(id) && needsOf(jobs[id]!).every((n) => done.has(n)));
    if (!next) {
      const stuck = ids.filter((id) => !done.has(id));
      throw new WorkflowError(`jobs form a dependency cycle: ${stuck.join(', ')}`);
    }
    done.add(next);
    order.push(next);
  }
  return order;
}

/** All jobs a job depends on, directly or through other jobs. */
export function ancestors(jobs: Record<string, Job>, id: string): string[] {
  const seen = new Set<string>();
  const visit = (j: string) => {
    for (const n of needsOf(jobs[j]!)) {
      if (!seen.has(n)) {
        seen.add(n);
        visit(n);
      }
    }
  };
  visit(id);
  return [...seen];
}

export type Combination = Record<string, unknown>;

/**
 * Expands an (already evaluated) `strategy.matrix` as GitHub does: the
 * cartesian product of its keys, minus `exclude` entries (partial matches),
 * then each `include` entry is merged into every combination whose original
 * values it does not contradict, or appended as a new combination.
 */
export function expandMatrix(matrix: unknown, where: string): Combination[] {
  if (matrix === undefined || matrix === null) return [];
  if (typeof matrix !== 'object' || Array.isArray(matrix)) throw new WorkflowError(`${where}: strategy.matrix must be a mapping`);
  const m = matrix as Record<string, unknown>;
  const include = (m.include ?? []) as unknown;
  const exclude = (m.exclude ?? []) as unknown;
  if (!Array.isArray(include) || !Array.isArray(exclude)) throw new WorkflowError(`${where}: matrix include/exclude must be lists`);
  const keys = Object.keys(m).filter((k) => k !== 'include' && k !== 'exclude');
  let combos: Combination[] = keys.length ? [{}] : [];
  for (const key of keys) {
    const values = m[key];
    if (!Array.isArray(values)) throw new WorkflowError(`${where}: matrix key '${key}' must be a list`);
    if (values.length === 0) throw new WorkflowError(`${where}: matrix key '${key}' is an empty list`);
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [key]: v })));
  }
  const matches = (combo: Combination, partial: Record<string, unknown>) => Object.entries(partial).every(([k, v]) => deepLooseEq(combo[k], v));
  combos = combos.filter((c) => !exclude.some((e) => matches(c, e as Record<string, unknown>)));
  const original = combos.map((c) => ({ ...c }));
  const extra: Combination[] = [];
  for (const entry of include as Array<Record<string, unknown>>) {
    let merged = false;
    combos.forEach((combo, i) => {
      const orig = original[i]!;
      const compatible = Object.entries(entry).every(([k, v]) => !(k in orig) || deepLooseEq(orig[k], v));
      if (compatible) {
        Object.assign(combo, entry);
        merged = true;
      }
    });
    if (!merged) extra.push({ ...entry });
  }
  const all = [...combos, ...extra];
  if (all.length > 256) throw new WorkflowError(`${where}: matrix has ${all.length} combinations (GitHub's limit is 256)`);
  return all;
}

function deepLooseEq(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) return JSON.stringify(a) === JSON.stringify(b);
  return looseEq(a, b);
}

/** `build (catalog, 24)`: how GitHub names a matrix job without an explicit name. */
export const matrixLabel = (combo: Combination) =>
  Object.values(combo)
    .map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)))
    .join(', ');
