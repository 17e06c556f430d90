// A small, honest local workflow runner. It proves the wiring of the example
// workflows: jobs in `needs` order, matrices, `if:`, env, inputs, secrets,
// vars, step and job outputs, reusable workflows; our actions' committed dist/
// bundles run exactly as the GitHub runner runs them (packages/testkit);
// `run:` steps go through bash; third-party actions get documented stand-ins
// (standins.ts). Anything it does not support is an error naming the
// workflow, job and step — it never skips silently. It does not replace GitHub.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { formatDuration, Masker } from '@switchyard/kit';
import { parseCommand, parseKeyValueFile, readActionMeta, runBundledAction } from '@switchyard/testkit';
import { type EvalHooks, evaluateCondition, ExpressionError, evaluateDeep, evaluateValue, interpolate, toStr, truthy } from './expr';
import { hashFiles } from './hash-files';
import { standInFor } from './standins';
import { formatProblem, validateWorkflowFile, type WorkflowProblem } from './validate';
import {
  ancestors,
  type Combination,
  expandMatrix,
  type Env,
  type InputDef,
  type Job,
  jobOrder,
  loadWorkflow,
  matrixLabel,
  needsOf,
  type Step,
  type Workflow,
  WorkflowError,
} from './workflow';

export type Result = 'success' | 'failure' | 'cancelled' | 'skipped';

export interface StepRecord {
  id?: string;
  name: string;
  outcome: Result;
  conclusion: Result;
  outputs: Record<string, string>;
  durationMs: number;
  note?: string;
}

export interface JobRecord {
  /** Job id in its workflow. */
  id: string;
  /** Display path, e.g. `promote / deploy / switch`. */
  label: string;
  result: Result;
  outputs: Record<string, string>;
  environment?: string;
  /** `environment.url`, evaluated after the steps (as GitHub does). */
  environmentUrl?: string;
  durationMs: number;
  steps: StepRecord[];
  /** Where the job summary was written (when any step wrote one). */
  summaryFile?: string;
  /** For a reusable-workflow call: the called workflow's run. */
  called?: WorkflowRecord;
  matrix?: Combination;
  /** For a matrix job: one record per combination. */
  legs?: JobRecord[];
}

export interface WorkflowRecord {
  workflow: string;
  runId: string;
  result: Exclude<Result, 'skipped'>;
  jobs: JobRecord[];
  durationMs: number;
  outputs: Record<string, string>;
  /** The first error that ended the run (an unsupported feature, a bad expression…). */
  error?: string;
}

/** Passed to hooks around every step (the main command drives load during switches with them). */
export interface StepInfo {
  workflow: string;
  job: string;
  step: string;
  /** For our actions: the action's name (e.g. `switch-traffic`). */
  action?: string;
  inputs: Record<string, string>;
  environment?: string;
}

export interface EnvironmentConfig {
  vars?: Record<string, string>;
  secrets?: Record<string, string>;
}

export interface RunnerOptions {
  /** The Switchyard checkout: our actions live in `<repoRoot>/actions/<name>`. */
  repoRoot: string;
  /** Where `<name>` of our actions resolves (default `<repoRoot>/actions`). */
  actionsDir?: string;
  /**
   * The service repository the workflows belong to, at the commit being run: workflow files
   * (and reusable workflows) are read from it, and actions/checkout copies it into each job's
   * own empty workspace (GITHUB_WORKSPACE), as a fresh clone per job would be on GitHub.
   */
  workspace: string;
  /** Where runs, artifacts and summaries are kept. */
  stateDir: string;
  /** Where each job's workspace and RUNNER_TEMP are made (default: the OS temp dir). */
  workDir?: string;
  /** `github.repository`. */
  repository: string;
  /** `owner/repo` names whose `<owner>/<repo>/actions/<name>@ref` map to `<repoRoot>/actions/<name>`. */
  actionRepositories: string[];
  vars?: Record<string, string>;
  secrets?: Record<string, string>;
  /** Per GitHub Environment: vars/secrets that override the repository's for jobs with `environment:`. */
  environments?: Record<string, EnvironmentConfig>;
  sha?: string;
  ref?: string;
  actor?: string;
  /** `github.api_url` / GITHUB_API_URL: the local GitHub API stand-in (github-api.ts). */
  apiUrl?: string;
  /** Node binary that runs our actions (default: this process's). */
  node?: string;
  /** Where progress and step logs go (default: stdout). */
  log?: (line: string) => void;
  /** Print step logs only when a step fails. */
  quiet?: boolean;
  beforeStep?: (info: StepInfo) => void | Promise<void>;
  afterStep?: (info: StepInfo, step: StepRecord) => void | Promise<void>;
}

export interface Trigger {
  event: 'push' | 'workflow_dispatch' | string;
  inputs?: Record<string, string | boolean | number>;
}

/** A problem in the workflow that the local runner must not paper over. */
export class RunnerError extends Error {}

interface RunCtx {
  runId: string;
  runNumber: string;
  dir: string;
  github: Record<string, unknown>;
  secrets: Record<string, string>;
  cancelled: boolean;
}

/** Indentation and job-label path of a (possibly called) workflow's output. */
interface Nest {
  indent: string;
  path: string;
}

interface PostStep {
  name: string;
  dir: string;
  inputs: Record<string, string>;
  env: Record<string, string>;
  state: Record<string, string>;
  postIf: string;
}

/** What every step of a job shares: where it runs and how it reports. */
interface JobRun {
  wf: Workflow;
  run: RunCtx;
  ws: string;
  temp: string;
  jobDir: string;
  envName: string | undefined;
  label: string;
  n: Nest;
  where: string;
  /** Hooks for expressions outside `if:` (hashFiles only). */
  valueHooks: EvalHooks;
}

/** One step about to run, whatever its kind. */
interface StepRun {
  step: Step;
  index: number;
  name: string;
  where: string;
  ctx: Record<string, unknown>;
  files: Record<'GITHUB_OUTPUT' | 'GITHUB_ENV' | 'GITHUB_PATH' | 'GITHUB_STEP_SUMMARY' | 'GITHUB_STATE', string>;
  procEnv: Record<string, string>;
  timeoutMs: number;
  /** Log lines held back in quiet mode (shown when the step fails). */
  buffered: string[];
  out: (line: string) => void;
  info: StepInfo;
}

/** What a step of any kind reports back. */
interface StepResult {
  outcome: Result;
  outputs: Record<string, string>;
  note?: string;
  summary?: string;
  post?: PostStep;
}

const MARK: Record<Result, string> = { success: '✔', failure: '✖', cancelled: '⊘', skipped: '·' };
const asStringMap = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, toStr(v)]));

export class LocalRunner {
  private readonly log: (line: string) => void;
  /** kit's masker, the runner's own instance: the same rule as addSecret, but nothing is printed. */
  private readonly masker = new Masker();
  private current: ReturnType<typeof spawn> | undefined;
  private cancelRequested = false;

  constructor(readonly opts: RunnerOptions) {
    this.log = opts.log ?? ((l) => process.stdout.write(`${l}\n`));
    for (const v of Object.values(opts.secrets ?? {})) this.addMask(v);
    for (const e of Object.values(opts.environments ?? {})) for (const v of Object.values(e.secrets ?? {})) this.addMask(v);
  }

  /** Cancels the run in progress: the current process is stopped, later steps see cancelled(). */
  cancel() {
    this.cancelRequested = true;
    this.current?.kill('SIGTERM');
  }

  private addMask(v: string | undefined) {
    this.masker.add(v);
  }

  private mask(text: string) {
    return this.masker.redact(text);
  }

  private print(line: string) {
    this.log(this.mask(line));
  }

  /** Runs a workflow file for a trigger (e.g. `push`, or `workflow_dispatch` with inputs). */
  async run(file: string, trigger: Trigger): Promise<WorkflowRecord> {
    await this.validate(file);
    const wf = loadWorkflow(file);
    const ctx = this.newRun(wf, trigger);
    const spec = wf.on[trigger.event];
    if (spec === undefined) throw new RunnerError(`${wf.label}: does not run on '${trigger.event}' (its triggers: ${Object.keys(wf.on).join(', ')})`);
    if (trigger.event === 'push') this.checkPushFilters(wf, spec as Record<string, unknown>, String(ctx.github.ref_name));
    let inputs: Record<string, unknown> = {};
    if (trigger.event === 'workflow_dispatch' || trigger.event === 'workflow_call') {
      inputs = this.typedInputs(wf, ((spec as Record<string, unknown>).inputs ?? {}) as Record<string, InputDef>, trigger.inputs ?? {}, trigger.event);
      const event = ctx.github.event as Record<string, unknown>;
      event.inputs = asStringMap(inputs);
    } else if (trigger.inputs && Object.keys(trigger.inputs).length) {
      throw new RunnerError(`${wf.label}: inputs given for a '${trigger.event}' trigger`);
    }
    const head = `━━ ${wf.label} (${wf.name}) · ${trigger.event} on ${String(ctx.github.ref)} · run ${ctx.runId}`;
    this.print(head);
    return this.runWorkflow(wf, ctx, inputs, ctx.secrets, { indent: '', path: '' });
  }

  /**
   * GitHub's workflow parser on the workflow and every local reusable workflow it calls, before
   * anything runs: what GitHub would reject never starts here either.
   */
  private async validate(file: string) {
    const files = new Set<string>();
    const visit = (f: string) => {
      if (files.has(f) || !existsSync(f)) return;
      files.add(f);
      let wf: Workflow;
      try {
        wf = loadWorkflow(f);
      } catch {
        return; // the parser below reports what is wrong with it
      }
      for (const job of Object.values(wf.jobs)) if (job.uses?.startsWith('./')) visit(resolve(this.opts.workspace, job.uses.replace(/@.*$/, '')));
    };
    visit(file);
    const problems: WorkflowProblem[] = [];
    for (const f of files) problems.push(...(await validateWorkflowFile(f, relative(this.opts.workspace, f) || f)));
    if (problems.length)
      throw new RunnerError(
        `${problems.length} problem(s) GitHub would reject the workflow for (nothing ran):\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
      );
  }

  private checkPushFilters(wf: Workflow, spec: Record<string, unknown>, branch: string) {
    const match = (pats: unknown) =>
      (Array.isArray(pats) ? pats : [pats]).some((p) =>
        new RegExp(
          `^${String(p)
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*\*/g, '.*')
            .replace(/(?<!\.)\*/g, '[^/]*')}$`,
        ).test(branch),
      );
    if (spec?.branches !== undefined && !match(spec.branches)) throw new RunnerError(`${wf.label}: a push to '${branch}' does not match its branches filter`);
    if (spec?.['branches-ignore'] !== undefined && match(spec['branches-ignore']))
      throw new RunnerError(`${wf.label}: a push to '${branch}' is in its branches-ignore filter`);
    if (spec?.paths !== undefined || spec?.['paths-ignore'] !== undefined)
      this.print(`  note: ${wf.label}'s paths filter is not evaluated locally (the run proceeds as if it matched)`);
  }

  private newRun(wf: Workflow, trigger: Trigger): RunCtx {
    mkdirSync(this.opts.stateDir, { recursive: true });
    // Run ids grow and never repeat, even after a teardown wiped the state (versions embed them,
    // and registry tags made from those versions outlive the state): max(last + 1, unix seconds).
    const counter = join(this.opts.stateDir, 'last-run-id');
    const last = existsSync(counter) ? Number(readFileSync(counter, 'utf8')) || 0 : 0;
    const runId = String(Math.max(last + 1, Math.floor(Date.now() / 1000)));
    writeFileSync(counter, runId);
    const numbers = join(this.opts.stateDir, 'run-numbers.json');
    const byWorkflow = existsSync(numbers) ? (JSON.parse(readFileSync(numbers, 'utf8')) as Record<string, number>) : {};
    const runNumber = String((byWorkflow[wf.label] ?? 0) + 1);
    writeFileSync(numbers, JSON.stringify({ ...byWorkflow, [wf.label]: Number(runNumber) }));
    const dir = join(this.opts.stateDir, 'runs', runId);
    mkdirSync(join(dir, 'artifacts'), { recursive: true });
    const ref = this.opts.ref ?? 'refs/heads/main';
    const sha = this.opts.sha ?? '0'.repeat(40);
    const [owner = '', name = ''] = this.opts.repository.split('/');
    const repository = { full_name: this.opts.repository, name, owner: { login: owner } };
    const actor = this.opts.actor ?? 'local';
    const event: Record<string, unknown> =
      trigger.event === 'push'
        ? {
            ref,
            before: '0'.repeat(40),
            after: sha,
            repository,
            pusher: { name: actor },
            head_commit: { id: sha, message: 'local run', timestamp: new Date().toISOString() },
          }
        : { ref, repository, sender: { login: actor } };
    const secrets = { GITHUB_TOKEN: 'local-github-token-unused', ...(this.opts.secrets ?? {}) };
    this.addMask(secrets.GITHUB_TOKEN);
    return {
      runId,
      runNumber,
      dir,
      secrets,
      cancelled: false,
      github: {
        event_name: trigger.event,
        event,
        sha,
        ref,
        ref_name: ref.replace(/^refs\/(heads|tags)\//, ''),
        ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
        head_ref: '',
        base_ref: '',
        run_id: runId,
        run_number: runNumber,
        run_attempt: '1',
        actor,
        triggering_actor: actor,
        repository: this.opts.repository,
        repository_owner: owner,
        workspace: this.opts.workspace,
        server_url: 'https://github.com',
        api_url: this.opts.apiUrl ?? 'https://api.github.com',
        graphql_url: 'https://api.github.com/graphql',
        workflow: wf.name,
        workflow_ref: `${this.opts.repository}/${relative(this.opts.workspace, wf.file)}@${ref}`,
        token: secrets.GITHUB_TOKEN,
        retention_days: '1',
        action: '',
        job: '',
      },
    };
  }

  /** Types and validates inputs against `on.<event>.inputs` (required, defaults, boolean/number/choice). */
  private typedInputs(
    wf: Workflow,
    defs: Record<string, InputDef>,
    given: Record<string, unknown>,
    event: string,
    evalCtx?: Record<string, unknown>,
  ): Record<string, unknown> {
    for (const k of Object.keys(given))
      if (!(k in defs))
        throw new RunnerError(`${wf.label}: input '${k}' is not declared under on.${event}.inputs (declared: ${Object.keys(defs).join(', ') || 'none'})`);
    const out: Record<string, unknown> = {};
    for (const [name, def] of Object.entries(defs)) {
      let v: unknown = given[name];
      if (v === undefined || v === '') {
        if (def?.required && def.default === undefined && v === undefined) throw new RunnerError(`${wf.label}: required input '${name}' was not given`);
        v = def?.default !== undefined ? (typeof def.default === 'string' && evalCtx ? evaluateValue(def.default, evalCtx) : def.default) : v;
      }
      const type = def?.type ?? 'string';
      if (type === 'boolean') {
        if (v === undefined || v === '') v = false;
        else if (v === true || v === 'true') v = true;
        else if (v === false || v === 'false') v = false;
        else throw new RunnerError(`${wf.label}: input '${name}' must be a boolean, got '${toStr(v)}'`);
      } else if (type === 'number') {
        if (v === undefined || v === '') v = 0;
        else if (Number.isNaN(Number(v))) throw new RunnerError(`${wf.label}: input '${name}' must be a number, got '${toStr(v)}'`);
        else v = Number(v);
      } else {
        v = v === undefined ? '' : toStr(v);
        if (type === 'choice' && Array.isArray(def.options) && !def.options.map(String).includes(v as string)) {
          throw new RunnerError(`${wf.label}: input '${name}' must be one of ${def.options.join(', ')}, got '${toStr(v)}'`);
        }
      }
      out[name] = v;
    }
    return out;
  }

  private async runWorkflow(wf: Workflow, run: RunCtx, inputs: Record<string, unknown>, secrets: Record<string, string>, n: Nest): Promise<WorkflowRecord> {
    const started = performance.now();
    const records = new Map<string, JobRecord>();
    const base = { github: { ...run.github, workflow: run.github.workflow }, inputs, vars: this.opts.vars ?? {}, secrets };
    let error: string | undefined;
    try {
      const env = this.evalEnv(wf.env, { ...base, env: {} }, `${wf.label}: env`);
      this.evalAccepted(wf.concurrency, base, `${wf.label}: concurrency`);
      for (const id of jobOrder(wf.jobs)) {
        const rec = await this.runJob(wf, id, run, { ...base, env }, records, n);
        records.set(id, rec);
      }
    } catch (e) {
      if (!(e instanceof RunnerError || e instanceof WorkflowError || e instanceof ExpressionError)) throw e;
      error = (e as Error).message;
      this.print(`${n.indent}  ✖ ${error}`);
    }
    const jobs = [...records.values()];
    let result: WorkflowRecord['result'] = run.cancelled ? 'cancelled' : error || jobs.some((j) => j.result === 'failure') ? 'failure' : 'success';
    let outputs: Record<string, string> = {};
    const call = wf.on.workflow_call as { outputs?: Record<string, { value?: string }> } | undefined;
    if (!error && call?.outputs && n.path) {
      const jobsCtx = Object.fromEntries(jobs.map((j) => [j.id, { result: j.result, outputs: j.outputs }]));
      try {
        outputs = Object.fromEntries(Object.entries(call.outputs).map(([k, o]) => [k, interpolate(String(o?.value ?? ''), { ...base, jobs: jobsCtx })]));
      } catch (e) {
        error = `${wf.label}: on.workflow_call.outputs: ${(e as Error).message}`;
        result = 'failure';
      }
    }
    const durationMs = performance.now() - started;
    this.print(`${n.indent}${MARK[result]} ${wf.label} ${result} in ${formatDuration(durationMs)}`);
    return { workflow: wf.label, runId: run.runId, result, jobs, durationMs, outputs, ...(error ? { error } : {}) };
  }

  private evalEnv(env: Env | undefined, ctx: Record<string, unknown>, where: string): Record<string, string> {
    const out: Record<string, string> = { ...((ctx.env as Record<string, string>) ?? {}) };
    for (const [k, v] of Object.entries(env ?? {})) {
      try {
        out[k] = toStr(typeof v === 'string' ? evaluateValue(v, { ...ctx, env: out }) : v);
      } catch (e) {
        throw new RunnerError(`${where}.${k}: ${(e as Error).message}`);
      }
    }
    return out;
  }

  /** `concurrency`, `environment`, `permissions`: accepted; expressions in them must still evaluate. */
  private evalAccepted(value: unknown, ctx: Record<string, unknown>, where: string): unknown {
    if (value === undefined) return undefined;
    try {
      return evaluateDeep(value, ctx);
    } catch (e) {
      throw new RunnerError(`${where}: ${(e as Error).message}`);
    }
  }

  private async runJob(wf: Workflow, id: string, run: RunCtx, base: Record<string, unknown>, done: Map<string, JobRecord>, n: Nest): Promise<JobRecord> {
    const job = wf.jobs[id]!;
    const where = `${wf.label}: job '${id}'`;
    const label = `${n.path}${job.name && !job.name.includes('${{') ? job.name : id}`;
    const needs = Object.fromEntries(needsOf(job).map((j) => [j, { result: done.get(j)?.result ?? 'skipped', outputs: done.get(j)?.outputs ?? {} }]));
    const upstream = ancestors(wf.jobs, id).map((a) => done.get(a)?.result ?? 'skipped');
    const hooks: EvalHooks = {
      success: () => !run.cancelled && !this.cancelRequested && upstream.every((r) => r === 'success'),
      failure: () => upstream.some((r) => r === 'failure'),
      cancelled: () => run.cancelled || this.cancelRequested,
    };
    const ctx = { ...base, needs };
    let go: boolean;
    try {
      go = evaluateCondition(job.if, ctx, hooks);
    } catch (e) {
      throw new RunnerError(`${where}: if: ${(e as Error).message}`);
    }
    if (!go) {
      const why =
        job.if !== undefined
          ? `if: ${toStr(job.if)}`
          : `a needed job did not succeed (${needsOf(job)
              .map((j) => `${j}: ${needs[j]!.result}`)
              .join(', ')})`;
      this.print(`${n.indent}  ${MARK.skipped} ${id} skipped (${why})`);
      return { id, label, result: 'skipped', outputs: {}, durationMs: 0, steps: [] };
    }
    if (job.services !== undefined || job.container !== undefined)
      throw new RunnerError(`${where}: service and container jobs are not supported by the local runner`);

    let combos: Combination[] = [];
    if (job.strategy?.matrix !== undefined) {
      let matrix: unknown;
      try {
        matrix = evaluateDeep(job.strategy.matrix, ctx);
      } catch (e) {
        throw new RunnerError(`${where}: strategy.matrix: ${(e as Error).message}`);
      }
      combos = expandMatrix(matrix, where);
      if (combos.length === 0) throw new RunnerError(`${where}: strategy.matrix expands to no combinations`);
    }
    const legs: Array<Combination | undefined> = combos.length ? combos : [undefined];
    const failFast = job.strategy?.['fail-fast'] === undefined ? true : truthy(evaluateDeep(job.strategy['fail-fast'], ctx));
    const started = performance.now();
    const legRecords: JobRecord[] = [];
    let abort = false;
    for (const [i, combo] of legs.entries()) {
      const strategy = { 'fail-fast': failFast, 'job-index': i, 'job-total': legs.length, 'max-parallel': legs.length };
      const legCtx = { ...ctx, matrix: combo ?? {}, strategy };
      let legLabel = label;
      if (job.name?.includes('${{')) legLabel = `${n.path}${interpolate(job.name, legCtx)}`;
      else if (combo) legLabel = `${label} (${matrixLabel(combo)})`;
      if (abort) {
        this.print(`${n.indent}  ${MARK.cancelled} ${legLabel} cancelled (fail-fast: another matrix job failed)`);
        legRecords.push({ id, label: legLabel, result: 'cancelled', outputs: {}, durationMs: 0, steps: [], ...(combo ? { matrix: combo } : {}) });
        continue;
      }
      const rec = job.uses ? await this.runCall(wf, id, job, run, legCtx, legLabel, n) : await this.runSteps(wf, id, job, run, legCtx, legLabel, n);
      if (combo) rec.matrix = combo;
      legRecords.push(rec);
      if (rec.result === 'failure' && failFast && combos.length) abort = true;
    }
    if (legRecords.length === 1) return legRecords[0]!;
    const result: Result = legRecords.some((r) => r.result === 'failure')
      ? 'failure'
      : legRecords.some((r) => r.result === 'cancelled')
        ? 'cancelled'
        : 'success';
    // Matrix jobs: outputs of the legs merged, later legs winning (GitHub: the last leg to finish).
    const outputs = Object.assign({}, ...legRecords.map((r) => r.outputs)) as Record<string, string>;
    return { id, label, result, outputs, durationMs: performance.now() - started, steps: legRecords.flatMap((r) => r.steps), legs: legRecords };
  }

  /** A job that calls a reusable workflow (`uses: ./.github/workflows/x.yml`). */
  private async runCall(wf: Workflow, id: string, job: Job, run: RunCtx, ctx: Record<string, unknown>, label: string, n: Nest): Promise<JobRecord> {
    const where = `${wf.label}: job '${id}'`;
    const uses = job.uses!;
    if (!uses.startsWith('./'))
      throw new RunnerError(`${where}: reusable workflow '${uses}' is not local; the local runner only calls ./.github/workflows/*.yml of the same repository`);
    const file = resolve(this.opts.workspace, uses.replace(/@.*$/, ''));
    if (!existsSync(file)) throw new RunnerError(`${where}: reusable workflow ${uses} not found (${file})`);
    const callee = loadWorkflow(file);
    const call = callee.on.workflow_call as { inputs?: Record<string, InputDef>; secrets?: Record<string, { required?: boolean }> } | undefined;
    if (call === undefined) throw new RunnerError(`${where}: ${callee.label} has no on.workflow_call trigger`);
    let withValues: Record<string, unknown>;
    let passed: Record<string, string>;
    try {
      withValues = evaluateDeep(job.with ?? {}, ctx) as Record<string, unknown>;
      if (job.secrets === 'inherit') passed = { ...(ctx.secrets as Record<string, string>) };
      else {
        passed = asStringMap(evaluateDeep(job.secrets ?? {}, ctx) as Record<string, unknown>);
        for (const k of Object.keys(passed))
          if (!(k in (call.secrets ?? {}))) throw new RunnerError(`secret '${k}' is not declared under on.workflow_call.secrets of ${callee.label}`);
        for (const [k, d] of Object.entries(call.secrets ?? {}))
          if (d?.required && !passed[k]) throw new RunnerError(`required secret '${k}' of ${callee.label} is not passed`);
        passed.GITHUB_TOKEN = (ctx.secrets as Record<string, string>).GITHUB_TOKEN ?? '';
      }
    } catch (e) {
      throw new RunnerError(`${where}: ${(e as Error).message}`);
    }
    this.evalAccepted(job.concurrency, ctx, `${where}: concurrency`);
    const inputs = this.typedInputs(callee, call.inputs ?? {}, withValues, 'workflow_call', ctx);
    this.print(`${n.indent}  ▶ ${label} → ${callee.label}`);
    const started = performance.now();
    const called = await this.runWorkflow(callee, run, inputs, passed, { indent: `${n.indent}    `, path: `${label} / ` });
    if (called.error) throw new RunnerError(called.error);
    const result = called.result === 'success' ? 'success' : called.result;
    return { id, label, result, outputs: called.outputs, durationMs: performance.now() - started, steps: [], called };
  }

  private async runSteps(wf: Workflow, id: string, job: Job, run: RunCtx, ctx: Record<string, unknown>, label: string, n: Nest): Promise<JobRecord> {
    const where = `${wf.label}: job '${label.slice(n.path.length)}'`;
    const started = performance.now();
    // `environment:` is a name or { name, url }; the url may read steps outputs, so it is evaluated after the steps.
    const envSpec = job.environment;
    const envNameSrc = typeof envSpec === 'object' && envSpec !== null ? (envSpec as Record<string, unknown>).name : envSpec;
    const envName = envNameSrc === undefined ? undefined : toStr(this.evalAccepted(envNameSrc, ctx, `${where}: environment`));
    this.evalAccepted(job.concurrency, ctx, `${where}: concurrency`);
    const envCfg = envName ? this.opts.environments?.[envName] : undefined;
    if (envName && !envCfg)
      throw new RunnerError(`${where}: environment '${envName}' is not configured for the local run (add it under environments: in the local config)`);
    const vars = { ...(ctx.vars as Record<string, string>), ...(envCfg?.vars ?? {}) };
    const secrets = { ...(ctx.secrets as Record<string, string>), ...(envCfg?.secrets ?? {}) };
    // The job's machine-local folders (workspace, RUNNER_TEMP, runner files) live outside the
    // repository, like a runner's _work directory, and go away with the job unless it failed.
    const jobDir = mkdtempSync(join(this.opts.workDir ?? tmpdir(), `pipeline-job-${run.runId}-${id.replace(/[^A-Za-z0-9_-]/g, '_')}-`));
    const temp = join(jobDir, 'temp');
    mkdirSync(temp);
    // Each job starts in an empty workspace; actions/checkout fills it (see standins.ts).
    const ws = join(jobDir, 'workspace');
    mkdirSync(ws);
    const runner = {
      os: 'Linux',
      arch: 'X64',
      name: 'switchyard-local',
      environment: 'self-hosted',
      temp,
      tool_cache: join(this.opts.stateDir, 'tool-cache'),
      debug: '',
    };
    const github = { ...(ctx.github as Record<string, unknown>), job: id, workspace: ws };
    const jobCtx: Record<string, unknown> = { ...ctx, github, vars, secrets, runner, job: { status: 'success' } };
    const jobEnv = this.evalEnv(job.env, jobCtx, `${where}: env`);
    const timeoutMin = job['timeout-minutes'] !== undefined ? Number(evaluateDeep(job['timeout-minutes'], jobCtx)) : 360;
    const deadline = Date.now() + timeoutMin * 60_000;
    this.print(`${n.indent}  ▶ ${label}${envName ? ` [environment: ${envName}]` : ''}`);

    const steps: StepRecord[] = [];
    const stepsCtx: Record<string, unknown> = {};
    const posts: PostStep[] = [];
    const fileEnv: Record<string, string> = {};
    const paths: string[] = [];
    const summaryFile = join(run.dir, 'summaries', `${label.replace(/[^A-Za-z0-9._-]+/g, '_')}.md`);
    let summary = '';
    let status: 'success' | 'failure' | 'cancelled' = 'success';
    const hooks = (): EvalHooks => ({
      success: () => status === 'success' && !this.cancelRequested,
      failure: () => status === 'failure',
      cancelled: () => this.cancelRequested,
      hashFiles: (p) => hashFiles(ws, p, this.opts.node),
    });
    // Outside `if:` only hashFiles is there; status functions are a parse error, as on GitHub.
    const valueHooks: EvalHooks = { hashFiles: (p) => hashFiles(ws, p, this.opts.node) };
    const jr: JobRun = { wf, run, ws, temp, jobDir, envName, label, n, where, valueHooks };

    for (const [index, step] of (job.steps ?? []).entries()) {
      if (this.cancelRequested && status === 'success') status = 'cancelled';
      const sctx: Record<string, unknown> = { ...jobCtx, steps: stepsCtx, job: { status }, env: { ...jobEnv, ...fileEnv } };
      const stepWhere = `${where}, step ${index + 1}${step.name ? ` '${step.name}'` : step.id ? ` '${step.id}'` : ''}`;
      const name = this.guard(`${stepWhere}: name`, () =>
        step.name ? interpolate(step.name, sctx, valueHooks) : step.uses ? `Run ${step.uses}` : `Run ${String(step.run ?? '').split('\n')[0]}`,
      );
      if (!step.uses && step.run === undefined) throw new RunnerError(`${stepWhere}: has neither uses nor run`);
      if (!this.guard(`${stepWhere}: if`, () => evaluateCondition(step.if, sctx, hooks()))) {
        steps.push({ ...(step.id ? { id: step.id } : {}), name, outcome: 'skipped', conclusion: 'skipped', outputs: {}, durationMs: 0 });
        if (step.id) stepsCtx[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' };
        this.print(`${n.indent}    ${MARK.skipped} ${name} (skipped${step.if !== undefined ? `: if ${toStr(step.if)}` : ''})`);
        continue;
      }
      sctx.env = this.evalEnv(step.env, sctx, `${stepWhere}: env`);
      const continueOnError =
        step['continue-on-error'] !== undefined &&
        truthy(this.guard(`${stepWhere}: continue-on-error`, () => evaluateDeep(step['continue-on-error'], sctx, valueHooks)));
      const stepTimeout =
        step['timeout-minutes'] !== undefined
          ? Number(this.guard(`${stepWhere}: timeout-minutes`, () => evaluateDeep(step['timeout-minutes'], sctx, valueHooks))) * 60_000
          : Infinity;
      const files = this.stepFiles(jobDir, index);
      const sr: StepRun = {
        step,
        index,
        name,
        where: stepWhere,
        ctx: sctx,
        files,
        procEnv: {
          ...(sctx.env as Record<string, string>),
          ...this.githubEnv(github, runner, wf, files, envName),
          PATH: `${paths.length ? `${paths.join(':')}:` : ''}${process.env.PATH ?? ''}`,
        },
        timeoutMs: Math.max(1, Math.min(stepTimeout, deadline - Date.now())),
        buffered: [],
        out: () => undefined,
        info: { workflow: wf.label, job: label.slice(n.path.length), step: name, inputs: {}, ...(envName ? { environment: envName } : {}) },
      };
      sr.out = (line: string) => {
        const shown = this.renderLine(line);
        if (shown === undefined) return;
        for (const l of shown.split('\n')) {
          if (this.opts.quiet) sr.buffered.push(l);
          else this.print(`${n.indent}      │ ${l}`);
        }
      };
      const stepStart = performance.now();
      let r: StepResult;
      try {
        r = step.uses ? await this.usesStep(jr, sr) : await this.runStep(jr, sr, job);
        if (r.summary) summary += r.summary;
        if (r.post) posts.push(r.post);
        for (const [k, v] of Object.entries(parseKeyValueFile(readFileSync(files.GITHUB_ENV, 'utf8')))) fileEnv[k] = v;
        for (const p of readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean).reverse()) paths.unshift(p);
      } catch (e) {
        if (e instanceof RunnerError) throw e;
        r = { outcome: 'failure', outputs: {}, note: (e as Error).message };
      }
      const outcome: Result = this.cancelRequested && r.outcome === 'failure' ? 'cancelled' : r.outcome;
      const conclusion: Result = outcome === 'failure' && continueOnError ? 'success' : outcome;
      const rec: StepRecord = {
        ...(step.id ? { id: step.id } : {}),
        name,
        outcome,
        conclusion,
        outputs: r.outputs,
        durationMs: performance.now() - stepStart,
        ...(r.note ? { note: r.note } : {}),
      };
      steps.push(rec);
      if (step.id) stepsCtx[step.id] = { outputs: r.outputs, outcome, conclusion };
      if (conclusion === 'failure') status = 'failure';
      if (conclusion === 'cancelled') status = 'cancelled';
      if (this.opts.quiet && outcome === 'failure') for (const l of sr.buffered) this.print(`${n.indent}      │ ${l}`);
      const extra = outcome === 'failure' && continueOnError ? ' (continue-on-error)' : '';
      this.print(`${n.indent}    ${MARK[outcome]} ${name}  ${formatDuration(rec.durationMs)}${r.note ? ` — ${r.note}` : ''}${extra}`);
      await this.opts.afterStep?.(sr.info, rec);
    }

    for (const post of posts.reverse()) {
      const pctx = { ...jobCtx, steps: stepsCtx, job: { status } };
      if (!evaluateCondition(post.postIf, pctx, hooks())) continue;
      const r = await runBundledAction(post.dir, {
        inputs: post.inputs,
        env: withoutStepFiles(post.env),
        stage: 'post',
        state: post.state,
        cwd: ws,
        runnerTemp: temp,
        ...(this.opts.node ? { node: this.opts.node } : {}),
        onOutput: this.lineSplitter((l) => {
          const shown = this.renderLine(l);
          if (shown !== undefined && !this.opts.quiet) for (const x of shown.split('\n')) this.print(`${n.indent}      │ ${x}`);
        }),
      });
      summary += r.summary;
      this.print(`${n.indent}    ${r.code === 0 ? MARK.success : MARK.failure} Post ${post.name}  ${formatDuration(r.durationMs)}`);
      if (r.code !== 0) status = 'failure';
    }

    let outputs: Record<string, string>;
    try {
      outputs = Object.fromEntries(
        Object.entries(job.outputs ?? {}).map(([k, v]) => [k, interpolate(String(v), { ...jobCtx, steps: stepsCtx, env: { ...jobEnv, ...fileEnv } })]),
      );
    } catch (e) {
      throw new RunnerError(`${where}: outputs: ${(e as Error).message}`);
    }
    for (const v of Object.values(outputs))
      if (this.masker.reveals(v)) this.print(`${n.indent}    note: a job output contains a secret; GitHub would not pass it on`);
    const envUrlSrc = typeof envSpec === 'object' && envSpec !== null ? (envSpec as Record<string, unknown>).url : undefined;
    const envUrl = envUrlSrc === undefined ? undefined : toStr(this.evalAccepted(envUrlSrc, { ...jobCtx, steps: stepsCtx }, `${where}: environment.url`));
    let continueOnError = false;
    if (job['continue-on-error'] !== undefined) continueOnError = truthy(evaluateDeep(job['continue-on-error'], jobCtx));
    const result: Result = status === 'failure' && continueOnError ? 'success' : status;
    let written: string | undefined;
    if (summary.trim()) {
      mkdirSync(dirname(summaryFile), { recursive: true });
      writeFileSync(summaryFile, this.mask(summary));
      written = summaryFile;
    }
    const durationMs = performance.now() - started;
    this.print(
      `${n.indent}  ${MARK[result]} ${label} ${result} in ${formatDuration(durationMs)}${status === 'failure' && continueOnError ? ' (failed, continue-on-error)' : ''}`,
    );
    if (status === 'success') rmSync(jobDir, { recursive: true, force: true });
    else this.print(`${n.indent}    (workspace and RUNNER_TEMP kept for inspection: ${jobDir})`);
    return {
      id,
      label,
      result,
      outputs,
      durationMs,
      steps,
      ...(envName ? { environment: envName } : {}),
      ...(envUrl ? { environmentUrl: envUrl } : {}),
      ...(written ? { summaryFile: written } : {}),
    };
  }

  /** Evaluates something of the workflow; an expression error names where it is. */
  private guard<T>(where: string, f: () => T): T {
    try {
      return f();
    } catch (e) {
      if (e instanceof RunnerError) throw e;
      throw new RunnerError(`${where}: ${(e as Error).message}`);
    }
  }

  /** A `uses:` step: one of our actions (its bundled dist, as the runner runs it) or a documented stand-in. */
  private async usesStep(jr: JobRun, sr: StepRun): Promise<StepResult> {
    const uses = sr.step.uses!;
    const inputs = this.withInputs(sr.step, sr.ctx, jr.valueHooks, sr.where);
    const ours = this.ourAction(uses, sr.where);
    sr.info = { ...sr.info, inputs, ...(ours ? { action: ours.name } : {}) };
    this.print(`${jr.n.indent}    ▸ ${sr.name}${ours ? `  [${relative(this.opts.repoRoot, ours.dir)}/dist]` : ''}`);
    await this.opts.beforeStep?.(sr.info);
    return ours ? this.ourActionStep(jr, sr, ours.dir, inputs) : this.standInStep(jr, sr, inputs);
  }

  private async ourActionStep(jr: JobRun, sr: StepRun, dir: string, given: Record<string, string>): Promise<StepResult> {
    const r = await this.runOurs(dir, given, sr.ctx, jr.valueHooks, sr.procEnv, jr.temp, sr.timeoutMs, sr.out, sr.where);
    return {
      outcome: r.ok ? 'success' : 'failure',
      outputs: r.outputs,
      ...(r.timedOut ? { note: `timed out after ${formatDuration(sr.timeoutMs)}` } : {}),
      summary: r.summary,
      ...(r.post ? { post: { name: sr.name, dir, inputs: r.inputs, env: sr.procEnv, state: r.state, postIf: r.post } } : {}),
    };
  }

  private standInStep(jr: JobRun, sr: StepRun, inputs: Record<string, string>): StepResult {
    const uses = sr.step.uses!;
    const standIn = standInFor(uses);
    if (!standIn) {
      throw new RunnerError(
        `${sr.where}: 'uses: ${uses}' is not supported by the local runner (ours: <owner>/<repo>/actions/<name> for ${this.opts.actionRepositories.join(', ')} or ./actions/<name>; stand-ins: see packages/local-pipeline/src/standins.ts)`,
      );
    }
    const r = standIn({
      inputs,
      workspace: jr.ws,
      source: this.opts.workspace,
      artifactsDir: join(jr.run.dir, 'artifacts'),
      artifactsDirOf: (rid) => join(this.opts.stateDir, 'runs', rid, 'artifacts'),
      log: sr.out,
    });
    return { outcome: 'success', outputs: r.outputs, ...(r.note ? { note: r.note } : {}) };
  }

  /** A `run:` step: the script through the step's shell, outputs and summary from its runner files. */
  private async runStep(jr: JobRun, sr: StepRun, job: Job): Promise<StepResult> {
    const { step } = sr;
    const shell = step.shell ?? job.defaults?.run?.shell ?? jr.wf.defaults?.run?.shell;
    const wd = step['working-directory'] ?? job.defaults?.run?.['working-directory'] ?? jr.wf.defaults?.run?.['working-directory'];
    const script = this.guard(`${sr.where}: run`, () => interpolate(String(step.run), sr.ctx, jr.valueHooks));
    this.print(`${jr.n.indent}    ▸ ${sr.name}`);
    await this.opts.beforeStep?.(sr.info);
    const cwd = wd
      ? resolve(
          jr.ws,
          this.guard(`${sr.where}: working-directory`, () => interpolate(wd, sr.ctx, jr.valueHooks)),
        )
      : jr.ws;
    const r = await this.runShell(script, shell, cwd, sr.procEnv, join(jr.temp, `step-${sr.index + 1}.sh`), sr.timeoutMs, sr.out, sr.where);
    const note = r.timedOut ? `timed out after ${formatDuration(sr.timeoutMs)}` : !r.ok ? `exit code ${r.code}` : undefined;
    return {
      outcome: r.ok ? 'success' : 'failure',
      outputs: parseKeyValueFile(readFileSync(sr.files.GITHUB_OUTPUT, 'utf8')),
      ...(note ? { note } : {}),
      summary: readFileSync(sr.files.GITHUB_STEP_SUMMARY, 'utf8'),
    };
  }

  private stepFiles(jobDir: string, index: number) {
    const dir = join(jobDir, `step-${index + 1}`);
    mkdirSync(dir, { recursive: true });
    const files = {
      GITHUB_OUTPUT: join(dir, 'output'),
      GITHUB_ENV: join(dir, 'env'),
      GITHUB_PATH: join(dir, 'path'),
      GITHUB_STEP_SUMMARY: join(dir, 'summary.md'),
      GITHUB_STATE: join(dir, 'state'),
    };
    for (const f of Object.values(files)) writeFileSync(f, '');
    return files;
  }

  /** The GITHUB_* / RUNNER_* variables a step sees. */
  private githubEnv(
    github: Record<string, unknown>,
    runner: Record<string, string>,
    wf: Workflow,
    files: Record<string, string>,
    envName?: string,
  ): Record<string, string> {
    const g = (k: string) => toStr(github[k]);
    const eventPath = join(runner.temp!, '..', 'event.json');
    writeFileSync(eventPath, JSON.stringify(github.event ?? {}, null, 2));
    return {
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKFLOW: g('workflow'),
      GITHUB_WORKFLOW_REF: g('workflow_ref'),
      GITHUB_RUN_ID: g('run_id'),
      GITHUB_RUN_NUMBER: g('run_number'),
      GITHUB_RUN_ATTEMPT: g('run_attempt'),
      GITHUB_JOB: g('job'),
      GITHUB_ACTOR: g('actor'),
      GITHUB_TRIGGERING_ACTOR: g('triggering_actor'),
      GITHUB_REPOSITORY: g('repository'),
      GITHUB_REPOSITORY_OWNER: g('repository_owner'),
      GITHUB_EVENT_NAME: g('event_name'),
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_SHA: g('sha'),
      GITHUB_REF: g('ref'),
      GITHUB_REF_NAME: g('ref_name'),
      GITHUB_REF_TYPE: g('ref_type'),
      GITHUB_WORKSPACE: g('workspace'),
      GITHUB_SERVER_URL: g('server_url'),
      GITHUB_API_URL: g('api_url'),
      GITHUB_GRAPHQL_URL: g('graphql_url'),
      GITHUB_RETENTION_DAYS: '1',
      RUNNER_OS: runner.os!,
      RUNNER_ARCH: runner.arch!,
      RUNNER_NAME: runner.name!,
      RUNNER_TEMP: runner.temp!,
      RUNNER_TOOL_CACHE: runner.tool_cache!,
      ...(envName ? { SWITCHYARD_LOCAL_ENVIRONMENT: envName } : {}),
      SWITCHYARD_LOCAL_WORKFLOW: wf.label,
      ...files,
    };
  }

  /** Resolves `uses:` to one of our actions (`./actions/<name>` or `<owner>/<repo>/actions/<name>@ref`). */
  private ourAction(uses: string, where: string): { name: string; dir: string } | undefined {
    let name: string | undefined;
    const local = /^\.\/actions\/([a-z0-9-]+)\/?$/.exec(uses);
    const remote = /^([^/@]+\/[^/@]+)\/actions\/([a-z0-9-]+)@(.+)$/.exec(uses);
    if (local) name = local[1];
    else if (remote && this.opts.actionRepositories.some((r) => r.toLowerCase() === remote[1]!.toLowerCase())) name = remote[2];
    else if (uses.startsWith('./'))
      throw new RunnerError(`${where}: local action '${uses}' is not one of ours (./actions/<name>); the local runner runs only Switchyard's actions`);
    else if (uses.startsWith('docker://')) throw new RunnerError(`${where}: docker actions ('${uses}') are not supported by the local runner`);
    if (!name) return undefined;
    const dir = join(this.opts.actionsDir ?? join(this.opts.repoRoot, 'actions'), name);
    if (!existsSync(join(dir, 'action.yml')))
      throw new RunnerError(`${where}: '${uses}' maps to ${relative(this.opts.repoRoot, dir)}, which has no action.yml`);
    const meta = readActionMeta(dir);
    if (!/^node\d+$/.test(meta.runs?.using ?? ''))
      throw new RunnerError(`${where}: ${name}'s action.yml runs '${meta.runs?.using}'; the local runner runs node actions only`);
    if (!existsSync(join(dir, meta.runs.main)))
      throw new RunnerError(
        `${where}: ${name} is not built (${relative(this.opts.repoRoot, join(dir, meta.runs.main))} is missing; run \`node scripts/build.mjs ${name}\`)`,
      );
    return { name, dir };
  }

  private withInputs(step: Step, ctx: Record<string, unknown>, hooks: EvalHooks, where: string): Record<string, string> {
    try {
      return asStringMap(evaluateDeep(step.with ?? {}, ctx, hooks) as Record<string, unknown>);
    } catch (e) {
      throw new RunnerError(`${where}: with: ${(e as Error).message}`);
    }
  }

  private async runOurs(
    dir: string,
    given: Record<string, string>,
    ctx: Record<string, unknown>,
    hooks: EvalHooks,
    procEnv: Record<string, string>,
    temp: string,
    timeoutMs: number,
    out: (l: string) => void,
    where: string,
  ) {
    const meta = readActionMeta(dir);
    for (const k of Object.keys(given)) {
      if (!(k in meta.inputs))
        throw new RunnerError(
          `${where}: input '${k}' is not declared in ${relative(this.opts.repoRoot, dir)}/action.yml (GitHub would only warn; the local run refuses so the wiring stays exact)`,
        );
    }
    // Defaults may be expressions (e.g. `${{ github.token }}`): the runner evaluates them in the step's context.
    const inputs = { ...given };
    for (const [k, m] of Object.entries(meta.inputs)) {
      if (!(k in inputs) && m.default?.includes('${{')) {
        try {
          inputs[k] = interpolate(m.default, ctx, hooks);
        } catch (e) {
          throw new RunnerError(`${where}: default of input '${k}': ${(e as Error).message}`);
        }
      }
    }
    const split = this.lineSplitter(out);
    const r = await runBundledAction(dir, {
      inputs,
      env: withoutStepFiles(procEnv),
      cwd: procEnv.GITHUB_WORKSPACE!,
      runnerTemp: temp,
      ...(Number.isFinite(timeoutMs) ? { timeoutMs } : {}),
      ...(this.opts.node ? { node: this.opts.node } : {}),
      onOutput: split,
    });
    split('\n');
    for (const m of r.masks) this.addMask(m);
    const post = meta.runs.post ? (meta.runs['post-if'] ?? 'always()') : undefined;
    return { ok: r.code === 0, timedOut: r.durationMs >= timeoutMs, inputs, outputs: r.outputs, state: r.state, summary: r.summary, post };
  }

  private async runShell(
    script: string,
    shell: string | undefined,
    cwd: string,
    env: Record<string, string>,
    file: string,
    timeoutMs: number,
    out: (l: string) => void,
    where: string,
  ) {
    writeFileSync(file, script);
    let argv: string[];
    if (shell === undefined) argv = ['bash', '-e', file];
    else if (shell === 'bash') argv = ['bash', '--noprofile', '--norc', '-eo', 'pipefail', file];
    else if (shell === 'sh') argv = ['sh', '-e', file];
    else if (shell.includes('{0}')) argv = shell.split(/\s+/).map((a) => a.replace('{0}', file));
    else throw new RunnerError(`${where}: shell '${shell}' is not supported by the local runner (bash, sh, or a command with {0})`);
    if (!existsSync(cwd)) throw new RunnerError(`${where}: working-directory ${cwd} does not exist`);
    const merged: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env))
      if (v !== undefined && !k.startsWith('GITHUB_') && !k.startsWith('INPUT_') && !k.startsWith('STATE_')) merged[k] = v;
    Object.assign(merged, env);
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env: merged, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.current = child;
    const split = this.lineSplitter(out);
    child.stdout!.on('data', (c: Buffer) => split(c.toString()));
    child.stderr!.on('data', (c: Buffer) => split(c.toString()));
    let timedOut = false;
    const timer = Number.isFinite(timeoutMs)
      ? setTimeout(() => {
          timedOut = true;
          try {
            process.kill(-child.pid!, 'SIGKILL');
          } catch {
            child.kill('SIGKILL');
          }
        }, timeoutMs)
      : undefined;
    const code = await new Promise<number>((res, rej) => {
      child.on('error', rej);
      child.on('close', (c, sig) => res(c ?? (sig ? 128 : 1)));
    });
    split('\n');
    if (timer) clearTimeout(timer);
    this.current = undefined;
    return { ok: code === 0, code, timedOut };
  }

  private lineSplitter(sink: (line: string) => void) {
    let pending = '';
    return (chunk: string) => {
      pending += chunk;
      const parts = pending.split(/\r?\n/);
      pending = parts.pop() ?? '';
      for (const p of parts) if (p !== '' || chunk !== '\n') sink(p);
    };
  }

  /** Renders a log line: workflow commands become readable marks; masks applied; `undefined` hides it. */
  private renderLine(line: string): string | undefined {
    const c = parseCommand(line);
    if (!c) return line;
    switch (c.command) {
      case 'add-mask':
        this.addMask(c.data);
        return undefined;
      case 'group':
        return `▸ ${c.data}`;
      case 'endgroup':
      case 'debug':
      case 'save-state':
      case 'set-output':
        return undefined;
      case 'error':
        return `✖ error: ${c.data}`;
      case 'warning':
        return `⚠ warning: ${c.data}`;
      case 'notice':
        return `ℹ notice: ${c.data}`;
      default:
        return line;
    }
  }
}

/** runBundledAction gives an action its own GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files. */
function withoutStepFiles(env: Record<string, string>): Record<string, string> {
  const { GITHUB_OUTPUT: _output, GITHUB_STATE: _state, GITHUB_STEP_SUMMARY: _summary, ...rest } = env;
  return rest;
}

/** A compact text record of a workflow run (used by the main command's summary). */
export function flattenJobs(rec: WorkflowRecord): JobRecord[] {
  return rec.jobs.flatMap((j) => [j, ...(j.called ? flattenJobs(j.called) : [])]);
}
