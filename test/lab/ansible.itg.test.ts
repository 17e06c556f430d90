// workflows-examples/infra/ansible/site.yml run for real against lab 1, whose
// hosts start with their daemons only (no swarm, no daemon.json): the first
// run configures the engines and forms the swarm, the second changes nothing.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { repoRoot } from '@switchyard/testkit';
import { host, hostDocker, lab, labCmd, type Lab } from './support';

const K = 1;
const playbookDir = join(repoRoot, 'workflows-examples/infra/ansible');
const execFileP = promisify(execFile);

let l: Lab;
let work: string;
let controlPath: string;
let deployKey: string;

interface Recap {
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
}
interface PlaybookRun {
  output: string;
  recap: Record<string, Recap>;
  seconds: number;
}

/** Runs site.yml on the lab's inventory; resolves with the PLAY RECAP per host (rejects on a non-zero exit, with the output). */
async function playbook(): Promise<PlaybookRun> {
  const t0 = Date.now();
  const env = {
    ...process.env,
    ANSIBLE_CONFIG: join(work, 'ansible.cfg'),
    ANSIBLE_NOCOLOR: '1',
    ANSIBLE_FORCE_COLOR: '0',
    ANSIBLE_LOCAL_TEMP: join(work, 'tmp'),
    ANSIBLE_HOME: join(work, 'home'),
  };
  let output: string;
  try {
    const r = await execFileP('ansible-playbook', ['-i', join(work, 'inventory.yml'), join(playbookDir, 'site.yml')], {
      env,
      encoding: 'utf8',
      timeout: 150_000,
      maxBuffer: 16 << 20,
    });
    output = r.stdout + r.stderr;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`ansible-playbook failed:\n${err.stdout ?? ''}${err.stderr ?? err.message}`, { cause: e });
  }
  const recap: Record<string, Recap> = {};
  for (const m of output.matchAll(/^(\S+)\s+:\s+ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)/gm)) {
    recap[m[1]!] = { ok: Number(m[2]), changed: Number(m[3]), unreachable: Number(m[4]), failed: Number(m[5]) };
  }
  return { output, recap, seconds: (Date.now() - t0) / 1000 };
}

beforeAll(async () => {
  await labCmd(['down', '--lab', String(K)]);
  await labCmd(['up', '--lab', String(K), '--no-swarm']);
  l = lab(K);
  work = mkdtempSync(join(tmpdir(), 'lab-ansible-'));
  controlPath = join(work, 'cm-%C');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'deploy@lab-test', '-f', join(work, 'deploy_ed25519')]);
  deployKey = join(work, 'deploy_ed25519');
  // ssh as Ansible runs it by default (a control master per host, kept 60 s: a quarter off each
  // run), with the lab's pinned host keys; the masters are closed before the lab goes down.
  writeFileSync(
    join(work, 'ansible.cfg'),
    [
      '[defaults]',
      'host_key_checking = True',
      'interpreter_python = /usr/bin/python3',
      'forks = 5',
      '[ssh_connection]',
      'pipelining = True',
      `control_path = ${controlPath.replace(/%/g, '%%')}`,
      `ssh_args = -o ControlMaster=auto -o ControlPersist=60s -o UserKnownHostsFile=${l.ssh.knownHosts} -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes`,
      '',
    ].join('\n'),
  );
  const hostVars = (name: string, zone: string) => ({ ansible_host: host(l, name).addr, swarm_addr: host(l, name).addr, swarm_labels: { zone, role: 'app' } });
  const inventory = {
    all: {
      vars: {
        ansible_user: 'root',
        ansible_become: false,
        ansible_ssh_private_key_file: l.ssh.privateKey,
        deploy_user: 'deploy',
        deploy_user_public_key: readFileSync(`${deployKey}.pub`, 'utf8').trim(),
        docker_insecure_registries: [l.subnet],
        swarm_default_addr_pool: ['198.19.0.0/16'],
      },
      children: {
        swarm_managers: { hosts: { manager1: hostVars('manager1', 'z1') } },
        swarm_workers: { hosts: { worker1: hostVars('worker1', 'z2'), worker2: hostVars('worker2', 'z3') } },
      },
    },
  };
  // JSON is YAML: the same shape as inventory.example.yml.
  writeFileSync(join(work, 'inventory.yml'), JSON.stringify(inventory, null, 2));
}, 120_000);

afterAll(async () => {
  // Ansible's ssh control masters run on this machine, connected into the lab: close them first.
  for (const h of l?.hosts ?? []) spawnSync('ssh', ['-o', `ControlPath=${controlPath}`, '-O', 'exit', `root@${h.addr}`], { stdio: 'pipe', timeout: 10_000 });
  await labCmd(['down', '--lab', String(K)]);
}, 60_000);

describe('inventory.example.yml', () => {
  it('parses, and gives every host the variables site.yml uses', () => {
    const inv = JSON.parse(
      execFileSync('ansible-inventory', ['-i', join(playbookDir, 'inventory.example.yml'), '--list'], {
        encoding: 'utf8',
        env: { ...process.env, ANSIBLE_NOCOLOR: '1' },
      }),
    ) as {
      _meta: { hostvars: Record<string, Record<string, unknown>> };
      swarm_managers: { hosts: string[] };
      swarm_workers: { hosts: string[] };
    };
    expect(inv.swarm_managers.hosts).toEqual(['manager1']);
    expect(inv.swarm_workers.hosts).toEqual(['worker1', 'worker2']);
    for (const [name, vars] of Object.entries(inv._meta.hostvars)) {
      expect(
        `${name}: ${Object.keys(vars)
          .filter((k) => ['ansible_host', 'swarm_addr', 'swarm_labels', 'deploy_user_public_key'].includes(k))
          .sort()
          .join(' ')}`,
      ).toBe(`${name}: ansible_host deploy_user_public_key swarm_addr swarm_labels`);
    }
  });
});

describe('Ansible site.yml on the lab', () => {
  let first: PlaybookRun;

  it('starts from hosts that are not in a swarm', () => {
    for (const h of l.hosts) expect(`${h.name} ${hostDocker(h, 'info', '--format', '{{.Swarm.LocalNodeState}}').trim()}`).toBe(`${h.name} inactive`);
  });

  it('first run: configures every engine and forms the swarm', async () => {
    first = await playbook();
    for (const name of ['manager1', 'worker1', 'worker2']) {
      expect(first.recap[name]).toMatchObject({ unreachable: 0, failed: 0 });
      expect(first.recap[name]!.changed).toBeGreaterThan(0);
    }
    const nodes = hostDocker(host(l, 'manager1'), 'node', 'ls', '--format', '{{.Hostname}} {{.Status}} {{.Availability}} {{.ManagerStatus}}')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
      .sort();
    expect(nodes).toEqual(['manager1 Ready Active Leader', 'worker1 Ready Active', 'worker2 Ready Active']);
    const labels = ['manager1', 'worker1', 'worker2'].map((n) =>
      hostDocker(host(l, 'manager1'), 'node', 'inspect', '--format', '{{json .Spec.Labels}}', n).trim(),
    );
    expect(labels.map((s) => JSON.parse(s) as Record<string, string>)).toEqual([
      { role: 'app', zone: 'z1' },
      { role: 'app', zone: 'z2' },
      { role: 'app', zone: 'z3' },
    ]);
    for (const h of l.hosts) {
      // daemon.json took effect (the handler restarted each engine): log rotation and the lab registry as insecure.
      const info = JSON.parse(hostDocker(h, 'info', '--format', '{{json .}}')) as {
        LoggingDriver: string;
        RegistryConfig: { InsecureRegistryCIDRs: string[] };
        Swarm: { LocalNodeState: string };
      };
      expect(info.LoggingDriver).toBe('json-file');
      expect(info.RegistryConfig.InsecureRegistryCIDRs).toContain(l.subnet);
      expect(info.Swarm.LocalNodeState).toBe('active');
      const daemonJson = JSON.parse(
        execFileSync('bash', [join(repoRoot, 'scripts/lab.sh'), 'exec', '--lab', String(K), h.name, 'cat', '/etc/docker/daemon.json'], { encoding: 'utf8' }),
      ) as {
        'log-opts': Record<string, string>;
      };
      expect(daemonJson['log-opts']).toEqual({ 'max-size': '10m', 'max-file': '3' });
    }
  }, 160_000);

  it('the deploy user reaches the manager over DOCKER_HOST=ssh:// with its key only', () => {
    const bin = join(work, 'bin');
    execFileSync('mkdir', ['-p', bin]);
    const cfg = join(work, 'deploy_ssh_config');
    writeFileSync(
      cfg,
      `Host *\n  IdentityFile ${deployKey}\n  IdentitiesOnly yes\n  UserKnownHostsFile ${l.ssh.knownHosts}\n  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n  BatchMode yes\n`,
    );
    writeFileSync(join(bin, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F '${cfg}' "$@"\n`, { mode: 0o755 });
    const out = execFileSync('docker', ['info', '--format', '{{.Name}} {{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'], {
      encoding: 'utf8',
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, DOCKER_HOST: `ssh://deploy@${host(l, 'manager1').addr}` },
    });
    expect(out.trim()).toBe('manager1 active true');
    // The user exists on the lab host only, never on this machine.
    expect(() => execFileSync('getent', ['passwd', 'deploy'], { stdio: 'pipe' })).toThrow();
  }, 30_000);

  it('second run: changed=0 on every host', async () => {
    const second = await playbook();
    const counts = Object.fromEntries(
      Object.entries(second.recap).map(([h, r]) => [h, `changed=${r.changed} unreachable=${r.unreachable} failed=${r.failed}`]),
    );
    expect(counts).toEqual({
      manager1: 'changed=0 unreachable=0 failed=0',
      worker1: 'changed=0 unreachable=0 failed=0',
      worker2: 'changed=0 unreachable=0 failed=0',
    });
  }, 160_000);
});
