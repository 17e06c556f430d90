import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readActionMeta } from './action-meta';

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  properties: Record<string, string>;
}

export interface RunResult {
  /** Process exit code (1 when the action called setFailed). */
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  /** State saved for the post step (GITHUB_STATE). */
  state: Record<string, string>;
  /** Job summary Markdown written by this step. */
  summary: string;
  annotations: Annotation[];
  /** Values the action asked the runner to mask. */
  masks: string[];
  durationMs: number;
  /** The step's private RUNNER_TEMP. */
  runnerTemp: string;
}

export interface RunOptions {
  /** Inputs by their action.yml names; unset ones get action.yml defaults, as on the runner. */
  inputs?: Record<string, string | number | boolean>;
  /** Extra environment. */
  env?: Record<string, string>;
  /** `main` (default) or `post`. */
  stage?: 'main' | 'post';
  /** State from an earlier stage (for `post`). */
  state?: Record<string, string>;
  /** Working directory (GITHUB_WORKSPACE); default: a fresh temp dir. */
  cwd?: string;
  /** Reuse a RUNNER_TEMP (e.g. main and post of one step). */
  runnerTemp?: string;
  /** Kill the action after this long. */
  timeoutMs?: number;
  /** Node binary (default: the one running the tests). */
  node?: string;
  /** Called with each chunk of stdout/stderr as it arrives. */
  onOutput?: (chunk: string) => void;
  /** Sends the action this signal (as the runner does on cancel) when the output so far matches. */
  signalWhen?: { output: RegExp; signal: NodeJS.Signals };
}

/** Parses the runner's `name<<DELIM … DELIM` and `name=value` file format. */
export function parseKeyValueFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delim] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delim; i++) value.push(lines[i]!);
      if (i >= lines.length) throw new Error(`unterminated value for ${name} (delimiter ${delim})`);
      out[name!] = value.join('\n');
    } else {
      const eq = line.indexOf('=');
      if (eq < 0) throw new Error(`malformed line in runner file: ${line}`);
      out[line.slice(0, eq)] = line.slice(eq + 1);
    }
  }
  return out;
}

const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');

/** One workflow command line (`::name key=value,…::data`), unescaped; undefined for an ordinary log line. */
export function parseCommand(line: string): { command: string; properties: Record<string, string>; data: string } | undefined {
  const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) return undefined;
  const [, command = '', props = '', data = ''] = m;
  const properties: Record<string, string> = {};
  for (const kv of props.split(',').filter(Boolean)) {
    const eq = kv.indexOf('=');
    properties[kv.slice(0, eq)] = unescape(kv.slice(eq + 1));
  }
  return { command, properties, data: unescape(data) };
}

/** Reads workflow commands (annotations, masks) from a step's stdout. */
export function parseCommands(stdout: string): { annotations: Annotation[]; masks: string[] } {
  const annotations: Annotation[] = [];
  const masks: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const c = parseCommand(line);
    if (!c) continue;
    if (c.command === 'add-mask') masks.push(c.data);
    if (c.command === 'error' || c.command === 'warning' || c.command === 'notice')
      annotations.push({ level: c.command, message: c.data, properties: c.properties });
  }
  return { annotations, masks };
}

/** The env var name the runner uses for an input. */
export const inputEnvName = (name: string) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

/**
 * Runs an action's bundled entry (`runs.main` or `runs.post` from action.yml)
 * as the GitHub runner does: a node process with INPUT_* (defaults filled in
 * from action.yml), GITHUB_OUTPUT / GITHUB_STATE / GITHUB_STEP_SUMMARY files,
 * RUNNER_TEMP, STATE_* for post, and the GITHUB_* context.
 */
export async function runBundledAction(actionDir: string, opts: RunOptions = {}): Promise<RunResult> {
  const dir = resolve(actionDir);
  const meta = readActionMeta(dir);
  const stage = opts.stage ?? 'main';
  const entry = stage === 'main' ? meta.runs.main : meta.runs.post;
  if (!entry) throw new Error(`${dir}/action.yml has no runs.${stage}`);
  const work = mkdtempSync(join(tmpdir(), 'switchyard-step-'));
  const workspace = opts.cwd ?? mkdtempSync(join(tmpdir(), 'switchyard-workspace-'));
  const runnerTemp = opts.runnerTemp ?? mkdtempSync(join(tmpdir(), 'switchyard-runner-temp-'));
  const files = { GITHUB_OUTPUT: join(work, 'output'), GITHUB_STATE: join(work, 'state'), GITHUB_STEP_SUMMARY: join(work, 'summary.md') };
  for (const f of Object.values(files)) writeFileSync(f, '');

  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith('INPUT_') || k.startsWith('STATE_') || k.startsWith('GITHUB_') || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_REPOSITORY: 'switchyard/example',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_ID: '1000',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKFLOW: 'test',
    GITHUB_JOB: 'test',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTION_PATH: dir,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    ...files,
  });
  for (const [name, m] of Object.entries(meta.inputs)) if (m.default !== undefined) env[inputEnvName(name)] = m.default;
  for (const [name, v] of Object.entries(opts.inputs ?? {})) {
    if (!(name in meta.inputs)) throw new Error(`input '${name}' is not declared in ${dir}/action.yml`);
    env[inputEnvName(name)] = String(v);
  }
  for (const [k, v] of Object.entries(opts.state ?? {})) env[`STATE_${k}`] = v;
  Object.assign(env, opts.env);

  const started = performance.now();
  const child = spawn(opts.node ?? process.execPath, [join(dir, entry)], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  if (opts.signalWhen) {
    const { output, signal } = opts.signalWhen;
    let sent = false;
    // Registered first, so `stdout` does not hold this chunk yet.
    child.stdout.on('data', (c: Buffer) => {
      if (!sent && output.test(stdout + c.toString())) sent = child.kill(signal);
    });
  }
  child.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
    opts.onOutput?.(c.toString());
  });
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
    opts.onOutput?.(c.toString());
  });
  const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : undefined;
  const code = await new Promise<number>((res, rej) => {
    child.on('error', rej);
    child.on('close', (c, signal) => res(c ?? (signal ? 128 : 1)));
  });
  if (timer) clearTimeout(timer);
  const durationMs = performance.now() - started;
  const { annotations, masks } = parseCommands(stdout);
  const read = (f: string) => readFileSync(f, 'utf8');
  const result: RunResult = {
    code,
    stdout,
    stderr,
    outputs: parseKeyValueFile(read(files.GITHUB_OUTPUT)),
    state: parseKeyValueFile(read(files.GITHUB_STATE)),
    summary: read(files.GITHUB_STEP_SUMMARY),
    annotations,
    masks,
    durationMs,
    runnerTemp,
  };
  // The step's runner files are read; RUNNER_TEMP stays for a post stage that may reuse it.
  rmSync(work, { recursive: true, force: true });
  return result;
}
