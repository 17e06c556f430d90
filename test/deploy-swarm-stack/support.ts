// Helpers for the deploy-swarm-stack integration tests: images built from the
// no-pull base image and pushed to the local registry (for real digests),
// stack files, release manifests, and cleanup of everything named dss-*.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { infra } from '@switchyard/testkit';
import { webDockerfile, webServiceHead } from '../support/web-service';

export const sh = (cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; input?: string } = {}) =>
  execFileSync(cmd, args, {
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
    ...(opts.input === undefined ? {} : { input: opts.input }),
  });
export const docker = (...args: string[]) => sh('docker', args);

/** Builds `dss-<name>` with /www/index.html = version; `healthy: false` leaves out /www/health (its healthcheck fails). Returns repository and digest. */
export function buildImage(name: string, version: string, healthy = true): { repository: string; digest: string; ref: string } {
  const { registry, images } = infra();
  const dir = mkdtempSync(join(tmpdir(), 'dss-image-'));
  writeFileSync(join(dir, 'Dockerfile'), webDockerfile(images.busybox, version, healthy));
  const repository = `${registry}/dss-${name}`;
  const tag = `${repository}:${version}`;
  sh('docker', ['build', '-q', '-t', tag, dir]);
  sh('docker', ['push', '-q', tag]);
  const repoDigest = docker('image', 'inspect', '--format', '{{range .RepoDigests}}{{println .}}{{end}}', tag)
    .split('\n')
    .find((l) => l.startsWith(`${repository}@`))!;
  const digest = repoDigest.slice(repository.length + 1);
  return { repository, digest, ref: tag };
}

export function tempDir(prefix = 'dss-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function writeFile(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

export function writeRelease(dir: string, name: string, version: string, services: Record<string, { repository: string; digest: string }>): string {
  const manifest = {
    schemaVersion: 1,
    version,
    commit: '0123456789abcdef0123456789abcdef01234567',
    created: new Date().toISOString(),
    services: Object.fromEntries(Object.entries(services).map(([n, s]) => [n, { image: s.repository, digest: s.digest }])),
  };
  return writeFile(dir, name, JSON.stringify(manifest, null, 2));
}

/** Stack names of the tests' stacks that exist now. */
export function stacks(): string[] {
  return docker('stack', 'ls', '--format', '{{.Name}}')
    .split('\n')
    .filter((s) => s.startsWith('dss-'));
}

/**
 * Removes stacks (also ones whose services our rollback already removed) and
 * waits until their services, containers and networks are gone. Engine 20.10
 * leaves the exited containers of job tasks behind: those are removed here.
 */
export async function removeStacks(names: string[]): Promise<void> {
  const byLabel = (what: string[], n: string) =>
    docker(...what, '--filter', `label=com.docker.stack.namespace=${n}`)
      .split('\n')
      .filter(Boolean);
  const services = names.flatMap((n) => byLabel(['service', 'ls', '-q'], n));
  if (services.length) docker('service', 'rm', ...services);
  const deadline = Date.now() + 60_000;
  for (;;) {
    const running = names.flatMap((n) => byLabel(['ps', '-q'], n));
    if (running.length === 0) break;
    if (Date.now() > deadline) throw new Error(`containers of ${names.join(', ')} still running after 60s: ${running.join(' ')}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  const exited = names.flatMap((n) => byLabel(['ps', '-aq'], n));
  if (exited.length) sh('docker', ['rm', '-f', ...exited]);
  for (;;) {
    const networks = names.flatMap((n) => byLabel(['network', 'ls', '-q'], n));
    if (networks.length === 0) return;
    try {
      docker('network', 'rm', ...networks);
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

/** The images (with digests) of the running tasks of a service. */
export function runningImages(service: string): string[] {
  const ids = docker('service', 'ps', '-q', '--no-trunc', '--filter', 'desired-state=running', service).split('\n').filter(Boolean);
  if (!ids.length) return [];
  return docker('inspect', '--type', 'task', '--format', '{{.Status.State}} {{.Spec.ContainerSpec.Image}}', ...ids)
    .split('\n')
    .filter((l) => l.startsWith('running '))
    .map((l) => l.slice('running '.length));
}

/** A stack file for the tests: small healthcheck intervals and update/rollback windows keep it fast. */
export function webStack(opts: { port?: number; extra?: string; constraint?: string } = {}): string {
  return `version: "3.8"
services:
  web:
${webServiceHead('${WEB_IMAGE}')}${opts.port ? `    ports:\n      - { target: 8080, published: ${opts.port}, mode: host }\n` : ''}    deploy:
      replicas: 1
${opts.constraint ? `      placement: { constraints: ["${opts.constraint}"] }\n` : ''}      restart_policy: { condition: any, delay: 1s }
      update_config: { parallelism: 1, delay: 0s, monitor: 2s, failure_action: rollback, order: stop-first }
      rollback_config: { parallelism: 1, delay: 0s, monitor: 1s, order: stop-first }
${opts.extra ?? ''}`;
}
