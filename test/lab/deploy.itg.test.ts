// deploy-swarm-stack on the multi-host lab (lab 0: 1 manager + 2 workers),
// over ssh:// to the manager with its pinned host key, through the bundled
// dist as the runner runs it: spreading over hosts, a broken image rolled back
// on every host, a private registry with and without with-registry-auth.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { actionDir, runBundledAction, type RunOptions, type RunResult } from '@switchyard/testkit';
import { buildLabImages, host, imagesByHost, lab, managerDocker, removeLabStacks, type Lab, type LabImage } from './support';
import { webServiceHead } from '../support/web-service';

const action = actionDir('deploy-swarm-stack');
const SPREAD = 'lab-spread';
const PRIVATE = 'lab-private';
const PRIVATE_NEW = 'lab-private-new';
const ALL = [SPREAD, PRIVATE, PRIVATE_NEW];
const PORT = 18181;

let l: Lab;
let dir: string;
let dockerConfig: string;
let img: Record<'v1' | 'broken' | 'private' | 'private2', LabImage>;

interface ServiceOut {
  name: string;
  digest: string;
  desired: number;
  running: number;
  state: string;
  reason?: string;
}
const services = (r: RunResult) => JSON.parse(r.outputs.services ?? '[]') as ServiceOut[];
const errors = (r: RunResult) =>
  r.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('\n');

/** A web service on every host: one replica per node, spread over the zone label, host-mode port. */
function spreadStack(opts: { replicas?: number; port?: number } = {}): string {
  return `version: "3.8"
services:
  web:
${webServiceHead('${WEB_IMAGE}', { init: true })}${opts.port ? `    ports:\n      - { target: 8080, published: ${opts.port}, mode: host }\n` : ''}    deploy:
      replicas: ${opts.replicas ?? 3}
      endpoint_mode: dnsrr
      placement:
        max_replicas_per_node: 1
        constraints: ["node.labels.role == app"]
        preferences: [{ spread: node.labels.zone }]
      restart_policy: { condition: any, delay: 1s }
      update_config: { parallelism: 1, delay: 0s, monitor: 2s, failure_action: rollback, order: stop-first }
      rollback_config: { parallelism: 0, delay: 0s, monitor: 1s, order: stop-first }
`;
}

const sshInputs = () => ({
  'docker-host': `ssh://root@${host(l, l.manager).addr}`,
  'ssh-private-key': readFileSync(l.ssh.privateKey, 'utf8'),
  'ssh-known-hosts': readFileSync(l.ssh.knownHosts, 'utf8'),
});

async function deploy(stack: string, stackFile: string, image: string, inputs: RunOptions['inputs'] = {}, opts: Partial<RunOptions> = {}): Promise<RunResult> {
  const r = await runBundledAction(action, {
    timeoutMs: 150_000,
    ...opts,
    inputs: { 'stack-name': stack, 'stack-file': stackFile, env: `WEB_IMAGE=${image}`, timeout: '90s', 'pending-grace': '8s', ...sshInputs(), ...inputs },
  });
  if (process.env.LAB_TEST_LOG) writeFileSync(join(tmpdir(), `lab-log-${stack}-${Date.now()}.txt`), r.stdout + r.stderr);
  return r;
}

const serving = async (addr: string, port = PORT) => (await (await fetch(`http://${addr}:${port}/`)).text()).trim();

beforeAll(async () => {
  l = lab(0);
  await removeLabStacks(l, ALL);
  dir = mkdtempSync(join(tmpdir(), 'lab-deploy-'));
  dockerConfig = mkdtempSync(join(tmpdir(), 'lab-docker-config-'));
  execFileSync('docker', ['-H', host(l, l.manager).docker, 'login', '-u', l.authUser, '--password-stdin', l.authRegistry], {
    input: l.authPassword,
    env: { ...process.env, DOCKER_CONFIG: dockerConfig },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  img = await buildLabImages(l, {
    v1: { name: 'web', version: 'v1' },
    broken: { name: 'web', version: 'v3-broken', healthy: false },
    private: { name: 'private', version: 'p1', registry: l.authRegistry, dockerConfig },
    private2: { name: 'private', version: 'p2', registry: l.authRegistry, dockerConfig, registryOnly: true },
  });
  writeFileSync(join(dir, 'spread.yml'), spreadStack({ port: PORT }));
  writeFileSync(join(dir, 'private.yml'), spreadStack());
}, 120_000);

afterAll(async () => {
  await removeLabStacks(l, ALL);
}, 90_000);

describe('deploy-swarm-stack on three hosts over ssh://', () => {
  it('spreads the replicas over the hosts and says which host runs what', async () => {
    const r = await deploy(SPREAD, join(dir, 'spread.yml'), img.v1.pinned);
    expect(errors(r)).toBe('');
    expect(r.code).toBe(0);
    expect(services(r)).toMatchObject([{ name: `${SPREAD}_web`, digest: img.v1.digest, desired: 3, running: 3, state: 'converged' }]);
    expect(imagesByHost(l, `${SPREAD}_web`)).toEqual({ manager1: [img.v1.pinned], worker1: [img.v1.pinned], worker2: [img.v1.pinned] });
    for (const h of l.hosts) expect(`${h.name} ${await serving(h.addr)}`).toBe(`${h.name} v1`);
    for (const h of l.hosts) expect(r.summary).toMatch(new RegExp(`${h.name}`));
  }, 120_000);

  it('rolls a broken image back on every host: the old digest runs everywhere', async () => {
    const r = await deploy(SPREAD, join(dir, 'spread.yml'), img.broken.pinned);
    expect(r.code).toBe(1);
    expect(r.outputs['rolled-back']).toBe('true');
    expect(errors(r)).toMatch(/lab-spread_web/);
    expect(services(r)).toMatchObject([{ name: `${SPREAD}_web`, digest: img.v1.digest, running: 3, state: 'converged' }]);
    expect(imagesByHost(l, `${SPREAD}_web`)).toEqual({ manager1: [img.v1.pinned], worker1: [img.v1.pinned], worker2: [img.v1.pinned] });
    for (const h of l.hosts) expect(`${h.name} ${await serving(h.addr)}`).toBe(`${h.name} v1`);
  }, 150_000);
});

describe('a private registry', () => {
  it('pulls on every host with with-registry-auth', async () => {
    const r = await deploy(PRIVATE, join(dir, 'private.yml'), img.private.pinned, { 'with-registry-auth': true }, { env: { DOCKER_CONFIG: dockerConfig } });
    expect(errors(r)).toBe('');
    expect(services(r)).toMatchObject([{ name: `${PRIVATE}_web`, digest: img.private.digest, running: 3, state: 'converged' }]);
    expect(imagesByHost(l, `${PRIVATE}_web`)).toEqual({ manager1: [img.private.pinned], worker1: [img.private.pinned], worker2: [img.private.pinned] });
  }, 120_000);

  it('without with-registry-auth: fails with "No such image", a credentials hint, and removes the new service', async () => {
    // A new stack, with an image no host has: every host must pull it, and none may.
    const r = await deploy(PRIVATE_NEW, join(dir, 'private.yml'), img.private2.pinned, {}, { env: { DOCKER_CONFIG: dockerConfig } });
    expect(r.code).toBe(1);
    const e = errors(r);
    expect(e).toMatch(/No such image/);
    expect(e).toMatch(/with-registry-auth/);
    expect(e).toMatch(/removed/);
    expect(e).not.toMatch(/%0D|\r/);
    expect(managerDocker(l, 'service', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${PRIVATE_NEW}`).trim()).toBe('');
  }, 120_000);
});
