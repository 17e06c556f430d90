// The multi-host lab (scripts/lab.sh) from the tests: its coordinates, its
// hosts' docker daemons, faults, and the ssh settings for DOCKER_HOST=ssh://.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@switchyard/testkit';

export interface LabHost {
  name: string;
  addr: string;
  role: 'manager' | 'worker';
  namespace: string;
  /** unix:// socket of the host's own dockerd, reachable from the machine. */
  docker: string;
}

export interface Lab {
  lab: number;
  dir: string;
  bridge: string;
  subnet: string;
  gateway: string;
  swarm: boolean;
  registry: string;
  authRegistry: string;
  authUser: string;
  authPassword: string;
  ssh: { user: string; privateKey: string; knownHosts: string };
  images: { busybox: string };
  manager: string;
  hosts: LabHost[];
}

export const labScript = join(repoRoot, 'scripts/lab.sh');
const run = promisify(execFile);

/** Runs scripts/lab.sh; rejects with its stderr on failure. */
export async function labCmd(args: string[], timeoutMs = 120_000): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run('bash', [labScript, ...args], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 << 20 });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(`scripts/lab.sh ${args.join(' ')} failed: ${err.stderr || err.stdout || err.message}`, { cause: e });
  }
}

/** The coordinates of lab K. Throws a loud error when it is not up: lab tests never skip. */
export function lab(k = 0): Lab {
  const file = join(repoRoot, '.local/lab', String(k), 'env.json');
  if (!existsSync(file)) throw new Error(`The multi-host lab ${k} is not up (${file} is missing). Run \`bash scripts/lab.sh up --lab ${k}\` (as root) first.`);
  return JSON.parse(readFileSync(file, 'utf8')) as Lab;
}

export const host = (l: Lab, name: string): LabHost => {
  const h = l.hosts.find((x) => x.name === name);
  if (!h) throw new Error(`lab ${l.lab} has no host ${name}`);
  return h;
};

/** `docker` against one lab host's own daemon (synchronous, throws with stderr). */
export function hostDocker(h: LabHost, ...args: string[]): string {
  try {
    return execFileSync('docker', ['-H', h.docker, ...args], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 16 << 20 });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`docker -H ${h.docker} ${args.join(' ')}: ${err.stderr || err.message}`, { cause: e });
  }
}

/** `docker` against the lab's (first) manager. */
export const managerDocker = (l: Lab, ...args: string[]) => hostDocker(host(l, l.manager), ...args);

/** The known_hosts text of the lab (one pinned ed25519 key per host). */
export const knownHosts = (l: Lab) => readFileSync(l.ssh.knownHosts, 'utf8');
export const privateKey = (l: Lab) => readFileSync(l.ssh.privateKey, 'utf8');

export interface LabImage {
  repository: string;
  digest: string;
  /** repository@digest */
  pinned: string;
}

/**
 * Builds `lab-<name>:<version>` on the lab's first host (busybox httpd serving
 * `version` on :8080; `healthy: false` leaves out /health so its healthcheck
 * fails) and pushes it to the lab's open registry, or to the htpasswd one with
 * `dockerConfig` (a DOCKER_CONFIG logged in to it). Nothing is pulled.
 */
export function buildLabImage(
  l: Lab,
  name: string,
  version: string,
  opts: { healthy?: boolean; registry?: string; dockerConfig?: string; registryOnly?: boolean } = {},
): LabImage {
  const h = host(l, l.hosts[0]!.name);
  const dir = mkdtempSync(join(tmpdir(), 'lab-image-'));
  writeFileSync(
    join(dir, 'Dockerfile'),
    [
      'FROM switchyard/busybox:1',
      `RUN mkdir -p /www && echo ${version} > /www/index.html${opts.healthy === false ? '' : ' && echo ok > /www/health'}`,
      'CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]',
      '',
    ].join('\n'),
  );
  const repository = `${opts.registry ?? l.registry}/lab-${name}`;
  const tag = `${repository}:${version}`;
  const env = { ...process.env, ...(opts.dockerConfig ? { DOCKER_CONFIG: opts.dockerConfig } : {}) };
  const d = (...args: string[]) => execFileSync('docker', ['-H', h.docker, ...args], { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], env });
  d('build', '-q', '-t', tag, dir);
  d('push', '-q', tag);
  const digest = d('image', 'inspect', '--format', '{{range .RepoDigests}}{{println .}}{{end}}', tag)
    .split('\n')
    .find((x) => x.startsWith(`${repository}@`))!
    .slice(repository.length + 1);
  // Only in the registry: every host, the builder too, must pull it.
  if (opts.registryOnly) d('image', 'rm', tag);
  return { repository, digest, pinned: `${repository}@${digest}` };
}

/** Per host: the images of the running containers of a Swarm service (what each host really serves). */
export function imagesByHost(l: Lab, service: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const h of l.hosts) {
    let images: string[] = [];
    try {
      const ids = hostDocker(h, 'ps', '-q', '--filter', `label=com.docker.swarm.service.name=${service}`).split('\n').filter(Boolean);
      if (ids.length)
        images = hostDocker(h, 'inspect', '--format', '{{.Config.Image}}', ...ids)
          .split('\n')
          .filter(Boolean);
    } catch {
      images = []; // a host whose daemon is down serves nothing we can see
    }
    out[h.name] = images.sort();
  }
  return out;
}

/** Polls `check` every 250 ms until it returns true or `timeoutMs` passes (then throws with `what`). */
export async function until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    let ok: boolean;
    try {
      ok = check();
    } catch {
      ok = false;
    }
    if (ok) return Date.now() - t0;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what}: not after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Removes stacks on the lab and waits until their containers are gone on every live host. */
export async function removeLabStacks(l: Lab, names: string[]): Promise<void> {
  const mgr = host(l, l.manager);
  for (const n of names) {
    const ids = hostDocker(mgr, 'service', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${n}`).split('\n').filter(Boolean);
    if (ids.length) hostDocker(mgr, 'service', 'rm', ...ids);
  }
  await until(
    `containers of ${names.join(', ')} gone`,
    () => l.hosts.every((h) => names.every((n) => hostDocker(h, 'ps', '-aq', '--filter', `label=com.docker.stack.namespace=${n}`).trim() === '')),
    60_000,
  );
  for (const n of names) {
    await until(`networks of ${n} removed`, () => {
      const nets = hostDocker(mgr, 'network', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${n}`).split('\n').filter(Boolean);
      if (nets.length) hostDocker(mgr, 'network', 'rm', ...nets);
      return true;
    });
  }
}
