// The main job: runs the example workflows QA → UAT → Prod on this machine
// with the local runner, drives keep-alive load through each front proxy
// during the blue/green switches, and reports what answers where.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { infra, repoRoot } from '@switchyard/testkit';
import { labContext, type LocalConfig, type LocalEnvironment, loadConfig } from './config';
import { startGitHubApi } from './github-api';
import { startNotifyStandIns } from './notify';
import { formatDuration } from '@switchyard/kit';
import { liveColor } from '../../../actions/switch-traffic/src/weights';
import { formatLintFinding, lintWorkflows } from './lint';
import { type LoadCounts, LoadGenerator } from './load';
import { flattenJobs, LocalRunner, type StepInfo, type WorkflowRecord } from './runner';
import { removeStacks } from './stacks';
import { formatProblem, validateWorkflowFile } from './validate';

export const stateDir = () => join(repoRoot, '.local/pipeline');
/** Jobs' workspaces and RUNNER_TEMP (outside the repository, like a runner's _work folder). */
const workDir = () => join(tmpdir(), 'pipeline-work');

export interface SwitchReport {
  environment: string;
  job: string;
  step: string;
  mode: string;
  outcome: string;
  load: LoadCounts | null;
}

export interface EnvironmentReport {
  environment: string;
  workflow: string;
  runId: string;
  result: string;
  durationMs: number;
  /** Time spent in canary switch steps (their configured waits), reported apart from the run. */
  canaryMs: number;
  /** The version the environment answers after the run (from /version), or null. */
  answering: string | null;
  liveColour: string | null;
  switches: SwitchReport[];
  /** Load over the whole run (UAT/Prod), or null when nothing was live at the start. */
  load: LoadCounts | null;
  summaries: string[];
  failedSteps: string[];
  /** What each colour's server answered through the front during the run (HAProxy's counters), or null without a front. */
  servers: Record<string, ServerCounts> | null;
}

/** A front's per-server counters (HAProxy `show stat`): requests, and answers that failed (5xx, or no answer at all). */
export interface ServerCounts {
  requests: number;
  failed: number;
}

/** The `--node-fault` run: which host died, when, in which step. */
export interface NodeFault {
  environment: string;
  lab: number;
  host: string;
  step: string;
  /** Time into that step when the host's dockerd was SIGKILLed and its link taken down. */
  afterMs: number;
  /** The host was brought back (link up, dockerd started) after the environment's run. */
  restored: boolean;
}

export interface PipelineReport {
  release: string;
  version: string | null;
  sha: string;
  environments: EnvironmentReport[];
  stopped: { environment: string; reason: string } | null;
  fault: NodeFault | null;
  ok: boolean;
  message: string;
}

export interface PipelineOptions {
  release: string;
  infraUp: boolean;
  quiet: boolean;
  log: (line: string) => void;
  /** Run only QA, or promote an existing version (`skipQa` + `version`). */
  only?: 'qa';
  skipQa?: boolean;
  version?: string;
  /** Promote only to these environments (default: the configured promotions). */
  to?: string[];
  /**
   * Kill a worker of the lab an environment runs on while that environment's idle colour is
   * deployed (dockerd SIGKILLed and its link down, NODE_FAULT_AFTER_MS into the deploy step);
   * it is brought back after the environment's run.
   */
  nodeFault?: boolean;
}

/** When `--node-fault` strikes, into the deploy step: while the idle colour's tasks are being replaced. */
const NODE_FAULT_AFTER_MS = 3000;

function sh(cmd: string, args: string[], log: (l: string) => void, opts: { quietOk?: boolean } = {}) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, encoding: 'utf8' });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}):\n${out}`);
  if (out && !opts.quietOk) for (const l of out.split('\n')) log(`  ${l}`);
  return r.stdout ?? '';
}

/** GET a path through the environment's entry point; resolves the parsed JSON or null. */
export function getJson(env: LocalEnvironment, path: string, timeoutMs = 3000): Promise<{ status: number; body: unknown } | null> {
  const url = new URL(path, env.url);
  return new Promise((resolve) => {
    const req = http.get(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        headers: env.host ? { host: env.host, connection: 'close' } : { connection: 'close' },
        timeout: timeoutMs,
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) });
          } catch {
            resolve({ status: res.statusCode ?? 0, body });
          }
        });
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
  });
}

/** The version an environment answers on /version (a top-level `version` field), or null. */
export async function answeringVersion(env: LocalEnvironment): Promise<string | null> {
  const r = await getJson(env, '/version');
  if (!r || r.status !== 200 || typeof r.body !== 'object' || r.body === null) return null;
  const v = (r.body as Record<string, unknown>).version;
  return typeof v === 'string' ? v : null;
}

/** One command on a front's HAProxy runtime API (its admin port). */
const askProxy = (port: number, cmd: string) =>
  new Promise<string>((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let out = '';
    sock.setTimeout(3000, () => sock.destroy(new Error('timeout')));
    sock.on('connect', () => sock.write(`${cmd}\n`));
    sock.on('data', (c) => (out += c.toString()));
    sock.on('end', () => resolve(out));
    sock.on('error', reject);
  });

/** Weights of the blue/green servers, read from HAProxy's runtime API. */
export async function proxyWeights(env: LocalEnvironment): Promise<{ blue: number; green: number } | null> {
  if (!env.proxy) return null;
  const ask = (cmd: string) => askProxy(env.proxy!['admin-port'], cmd);
  try {
    const blue = parseInt(await ask(`get weight ${env.proxy.backend}/blue`), 10);
    const green = parseInt(await ask(`get weight ${env.proxy.backend}/green`), 10);
    return Number.isNaN(blue) || Number.isNaN(green) ? null : { blue, green };
  } catch {
    return null;
  }
}

/** The blue/green servers' counters since the front started (`show stat`: req_tot; hrsp_5xx + eresp + econ failed), or null. */
export async function proxyServerCounts(env: LocalEnvironment): Promise<Record<string, ServerCounts> | null> {
  if (!env.proxy) return null;
  let csv: string;
  try {
    csv = await askProxy(env.proxy['admin-port'], 'show stat -1 4 -1');
  } catch {
    return null;
  }
  const [head, ...rows] = csv.trim().split('\n');
  const cols = (head ?? '').replace(/^# /, '').split(',');
  const at = (row: string[], name: string) => Number(row[cols.indexOf(name)] || 0);
  const out: Record<string, ServerCounts> = {};
  for (const line of rows) {
    const row = line.split(',');
    if (row[0] !== env.proxy.backend || !['blue', 'green'].includes(row[1] ?? '')) continue;
    out[row[1]!] = { requests: at(row, 'req_tot'), failed: at(row, 'hrsp_5xx') + at(row, 'eresp') + at(row, 'econ') };
  }
  return out.blue && out.green ? out : null;
}

const countsSince = (before: Record<string, ServerCounts> | null, after: Record<string, ServerCounts> | null) =>
  before && after
    ? Object.fromEntries(
        Object.entries(after).map(([c, a]) => [c, { requests: a.requests - (before[c]?.requests ?? 0), failed: a.failed - (before[c]?.failed ?? 0) }]),
      )
    : null;

/** The live colour by switch-traffic's own rule (exactly one colour with weight), or null when the front is down. */
export const liveColourOf = (w: { blue: number; green: number } | null) => (w ? liveColor(w) : null);

function gitHead(): string {
  const r = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '0'.repeat(40);
}

/** The commit id a release's local push pretends to be. */
export function releaseSha(cfg: LocalConfig, release: string, head = gitHead()): string {
  const r = cfg.releases[release]!;
  if (r.sha) return r.sha;
  if (release === Object.keys(cfg.releases)[0]) return head;
  // Later releases are the same tree with other inputs: a stable, distinct id per release.
  return createHash('sha1').update(`${head}:${release}`).digest('hex');
}

const findOutput = (rec: WorkflowRecord, name: string): string | undefined => {
  for (const j of flattenJobs(rec)) for (const leg of j.legs ?? [j]) if (leg.outputs[name]) return leg.outputs[name];
  return undefined;
};

const failedSteps = (rec: WorkflowRecord) =>
  flattenJobs(rec).flatMap((j) =>
    (j.legs ?? [j]).flatMap((leg) =>
      leg.steps.filter((s) => s.outcome === 'failure' && s.conclusion === 'failure').map((s) => `${leg.label} › ${s.name}${s.note ? ` (${s.note})` : ''}`),
    ),
  );

const summariesOf = (rec: WorkflowRecord) => flattenJobs(rec).flatMap((j) => (j.legs ?? [j]).map((l) => l.summaryFile).filter((f): f is string => Boolean(f)));

/** The labs the environments run on. */
const labsIn = (cfg: LocalConfig) => [...new Set(Object.values(cfg.environments).flatMap((e) => (e.lab === undefined ? [] : [e.lab])))];

/**
 * `--node-fault`: the first deploy step of an environment on a lab arms a timer; when it fires,
 * the lab's last worker loses its dockerd (SIGKILL) and its network link, as an EC2 host does
 * when it dies (its containers stop answering; SIGKILL alone would leave them serving).
 * `restore` brings it back once the environment's run is over.
 */
class FaultInjector {
  private timer: NodeJS.Timeout | undefined;
  private fired: NodeFault | null = null;
  private armed = false;

  constructor(
    private readonly cfg: LocalConfig,
    private readonly afterMs: number,
    private readonly log: (l: string) => void,
  ) {}

  arm(environment: string, step: string) {
    const lab = this.cfg.environments[environment]?.lab;
    if (this.armed || lab === undefined) return;
    this.armed = true;
    const hosts = (labContext(repoRoot, lab).hosts ?? []) as Array<{ name: string; role: string }>;
    const host = hosts.filter((h) => h.role === 'worker').pop()?.name;
    if (!host) throw new Error(`--node-fault: lab ${lab} is not up or has no worker to kill`);
    this.timer = setTimeout(() => {
      const kill = spawnSync('bash', ['scripts/lab.sh', 'kill', '--lab', String(lab), host], { cwd: repoRoot, encoding: 'utf8' });
      const link = spawnSync('bash', ['scripts/lab.sh', 'link', '--lab', String(lab), host, 'down'], { cwd: repoRoot, encoding: 'utf8' });
      if (kill.status !== 0 || link.status !== 0) this.log(`  ✖ node fault on ${host} did not take: ${kill.stderr}${link.stderr}`);
      this.fired = { environment, lab, host, step, afterMs: this.afterMs, restored: false };
      this.log(`  ⚡ node fault: ${host} (lab ${lab}) lost its dockerd (SIGKILL) and its network link, ${this.afterMs / 1000} s into '${step}'`);
    }, this.afterMs);
  }

  /** Brings the killed host back (idempotent); the fault, once it fired. */
  restore(): NodeFault | null {
    clearTimeout(this.timer);
    const f = this.fired;
    if (!f || f.restored) return f;
    const lab = ['--lab', String(f.lab)];
    sh('bash', ['scripts/lab.sh', 'link', ...lab, f.host, 'up'], this.log);
    sh('bash', ['scripts/lab.sh', 'start', ...lab, f.host], this.log);
    f.restored = true;
    this.log(`  ↺ node fault: ${f.host} is back (link up, dockerd started)`);
    return f;
  }
}

export async function runPipeline(opts: PipelineOptions): Promise<PipelineReport> {
  const log = opts.log;
  const started = performance.now();
  if (opts.infraUp) {
    log('== local infrastructure (scripts/infra.sh up)');
    sh('bash', ['scripts/infra.sh', 'up'], log);
  }
  const inf = infra();
  // Environments on a multi-host lab: it is started first, so its coordinates (ssh key, known_hosts) are there.
  for (const lab of labsIn(loadConfig(repoRoot, inf))) {
    log(`== multi-host lab ${lab} (scripts/lab.sh up --lab ${lab})`);
    sh('bash', ['scripts/lab.sh', 'up', '--lab', String(lab)], log);
  }
  const cfg = loadConfig(repoRoot, inf);
  const release = cfg.releases[opts.release];
  if (!release) throw new Error(`unknown release '${opts.release}' (${cfg.file} defines: ${Object.keys(cfg.releases).join(', ')})`);
  for (const file of [cfg.workflows.qa, cfg.workflows.promote])
    if (!existsSync(file)) throw new Error(`workflow ${relative(repoRoot, file)} does not exist yet`);
  for (const env of Object.values(cfg.environments)) {
    // The environment's database exists before any deploy, as an RDS instance's would.
    if (env.database) provisionDatabase(env.database);
    if (!env.proxy) continue;
    log(`== front proxy for ${env.name} (scripts/infra.sh proxy up ${env.proxy.name})`);
    sh(
      'bash',
      [
        'scripts/infra.sh',
        'proxy',
        'up',
        env.proxy.name,
        String(env.proxy.port),
        String(env.proxy['admin-port']),
        env.proxy.blue,
        env.proxy.green,
        ...(env.proxy['metrics-port'] ? [String(env.proxy['metrics-port'])] : []),
      ],
      log,
    );
  }
  const state = stateDir();
  mkdirSync(state, { recursive: true });
  mkdirSync(workDir(), { recursive: true });
  let workspace = cfg.workspace;
  if (release.materialize) {
    // The service repository as it is at this release's commit (outside this checkout, like a clone).
    workspace = join(tmpdir(), `pipeline-workspace-${opts.release}`);
    const argv = release.materialize.map((a) => a.replace('{dir}', workspace));
    log(`== workspace of release '${opts.release}': ${argv.join(' ')}`);
    sh(argv[0]!, argv.slice(1), log, { quietOk: true });
  }
  const wfFile = (f: string) => join(workspace, relative(cfg.workspace, f));
  await checkWorkflows(join(workspace, '.github/workflows'), workspace, log);
  const api = await startGitHubApi({ file: join(state, 'github-api.json'), log: (l) => log(`  ${l}`) });
  const notify = await startNotifyStandIns(cfg.vars, cfg.secrets, state, log);
  const sha = releaseSha(cfg, opts.release);
  const report: PipelineReport = {
    release: opts.release,
    version: opts.version ?? null,
    sha,
    environments: [],
    stopped: null,
    fault: null,
    ok: false,
    message: '',
  };
  const promotions = opts.to ?? cfg.promotions;
  for (const t of promotions) if (!cfg.promotions.includes(t)) throw new Error(`--to ${t}: not a promotion target (${cfg.promotions.join(', ')})`);
  const fault = opts.nodeFault ? new FaultInjector(cfg, NODE_FAULT_AFTER_MS, log) : null;
  log(`== release '${opts.release}': ${release.description} (commit ${sha.slice(0, 12)})`);

  const switches: SwitchReport[] = [];
  let load: LoadGenerator | undefined;
  let currentEnv = 'qa';
  const isSwitch = (i: StepInfo) => i.action === 'switch-traffic' && (i.inputs.mode ?? 'status') !== 'status';
  const windowName = (i: StepInfo) => `${i.job} / ${i.step}`;
  const runnerFor = (extraVars: Record<string, string>) =>
    new LocalRunner({
      repoRoot,
      workspace,
      stateDir: state,
      workDir: workDir(),
      repository: cfg.repository,
      actionRepositories: cfg.actionRepositories,
      vars: { ...cfg.vars, ...extraVars },
      secrets: cfg.secrets,
      environments: Object.fromEntries(Object.values(cfg.environments).map((e) => [e.name, { vars: e.vars, secrets: e.secrets }])),
      sha,
      ref: 'refs/heads/main',
      actor: process.env.USER || 'local',
      node: inf.node24,
      apiUrl: api.url,
      quiet: opts.quiet,
      log,
      beforeStep: (i) => {
        if (isSwitch(i) && load) load.openWindow(windowName(i));
        if (i.action === 'deploy-swarm-stack') fault?.arm(currentEnv, i.step);
      },
      afterStep: (i, step) => {
        if (!isSwitch(i)) return;
        const counts = load ? load.closeWindow(windowName(i)) : null;
        switches.push({ environment: currentEnv, job: i.job, step: i.step, mode: i.inputs.mode ?? '', outcome: step.outcome, load: counts });
        if (counts)
          log(
            `      ↳ load during this switch: ${counts.requests} requests, ${counts.errors} errors${counts.errors ? ` ${JSON.stringify(counts.reasons)}` : ''}`,
          );
        else log('      ↳ no load measured during this switch: nothing was live in this environment before');
      },
    });

  try {
    let version = opts.version ?? null;
    if (!opts.skipQa) {
      const qaEnv = cfg.environments.qa!;
      const rec = await runnerFor(release.vars).run(wfFile(cfg.workflows.qa), { event: 'push' });
      version = findOutput(rec, cfg.versionOutput) ?? null;
      report.version = version;
      report.environments.push({
        environment: 'qa',
        workflow: rec.workflow,
        runId: rec.runId,
        result: rec.result,
        durationMs: rec.durationMs,
        canaryMs: 0,
        answering: await answeringVersion(qaEnv),
        liveColour: null,
        switches: [],
        load: null,
        summaries: summariesOf(rec),
        failedSteps: failedSteps(rec),
        servers: null,
      });
      notify?.show(version, 'qa');
      if (rec.result !== 'success') {
        report.stopped = { environment: 'qa', reason: rec.error ?? `failed steps: ${failedSteps(rec).join('; ') || 'see the log'}` };
        return finish(report, release.expectStopped, cfg, log, started);
      }
      if (!version)
        throw new Error(`qa.yml succeeded but no job has an output named '${cfg.versionOutput}' (version-output in ${relative(repoRoot, cfg.file)})`);
    }
    if (opts.only === 'qa') return finish(report, release.expectStopped, cfg, log, started);
    if (!version) throw new Error('no version to promote (give --version when skipping QA)');
    for (const target of promotions) {
      currentEnv = target;
      const env = cfg.environments[target]!;
      const before = await answeringVersion(env);
      load = undefined;
      if (env.proxy && before) {
        load = new LoadGenerator({
          url: new URL(cfg.load.path, env.url).toString(),
          ...(env.host ? { hostHeader: env.host } : {}),
          connections: cfg.load.connections,
          newConnections: cfg.load.newConnections,
        });
        load.start();
        log(
          `== ${target}: live version ${before}; load on ${env.url}${cfg.load.path} for the whole run: ${cfg.load.connections} keep-alive connections, ${cfg.load.newConnections} opening a new connection per request`,
        );
      } else log(`== ${target}: nothing live yet (first deployment): no load to protect`);
      const countsBefore = await proxyServerCounts(env);
      const rec = await runnerFor({}).run(wfFile(cfg.workflows.promote), {
        event: 'workflow_dispatch',
        inputs: { [cfg.promoteInputs.version]: version, [cfg.promoteInputs.target]: target },
      });
      const totals = load ? await load.stop() : null;
      load = undefined;
      report.fault = fault?.restore() ?? report.fault;
      const envSwitches = switches.filter((s) => s.environment === target);
      const canaryMs = flattenJobs(rec)
        .flatMap((j) => j.steps)
        .filter((s) => envSwitches.some((w) => w.step === s.name && w.mode === 'canary'))
        .reduce((a, s) => a + s.durationMs, 0);
      report.environments.push({
        environment: target,
        workflow: rec.workflow,
        runId: rec.runId,
        result: rec.result,
        durationMs: rec.durationMs,
        canaryMs,
        answering: await answeringVersion(env),
        liveColour: liveColourOf(await proxyWeights(env)),
        switches: envSwitches,
        load: totals,
        summaries: summariesOf(rec),
        failedSteps: failedSteps(rec),
        servers: countsSince(countsBefore, await proxyServerCounts(env)),
      });
      notify?.show(version, target);
      if (rec.result !== 'success') {
        report.stopped = { environment: target, reason: rec.error ?? `failed steps: ${failedSteps(rec).join('; ') || 'see the log'}` };
        break;
      }
    }
    return finish(report, release.expectStopped, cfg, log, started);
  } finally {
    if (load) await load.stop();
    fault?.restore();
    await api.close();
    await notify?.close();
  }
}

/**
 * The stopped release had reached live traffic: a switch to it succeeded and the environment answers
 * it (the version alone says nothing when the release promoted is the one already live).
 */
function reachedLiveTraffic(report: PipelineReport, cfg: LocalConfig): boolean {
  if (!report.stopped || !cfg.environments[report.stopped.environment]?.proxy) return false;
  const envRep = report.environments.find((e) => e.environment === report.stopped!.environment);
  const switched = Boolean(envRep?.switches.some((s) => s.mode !== 'rollback' && s.mode !== 'status' && s.outcome === 'success'));
  return switched && Boolean(envRep?.answering) && envRep?.answering === report.version;
}

function finish(report: PipelineReport, expectStopped: boolean, cfg: LocalConfig, log: (l: string) => void, started: number): PipelineReport {
  const errors = report.environments.reduce((a, e) => a + (e.load?.errors ?? 0), 0);
  const last = report.environments[report.environments.length - 1];
  if (report.stopped) {
    const envRep = report.environments.find((e) => e.environment === report.stopped!.environment);
    const live = envRep ? `${envRep.environment} still answers ${envRep.answering ?? 'nothing'}${envRep.liveColour ? ` on ${envRep.liveColour}` : ''}` : '';
    const blueGreen = Boolean(cfg.environments[report.stopped.environment]?.proxy);
    const reachedLive = reachedLiveTraffic(report, cfg);
    if (!blueGreen) report.message = `release ${report.version ?? '(no version)'} failed in ${report.stopped.environment}: ${report.stopped.reason}`;
    else if (reachedLive)
      report.message = `release ${report.version} failed in ${report.stopped.environment} AFTER reaching live traffic: ${report.stopped.reason}`;
    else if (envRep && canaryTookTraffic(envRep)) {
      // The canary took its first share of traffic, and its gate or analysis put the weights back.
      report.message = `release ${report.version} was stopped in ${report.stopped.environment} by its canary, weights restored: ${report.stopped.reason}. ${live}${canaryCounts(envRep)}.`;
      if (expectStopped) report.message = `as expected, the broken ${report.message}`;
    } else {
      report.message = `release ${report.version} was stopped in ${report.stopped.environment} before any traffic moved to it: ${report.stopped.reason}. ${live}.`;
      if (expectStopped) report.message = `as expected, the broken ${report.message}`;
    }
  } else if (expectStopped) {
    report.message = `the broken release ${report.version} was NOT stopped: it reached ${last?.environment ?? 'nowhere'}`;
  } else {
    report.message = errors
      ? `release ${report.version} is live everywhere, but the load saw ${errors} errors`
      : `release ${report.version} is live in ${report.environments.map((e) => e.environment).join(' → ')}`;
  }
  report.ok = !report.stopped && !expectStopped && errors === 0;
  if (report.fault) {
    // A node fault may stop the release (the action's verdict) or not (Swarm rescheduled it):
    // both are a pass when the live colour lost nothing and nothing half-switched.
    const envRep = report.environments.find((e) => e.environment === report.fault!.environment);
    const live = envRep?.liveColour ?? null;
    const frontFailed = envRep?.servers ? Object.values(envRep.servers).reduce((a, c) => a + c.failed, 0) : null;
    const stoppedClean = report.stopped?.environment === report.fault.environment && !reachedLiveTraffic(report, cfg);
    const outcome = !report.stopped ? 'shipped (Swarm rescheduled around the dead host)' : stoppedClean ? 'stopped before any traffic moved' : 'FAILED';
    report.ok = (!report.stopped || stoppedClean) && errors === 0 && frontFailed === 0;
    report.message =
      `node fault: ${report.fault.host} died ${report.fault.afterMs / 1000} s into ${report.fault.environment} › '${report.fault.step}'; the release ${outcome}; ` +
      `the load saw ${errors} errors and the front failed ${frontFailed ?? '?'} requests (live colour now ${live ?? '?'}). ${report.message}`;
  }
  printSummary(report, cfg, log, performance.now() - started);
  writeFileSync(join(stateDir(), 'last-run.json'), JSON.stringify(report, null, 2));
  return report;
}

/** A canary step failed after the new colour (the one not live at the end) answered requests through the front. */
function canaryTookTraffic(e: EnvironmentReport): boolean {
  const idle = e.liveColour === 'blue' ? 'green' : e.liveColour === 'green' ? 'blue' : null;
  return Boolean(idle && e.servers && e.servers[idle]!.requests > 0 && e.switches.some((s) => s.mode === 'canary' && s.outcome === 'failure'));
}

/** `; the canary (green) answered N requests, F failed; the live colour (blue) N, F failed` from the front's counters. */
function canaryCounts(e: EnvironmentReport): string {
  const live = e.liveColour;
  const other = live === 'blue' ? 'green' : live === 'green' ? 'blue' : null;
  if (!e.servers || !live || !other) return '';
  const c = (colour: string) => `${e.servers![colour]!.requests} requests, ${e.servers![colour]!.failed} failed`;
  return `; through the front during the run, the canary (${other}) answered ${c(other)}, the live colour (${live}) ${c(live)}`;
}

const loadCell = (e: EnvironmentReport) => {
  if (e.environment === 'qa') return '—';
  const sw = e.switches.map((s) => (s.load ? `${s.load.requests}/${s.load.errors}` : 'n/a (first deploy)'));
  return sw.length ? sw.join(', ') : 'no switch';
};

function printSummary(r: PipelineReport, cfg: LocalConfig, log: (l: string) => void, ms: number) {
  const rows = [
    [
      'environment',
      'result',
      'version answering',
      'live colour',
      'duration',
      'requests/errors during switch',
      'requests/errors whole run',
      'front: requests/failed per colour',
    ],
    ...r.environments.map((e) => [
      e.environment,
      e.result,
      e.answering ?? '(none)',
      e.liveColour ?? (e.environment === 'qa' ? '— (single stack)' : '?'),
      `${formatDuration(e.durationMs)}${e.canaryMs ? ` (canary ${formatDuration(e.canaryMs)})` : ''}`,
      loadCell(e),
      e.load ? `${e.load.requests}/${e.load.errors}` : '—',
      e.servers ? ['blue', 'green'].map((c) => `${c} ${e.servers![c]!.requests}/${e.servers![c]!.failed}`).join(', ') : '—',
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  log('');
  log(`== summary: release '${r.release}' ${r.version ?? ''} (${formatDuration(ms)} in all)`);
  log(line(rows[0]!));
  log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows.slice(1)) log(line(row));
  if (r.fault)
    log(
      `node fault: ${r.fault.host} (lab ${r.fault.lab}) SIGKILLed and cut off ${r.fault.afterMs / 1000} s into ${r.fault.environment} › '${r.fault.step}'${r.fault.restored ? '; brought back after the run' : ''}`,
    );
  log('');
  log('job summaries:');
  for (const e of r.environments) for (const s of e.summaries) log(`  ${e.environment}: ${relative(repoRoot, s)}`);
  for (const e of r.environments) for (const f of e.failedSteps) log(`  ✖ ${e.environment}: ${f}`);
  log('');
  log(`${r.ok ? '✔' : '✖'} ${r.message}`);
  log(`(report: ${relative(repoRoot, join(stateDir(), 'last-run.json'))}; environments: ${relative(repoRoot, cfg.file)})`);
}

/**
 * Every workflow of the release's workspace through actionlint and GitHub's workflow parser,
 * before anything runs: a workflow GitHub would reject (or warn about) fails here the same way.
 */
async function checkWorkflows(dir: string, workspace: string, log: (l: string) => void) {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
  log(`== checking ${files.length} workflow(s) as GitHub would (actionlint 1.7.7, @actions/workflow-parser)`);
  const lint = (await lintWorkflows(files, workspace)).map(formatLintFinding);
  const parsed = (await Promise.all(files.map((f) => validateWorkflowFile(f, relative(workspace, f))))).flat().map(formatProblem);
  const problems = [...lint, ...parsed];
  if (problems.length) throw new Error(`${problems.length} problem(s) in the workflows; nothing ran:\n${problems.map((p) => `  ${p}`).join('\n')}`);
}

const plainName = (db: string) => {
  if (!/^[A-Za-z0-9_]+$/.test(db)) throw new Error(`database name '${db}' is not a plain identifier`);
  return db;
};

function mariadbRoot(sql: string) {
  const r = spawnSync('mariadb', ['-uroot', '-e', sql], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`mariadb -uroot -e "${sql}" failed: ${r.stderr.trim()}`);
}

/** The environment's database and its own user (as an RDS instance and its app user would be). */
function provisionDatabase(db: { name: string; user?: string; password?: string }) {
  const statements = [`CREATE DATABASE IF NOT EXISTS \`${plainName(db.name)}\``];
  if (db.user) {
    if (!/^[A-Za-z0-9_.-]+$/.test(db.password ?? '')) throw new Error(`the local password of database user ${db.user} must be letters, digits, _ . or -`);
    for (const host of ['localhost', '%']) {
      const u = `'${plainName(db.user)}'@'${host}'`;
      statements.push(
        `CREATE USER IF NOT EXISTS ${u} IDENTIFIED BY '${db.password}'`,
        `ALTER USER ${u} IDENTIFIED BY '${db.password}'`,
        `GRANT ALL PRIVILEGES ON \`${db.name}\`.* TO ${u}`,
      );
    }
  }
  mariadbRoot(statements.join('; '));
}

/** Removes what the pipeline created: stacks, front proxies, databases, local run state. */
export async function teardown(log: (l: string) => void) {
  const inf = infra();
  const cfg = loadConfig(repoRoot, inf);
  // A lab is the pipeline's own: removing it removes its stacks with everything else on it.
  for (const lab of labsIn(cfg)) {
    log(`== removing multi-host lab ${lab} (scripts/lab.sh down --lab ${lab})`);
    spawnSync('bash', ['scripts/lab.sh', 'down', '--lab', String(lab)], { cwd: repoRoot, stdio: 'inherit' });
  }
  const stacks = Object.values(cfg.environments).flatMap((e) => (e.lab === undefined ? e.stacks : []));
  if (stacks.length) {
    log(`== removing stacks ${stacks.join(', ')} (and waiting until their containers and networks are gone)`);
    await removeStacks(stacks);
  }
  for (const e of Object.values(cfg.environments)) {
    if (e.proxy) {
      log(`== stopping front proxy ${e.proxy.name} (and forgetting its weights)`);
      spawnSync('bash', ['scripts/infra.sh', 'proxy', 'down', e.proxy.name], { cwd: repoRoot, stdio: 'inherit' });
      rmSync(join(inf.dir, `proxy-${e.proxy.name}.state`), { force: true });
    }
    if (e.database) {
      log(`== dropping database ${e.database.name}${e.database.user ? ` and user ${e.database.user}` : ''}`);
      mariadbRoot(`DROP DATABASE IF EXISTS \`${plainName(e.database.name)}\``);
      if (e.database.user) mariadbRoot(`DROP USER IF EXISTS '${plainName(e.database.user)}'@'localhost', '${plainName(e.database.user)}'@'%'`);
    }
  }
  rmSync(stateDir(), { recursive: true, force: true });
  for (const r of Object.keys(cfg.releases)) rmSync(join(tmpdir(), `pipeline-workspace-${r}`), { recursive: true, force: true });
  rmSync(workDir(), { recursive: true, force: true });
  log('== removed the local run state (.local/pipeline). Images stay in the local registry; `bash scripts/infra.sh down` stops the infrastructure.');
}
