// The pipeline's teardown of its stacks (packages/local-pipeline/src/stacks.ts),
// on the host's real single-node Swarm: a stack with a service and two overlay
// networks is deployed, removed through the docker door, and must be gone —
// containers, services and networks — when removeStacks returns, so the same
// stack deploys again at once. A network held by a container outside the
// stack is reported by name. Stack names are unique to this test.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { waitFor } from '@switchyard/kit';
import { infra } from '@switchyard/testkit';
import { removeStacks } from '../../packages/local-pipeline/src/stacks';

const id = randomBytes(3).toString('hex');
const stack = `helper-lp-teardown-${id}`;
const absent = `helper-lp-teardown-absent-${id}`;
const holder = `helper-lp-teardown-holder-${id}`;
const dir = mkdtempSync(join(tmpdir(), 'helper-lp-teardown-'));
const compose = join(dir, 'stack.yml');
const label = `label=com.docker.stack.namespace=${stack}`;

const docker = (...args: string[]) => execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const lines = (out: string) => out.split('\n').filter(Boolean);
const containers = () => lines(docker('ps', '--quiet', '--filter', label));
const networks = () => lines(docker('network', 'ls', '--filter', label, '--format', '{{.Name}}')).sort();
const services = () => lines(docker('service', 'ls', '--quiet', '--filter', label));

async function deploy() {
  docker('stack', 'deploy', '--resolve-image', 'never', '--compose-file', compose, stack);
  await waitFor(async () => (containers().length ? { done: true, value: undefined } : { done: false, progress: 'no container running yet' }), {
    label: `stack ${stack} to run`,
    timeoutMs: 60_000,
  });
}

beforeAll(() => {
  writeFileSync(
    compose,
    [
      'version: "3.8"',
      'services:',
      '  app:',
      `    image: ${infra().images.busybox}`,
      '    command: ["sleep", "3600"]',
      '    stop_grace_period: 1s',
      '    networks: [default, backend]',
      'networks:',
      '  backend:',
      '    driver: overlay',
      '    attachable: true',
      '',
    ].join('\n'),
  );
});

afterAll(async () => {
  spawnSync('docker', ['rm', '--force', holder], { stdio: 'ignore' });
  await removeStacks([stack]).catch(() => {});
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('removeStacks', () => {
  it('removes a running stack quietly, with a stack that does not exist beside it, and returns only once its containers and networks are gone', async () => {
    await deploy();
    expect(networks()).toEqual([`${stack}_backend`, `${stack}_default`]);
    const printed = jest.spyOn(process.stdout, 'write');
    try {
      await removeStacks([stack, absent]);
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
    expect(containers()).toEqual([]);
    expect(services()).toEqual([]);
    expect(networks()).toEqual([]);
  }, 120_000);

  it('leaves nothing in the way of deploying the same stack again at once', async () => {
    await deploy();
    expect(services()).toHaveLength(1);
    expect(networks()).toEqual([`${stack}_backend`, `${stack}_default`]);
    await removeStacks([stack]);
    expect(networks()).toEqual([]);
  }, 120_000);

  it('names a network it cannot remove (held by a container outside the stack), after the networks timeout', async () => {
    await deploy();
    docker('run', '--detach', '--name', holder, '--network', `${stack}_backend`, infra().images.busybox, 'sleep', '3600');
    const started = Date.now();
    await expect(removeStacks([stack], { networksTimeoutMs: 2_000 })).rejects.toThrow(
      new RegExp(`^network\\(s\\) ${stack}_backend of stack\\(s\\) ${stack} still there after 2\\.0s`),
    );
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(containers()).toEqual([]);
    expect(networks()).toEqual([`${stack}_backend`]);
    docker('rm', '--force', holder);
    await removeStacks([stack]);
    expect(networks()).toEqual([]);
  }, 120_000);
});
