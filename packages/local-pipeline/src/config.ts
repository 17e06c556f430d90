// The local environments file (workflows-examples/local/environments.yml):
// what stands in for each environment on this machine, and the vars/secrets
// the workflows read there. Strings may use `${{ infra.* }}` (the local
// infrastructure's coordinates) — evaluated by the same expression evaluator.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { evaluateDeep } from './expr';

export interface ProxyConfig {
  name: string;
  port: number;
  'admin-port': number;
  /** HAProxy's Prometheus exporter port (scraped by the infra's Prometheus with the colours' /metrics), when the canary analysis needs it. */
  'metrics-port'?: number;
  blue: string;
  green: string;
  backend: string;
}

export interface LocalEnvironment {
  name: string;
  /** The multi-host lab (scripts/lab.sh instance K) this environment's Swarm runs on, if any. */
  lab?: number;
  /** MariaDB database (and its own user) standing in for this environment's MySQL/RDS. */
  database?: { name: string; user?: string; password?: string };
  /** Swarm stacks of this environment (removed by teardown). */
  stacks: string[];
  /** The HAProxy front (UAT/Prod). */
  proxy?: ProxyConfig;
  /** The host name users reach the environment by (Host header through the front). */
  host?: string;
  /** Where the environment answers (the front for UAT/Prod), for checks and the load generator. */
  url: string;
  vars: Record<string, string>;
  secrets: Record<string, string>;
}

export interface Release {
  /** Extra repository variables for this release's QA run. */
  vars: Record<string, string>;
  /** The commit id the local push pretends to be (default: the checkout's HEAD, or a digest of HEAD and the release name). */
  sha?: string;
  description: string;
  /** This release must be stopped before live traffic (the `--broken` release). */
  expectStopped: boolean;
  /**
   * A command (argv, run from the repository root) that writes the service repository as it is at
   * this release's commit into `{dir}`; that folder is then the workspace of all the release's runs.
   * Absent: the configured workspace (the working tree) is the release.
   */
  materialize?: string[];
}

export interface LocalConfig {
  file: string;
  repository: string;
  actionRepositories: string[];
  /** Absolute path of GITHUB_WORKSPACE (the service repository). */
  workspace: string;
  workflows: { qa: string; promote: string };
  /** Names of promote.yml's workflow_dispatch inputs. */
  promoteInputs: { version: string; target: string };
  /** QA job output holding the release version. */
  versionOutput: string;
  vars: Record<string, string>;
  secrets: Record<string, string>;
  environments: Record<string, LocalEnvironment>;
  /** The promotion path after QA, e.g. ['uat', 'prod']. */
  promotions: string[];
  releases: Record<string, Release>;
  /** Keep-alive connections, plus loops that open a new connection per request (a proxy's connect path). */
  load: { path: string; connections: number; newConnections: number };
}

const strMap = (v: unknown, where: string): Record<string, string> => {
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error(`${where} must be a mapping`);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === null || x === undefined ? '' : String(x)]));
};

function databaseOf(v: unknown, where: string): { name: string; user?: string; password?: string } {
  if (typeof v === 'string') return { name: v };
  if (!v || typeof v !== 'object') throw new Error(`${where} must be a name or { name, user, password }`);
  const d = v as Record<string, unknown>;
  if (!d.name) throw new Error(`${where}.name is required`);
  if ((d.user === undefined) !== (d.password === undefined)) throw new Error(`${where}: give both user and password, or neither`);
  return { name: String(d.name), ...(d.user !== undefined ? { user: String(d.user), password: String(d.password) } : {}) };
}

/** Lab K's state folder (scripts/lab.sh). */
export const labDir = (repoRoot: string, lab: number) => join(repoRoot, '.local/lab', String(lab));

/**
 * The `lab` context of an environment on lab K: its env.json, plus the contents of its
 * client key and known_hosts (what a repository stores as a secret and a variable).
 * Empty while the lab is down (the strings that use it evaluate to '').
 */
export function labContext(repoRoot: string, lab: number): Record<string, unknown> {
  const envFile = join(labDir(repoRoot, lab), 'env.json');
  if (!existsSync(envFile)) return {};
  const env = JSON.parse(readFileSync(envFile, 'utf8')) as { ssh: { privateKey: string; knownHosts: string } };
  return { ...env, sshPrivateKey: readFileSync(env.ssh.privateKey, 'utf8'), sshKnownHosts: readFileSync(env.ssh.knownHosts, 'utf8').trim() };
}

/** The lab each environment runs on (environments.*.lab), read before anything is evaluated. */
export function labsOf(raw: Record<string, unknown>, file: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, e] of Object.entries((raw.environments ?? {}) as Record<string, Record<string, unknown> | null>)) {
    if (e?.lab === undefined) continue;
    if (typeof e.lab !== 'number' || !Number.isInteger(e.lab) || e.lab < 0 || e.lab > 9)
      throw new Error(`${file}: environments.${name}.lab must be a lab number 0-9 (scripts/lab.sh --lab K), got ${JSON.stringify(e.lab)}`);
    out[name] = e.lab;
  }
  return out;
}

export function loadConfig(repoRoot: string, infra: unknown, file = join(repoRoot, 'workflows-examples/local/environments.yml')): LocalConfig {
  const doc = parseDocument(readFileSync(file, 'utf8'), { uniqueKeys: true });
  if (doc.errors[0]) throw new Error(`${file}: invalid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  const js = doc.toJS() as Record<string, unknown>;
  const labs = labsOf(js, file);
  // An environment on a lab also sees `lab`; everything else only `infra`.
  const { environments: rawEnvs, ...top } = js;
  const raw = evaluateDeep(top, { infra }) as Record<string, unknown>;
  raw.environments = Object.fromEntries(
    Object.entries((rawEnvs ?? {}) as Record<string, unknown>).map(([name, e]) => [
      name,
      evaluateDeep(e, labs[name] === undefined ? { infra } : { infra, lab: labContext(repoRoot, labs[name]) }),
    ]),
  );
  const where = (k: string) => `${file}: ${k}`;
  const req = (v: unknown, k: string) => {
    if (v === undefined || v === null || v === '') throw new Error(`${where(k)} is required`);
    return v;
  };
  const workspace = resolve(repoRoot, String(req(raw.workspace, 'workspace')));
  const wfs = (raw.workflows ?? {}) as Record<string, unknown>;
  const envs: Record<string, LocalEnvironment> = {};
  for (const [name, e] of Object.entries((raw.environments ?? {}) as Record<string, Record<string, unknown>>)) {
    const proxy = e.proxy as Record<string, unknown> | undefined;
    envs[name] = {
      name,
      ...(labs[name] !== undefined ? { lab: labs[name] } : {}),
      ...(e.database ? { database: databaseOf(e.database, where(`environments.${name}.database`)) } : {}),
      stacks: Array.isArray(e.stacks) ? e.stacks.map(String) : [],
      ...(proxy
        ? {
            proxy: {
              name: String(req(proxy.name, `environments.${name}.proxy.name`)),
              port: Number(req(proxy.port, `environments.${name}.proxy.port`)),
              'admin-port': Number(req(proxy['admin-port'], `environments.${name}.proxy.admin-port`)),
              ...(proxy['metrics-port'] !== undefined ? { 'metrics-port': Number(proxy['metrics-port']) } : {}),
              blue: String(req(proxy.blue, `environments.${name}.proxy.blue`)),
              green: String(req(proxy.green, `environments.${name}.proxy.green`)),
              backend: String(proxy.backend ?? 'app'),
            },
          }
        : {}),
      ...(e.host ? { host: String(e.host) } : {}),
      url: String(req(e.url, `environments.${name}.url`)),
      vars: strMap(e.vars, where(`environments.${name}.vars`)),
      secrets: strMap(e.secrets, where(`environments.${name}.secrets`)),
    };
  }
  const promotions = Array.isArray(raw.promotions) ? raw.promotions.map(String) : ['uat', 'prod'];
  for (const p of ['qa', ...promotions]) if (!envs[p]) throw new Error(`${where('environments')} has no '${p}'`);
  const releases: Record<string, Release> = {};
  for (const [name, r] of Object.entries((raw.releases ?? { first: {} }) as Record<string, Record<string, unknown>>)) {
    releases[name] = {
      vars: strMap(r?.vars, where(`releases.${name}.vars`)),
      ...(r?.sha ? { sha: String(r.sha) } : {}),
      description: String(r?.description ?? name),
      expectStopped: r?.['expect-stopped'] === true,
      ...(Array.isArray(r?.materialize) ? { materialize: r.materialize.map(String) } : {}),
    };
    if (releases[name]!.materialize && !releases[name]!.materialize!.includes('{dir}'))
      throw new Error(`${where(`releases.${name}.materialize`)} must contain {dir}`);
  }
  const pi = (raw['promote-inputs'] ?? {}) as Record<string, unknown>;
  const load = (raw.load ?? {}) as Record<string, unknown>;
  return {
    file,
    repository: String(req(raw.repository, 'repository')),
    actionRepositories: Array.isArray(raw['action-repositories']) ? raw['action-repositories'].map(String) : [],
    workspace,
    workflows: {
      qa: resolve(workspace, String(wfs.qa ?? '.github/workflows/qa.yml')),
      promote: resolve(workspace, String(wfs.promote ?? '.github/workflows/promote.yml')),
    },
    promoteInputs: { version: String(pi.version ?? 'version'), target: String(pi.target ?? 'target') },
    versionOutput: String(raw['version-output'] ?? 'version'),
    vars: strMap(raw.vars, where('vars')),
    secrets: strMap(raw.secrets, where('secrets')),
    environments: envs,
    promotions,
    releases,
    load: { path: String(load.path ?? '/healthz'), connections: Number(load.connections ?? 8), newConnections: Number(load['new-connections'] ?? 0) },
  };
}
