// The multi-host lab (scripts/lab.sh) from the tests: its coordinates, its
// hosts' docker daemons, faults, and the ssh settings for DOCKER_HOST=ssh://.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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
