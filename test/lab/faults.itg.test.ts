// Node faults on a lab of their own (lab 4), through the bundled deploy-swarm-stack over
// ssh:// to the manager: a worker whose dockerd dies (SIGKILL, as a crashed or
// lost host) while Swarm's updater replaces the task on it, the same worker
// coming back with its stale container, and a worker that dies in the last
// seconds before convergence.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { actionDir, runBundledAction, type RunOptions, type RunResult } from '@switchyard/testkit';
import { buildLabImages, host, imagesByHost, lab, labCmd, managerDocker, until, type Lab, type LabImage } from './support';
import { webServiceHead } from '../support/web-service';

const action = actionDir('deploy-swarm-stack');
/** A lab of its own: these tests kill hosts, which must never disturb the other lab tests. */
const K = 4;
const STACK = 'lab-fault';
const SERVICE = `${STACK}_web`;

let l: Lab;
let dir: string;
let img: Record<'v1' | 'v2' | 'v3', LabImage>;

interface ServiceOut {
  name: string;
  digest: string;
  desired: number;
  running: number;
  state: string;
  reason?: string;
  runningDigests?: Record<string, number>;
}
const services = (r: RunResult) => JSON.parse(r.outputs.services ?? '[]') as ServiceOut[];
const errors = (r: RunResult) =>
  r.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('\n');
const nodeState = (name: string) => managerDocker(l, 'node', 'inspect', '--format', '{{.Status.State}} {{.Spec.Availability}}', name).trim();

const stack = `version: "3.8"
services:
  web:
${webServiceHead('${WEB_IMAGE}', { init: true })}    deploy:
      replicas: 3
      endpoint_mode: dnsrr
      placement:
        # Two per node: Swarm can reschedule a dead node's replica onto the others.
        max_replicas_per_node: 2
        preferences: [{ spread: node.labels.zone }]
      restart_policy: { condition: any, delay: 1s }
      # Every slot at once, right after the kill: the new task of the dead worker's slot is
      # assigned to it while Swarm still counts it Ready (its heartbeat grace), and Swarm's
      # updater then waits for that task for good.
      update_config: { parallelism: 0, delay: 0s, monitor: 1s, failure_action: rollback, order: stop-first }
      rollback_config: { parallelism: 0, delay: 0s, monitor: 1s, order: stop-first }
`;

async function deploy(image: LabImage, inputs: RunOptions['inputs'] = {}, opts: Partial<RunOptions> = {}): Promise<RunResult> {
  const r = await runBundledAction(action, {
    timeoutMs: 200_000,
    ...opts,
    inputs: {
      'stack-name': STACK,
      'stack-file': join(dir, 'stack.yml'),
      env: `WEB_IMAGE=${image.pinned}`,
      timeout: '80s',
      'pending-grace': '5s',
      'docker-host': `ssh://root@${host(l, l.manager).addr}`,
      'ssh-private-key': readFileSync(l.ssh.privateKey, 'utf8'),
      'ssh-known-hosts': readFileSync(l.ssh.knownHosts, 'utf8'),
      ...inputs,
    },
  });
  if (process.env.LAB_TEST_LOG) writeFileSync(join(tmpdir(), `lab-log-${STACK}-${Date.now()}.txt`), r.stdout + r.stderr);
  return r;
}

/** Whether a lab host's own dockerd answers. */
function daemonAlive(name: string): boolean {
  try {
    execFileSync('docker', ['-H', host(l, name).docker, 'info', '--format', '{{.ID}}'], { stdio: 'pipe', timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** Every lab host's dockerd running and its node Ready (a test that failed half-way may have left one dead). */
async function allHostsUp(): Promise<void> {
  for (const h of l.hosts) if (!daemonAlive(h.name)) await labCmd(['start', '--lab', String(K), h.name]);
  await until('every node Ready', () => l.hosts.every((h) => nodeState(h.name) === 'ready active'), 60_000);
}

beforeAll(async () => {
  await labCmd(['down', '--lab', String(K)]);
  await labCmd(['up', '--lab', String(K)]);
  l = lab(K);
  dir = mkdtempSync(join(tmpdir(), 'lab-fault-'));
  writeFileSync(join(dir, 'stack.yml'), stack);
  img = await buildLabImages(l, { v1: { name: 'fault', version: 'v1' }, v2: { name: 'fault', version: 'v2' }, v3: { name: 'fault', version: 'v3' } });
}, 120_000);

afterAll(async () => {
  await labCmd(['down', '--lab', String(K)]);
}, 60_000);

describe('a worker dies while the updater replaces its task', () => {
  let killedAt: number;

  it('fails after pending-grace naming the node and the task, then rolls back, and reports the digests that run', async () => {
    // The stack as it runs before the release: v1, one healthy replica on every host (deployed
    // directly: the action's own first deploy is deploy.itg's, and its 9 s re-check buys nothing here).
    execFileSync('docker', ['-H', host(l, l.manager).docker, 'stack', 'deploy', '--detach=true', '-c', join(dir, 'stack.yml'), STACK], {
      env: { ...process.env, WEB_IMAGE: img.v1.pinned },
      stdio: 'pipe',
    });
    await until('v1 healthy on every host', () => Object.values(imagesByHost(l, SERVICE, { healthy: true })).every((i) => i.join() === img.v1.pinned), 60_000);
    await labCmd(['kill', '--lab', String(K), 'worker2']);
    killedAt = Date.now();
    const r = await deploy(img.v2);
    const reportedAfter = (Date.now() - killedAt) / 1000;
    expect(r.code).toBe(1);
    const e = errors(r);
    expect(e).toMatch(/worker2/);
    expect(e).toMatch(/down/i);
    expect(e).toMatch(/task [a-z0-9]{25}/);
    // Before the 80 s timeout: node Down (~13-20 s after the kill) + pending-grace, then the rollback.
    expect(r.stdout).not.toMatch(/did not converge within/);
    expect(reportedAfter).toBeLessThan(70);
    const [svc] = services(r);
    expect(svc!.name).toBe(SERVICE);
    expect(svc!.runningDigests).toBeDefined();
    expect(Object.keys(svc!.runningDigests!).every((d) => d === img.v1.digest || d === img.v2.digest)).toBe(true);
  }, 200_000);

  it('the worker comes back: its stale task is not counted, and the next deploy converges on every host', async () => {
    await labCmd(['start', '--lab', String(K), 'worker2']);
    await until('worker2 Ready', () => nodeState('worker2') === 'ready active', 60_000);
    const r = await deploy(img.v3);
    expect(errors(r)).toBe('');
    expect(services(r)).toMatchObject([{ name: SERVICE, digest: img.v3.digest, desired: 3, running: 3, state: 'converged' }]);
    await until(
      'only v3 containers on every host',
      () => {
        const by = imagesByHost(l, SERVICE);
        return Object.values(by).every((list) => list.length === 1 && list[0] === img.v3.pinned);
      },
      30_000,
    );
  }, 200_000);
});

describe('a worker that dies just before convergence', () => {
  it('is not reported converged until the re-check through the heartbeat window shows the stack whole', async () => {
    await allHostsUp();
    // The stack as the previous test left it (v3 on every host), or v3 deployed fresh now.
    // worker1 dies the moment the unchanged stack is seen converged: Swarm still counts it (and
    // its replica) Ready for its heartbeat window. The re-check must see the node go down and the
    // replica move, and only then report success.
    let killed: Promise<unknown> | undefined;
    const r = await deploy(
      img.v3,
      {},
      {
        onOutput: (chunk) => {
          if (!killed && chunk.includes('re-checking for')) killed = labCmd(['kill', '--lab', String(K), 'worker1']);
        },
      },
    );
    await killed;
    expect(errors(r)).toBe('');
    expect(r.stdout).toMatch(/re-checking for/);
    expect(r.stdout).toMatch(/no longer converged after/);
    const [svc] = services(r) as (ServiceOut & { hosts: Record<string, number> })[];
    expect(svc).toMatchObject({ desired: 3, running: 3, state: 'converged' });
    expect(Object.keys(svc!.hosts).sort()).toEqual(['manager1', 'worker2']);
    expect(r.summary).toMatch(/Re-checked for [\d.]+s after that/);
    await labCmd(['start', '--lab', String(K), 'worker1']);
  }, 200_000);
});
