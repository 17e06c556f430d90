// The lab itself (scripts/lab.sh), on its own instance (lab 2) so it never
// disturbs the lab the deploy tests use: bring-up time, hosts that really are
// separate (own engine, hostname, sshd, no route out), key-only ssh with pinned
// host keys, both registries from every host, and a tear-down that leaves
// nothing behind on the machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { repoRoot } from '@switchyard/testkit';
import { hostDocker, iptablesRules, lab, labCmd, leftovers, type Lab } from './support';

const K = 2;
const sh = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });

let l: Lab;
let upSeconds: number;
let rulesBefore: string[];
let hostSwarmBefore: string;
let sshDir: string;

beforeAll(async () => {
  await labCmd(['down', '--lab', String(K)]);
  expect(leftovers(K)).toEqual([]);
  rulesBefore = iptablesRules();
  hostSwarmBefore = sh('docker', ['info', '--format', '{{.Swarm.NodeID}} {{.Swarm.LocalNodeState}}']).trim();
  const t0 = Date.now();
  await labCmd(['up', '--lab', String(K)]);
  upSeconds = (Date.now() - t0) / 1000;
  l = lab(K);
  sshDir = mkdtempSync(join(tmpdir(), 'lab-ssh-'));
}, 120_000);

afterAll(async () => {
  await labCmd(['down', '--lab', String(K)]);
}, 60_000);

/** ssh into a lab host with the given known_hosts and extra options. */
function ssh(addr: string, knownHostsFile: string, extra: string[], command: string) {
  const cfg = join(sshDir, 'config');
  writeFileSync(
    cfg,
    [
      'Host *',
      `  IdentityFile ${l.ssh.privateKey}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${knownHostsFile}`,
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
      '  BatchMode yes',
      '  ConnectTimeout 5',
      '',
    ].join('\n'),
  );
  return spawnSync('ssh', ['-F', cfg, ...extra, `root@${addr}`, command], { encoding: 'utf8', timeout: 20_000 });
}

describe('lab up', () => {
  it('brings up 1 manager + 2 workers in a swarm within 15 s', () => {
    expect(upSeconds).toBeLessThanOrEqual(15);
    expect(l.hosts.map((h) => `${h.name}:${h.role}`)).toEqual(['manager1:manager', 'worker1:worker', 'worker2:worker']);
    const nodes = hostDocker(l.hosts[0]!, 'node', 'ls', '--format', '{{.Hostname}} {{.Status}} {{.ManagerStatus}}')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
      .sort();
    expect(nodes).toEqual(['manager1 Ready Leader', 'worker1 Ready', 'worker2 Ready']);
  });

  it('gives every host its own engine and hostname, and no route out of the bridge', () => {
    const ids = l.hosts.map((h) => hostDocker(h, 'info', '--format', '{{.ID}} {{.Name}}').trim());
    expect(new Set(ids.map((i) => i.split(' ')[0])).size).toBe(3);
    expect(ids.map((i) => i.split(' ')[1])).toEqual(['manager1', 'worker1', 'worker2']);
    const hostEngine = sh('docker', ['info', '--format', '{{.ID}}']).trim();
    expect(ids.map((i) => i.split(' ')[0])).not.toContain(hostEngine);
    for (const h of l.hosts) {
      expect(sh('ip', ['-n', h.namespace, 'route', 'show', 'default']).trim()).toBe('');
      const out = spawnSync('ip', ['netns', 'exec', h.namespace, 'curl', '-s', '-m', '2', 'http://192.0.2.1/'], { encoding: 'utf8' });
      expect(out.status).not.toBe(0);
    }
  });

  it('reaches the open and the htpasswd registry from every host', async () => {
    for (const h of l.hosts) {
      const code = (port: number) =>
        sh('bash', [
          join(repoRoot, 'scripts/lab.sh'),
          'exec',
          '--lab',
          String(K),
          h.name,
          'curl',
          '-s',
          '-o',
          '/dev/null',
          '-w',
          '%{http_code}',
          `http://${l.gateway}:${port}/v2/`,
        ]);
      expect(`${h.name} ${code(5000)} ${code(5001)}`).toBe(`${h.name} 200 401`);
    }
  });

  it('serves ssh with pinned host keys and keys only', () => {
    const h = l.hosts[1]!;
    const ok = ssh(h.addr, l.ssh.knownHosts, [], 'hostname; docker info --format "{{.Name}}"');
    expect(ok.stderr).toBe('');
    expect(ok.stdout.trim().split('\n')).toEqual([h.name, h.name]);
    // A known_hosts pinning another host's key: refused.
    const other = l.hosts[2]!;
    const wrong = join(sshDir, 'wrong_known_hosts');
    const otherKey = readFileSync(l.ssh.knownHosts, 'utf8')
      .split('\n')
      .find((line) => line.startsWith(`${other.addr} `))!;
    writeFileSync(wrong, otherKey.replace(other.addr, h.addr) + '\n');
    const bad = ssh(h.addr, wrong, [], 'true');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED/);
    // No password or keyboard-interactive login is offered.
    const pw = ssh(h.addr, l.ssh.knownHosts, ['-o', 'PubkeyAuthentication=no', '-o', 'PreferredAuthentications=password,keyboard-interactive'], 'true');
    expect(pw.status).not.toBe(0);
    expect(pw.stderr).toMatch(/Permission denied \(publickey\)/);
  });

  it('adds exactly one firewall rule of its own and leaves the host daemon and its swarm alone', () => {
    const now = iptablesRules();
    const added = now.filter((r) => !rulesBefore.includes(r));
    expect(added.filter((r) => r.includes(`switchyard-lab${K}`))).toHaveLength(1);
    expect(rulesBefore.filter((r) => !now.includes(r) && /FORWARD|DOCKER/.test(r))).toEqual([]);
    expect(sh('docker', ['info', '--format', '{{.Swarm.NodeID}} {{.Swarm.LocalNodeState}}']).trim()).toBe(hostSwarmBefore);
  });
});

describe('lab down', () => {
  it('removes namespaces, links, rules, cgroups, mounts, processes and state, even with services running', async () => {
    // Something running on every host first: containers have namespaces and cgroups of their own.
    hostDocker(
      l.hosts[0]!,
      'service',
      'create',
      '--quiet',
      '--name',
      'lab-teardown',
      '--replicas',
      '3',
      '--replicas-max-per-node',
      '1',
      l.images.busybox,
      'sleep',
      '600',
    );
    const deadline = Date.now() + 30_000;
    while (
      hostDocker(l.hosts[0]!, 'service', 'ps', '-q', '--filter', 'desired-state=running', 'lab-teardown').trim().split('\n').length < 3 ||
      !l.hosts.every((h) => hostDocker(h, 'ps', '-q').trim() !== '')
    ) {
      if (Date.now() > deadline) throw new Error('lab-teardown service not running on every host after 30 s');
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(leftovers(K).length).toBeGreaterThan(0);
    const t0 = Date.now();
    await labCmd(['down', '--lab', String(K)]);
    const downSeconds = (Date.now() - t0) / 1000;
    expect(leftovers(K)).toEqual([]);
    expect(downSeconds).toBeLessThan(20);
    const now = iptablesRules();
    expect(rulesBefore.filter((r) => !now.includes(r) && /FORWARD|DOCKER/.test(r))).toEqual([]);
    expect(sh('docker', ['info', '--format', '{{.Swarm.NodeID}} {{.Swarm.LocalNodeState}}']).trim()).toBe(hostSwarmBefore);
  }, 90_000);
});
