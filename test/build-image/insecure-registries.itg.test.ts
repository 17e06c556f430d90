// build-image's insecure-registries against a real plain-http registry on a
// non-loopback address: the multi-host lab's open registry (scripts/lab.sh,
// lab 0, 198.18.100.254:5000), reached over the lab bridge. The input covers
// the action's own registry client (the push-access check and the digest
// verification); `docker push` goes through the host's Docker daemon, which
// speaks plain http only to registries in its daemon.json insecure-registries
// (here 127.0.0.0/8 alone, so it refuses the lab registry: the action must
// say so). The verification is tested on an image copied into the lab
// registry by the registry client. Only repositories under
// helper-bi-insecure/ are written, and removed again.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Failure, InputError } from '@switchyard/kit';
import { copyImage, RegistryClient } from '@switchyard/registry';
import { actionDir, infra, runBundledAction, type RunResult } from '@switchyard/testkit';
import { openPushSession } from '../../actions/build-image/src/registry';
import { lab } from '../lab/support';
import { buildAndPush, deleteManifests, dockerCli, runId } from '../support/registry-images';

const env = infra();
const target = lab(0).registry; // 198.18.100.254:5000, plain http
const id = runId();
const base = `helper-bi-insecure/${id}`;
const ws = mkdtempSync(join(tmpdir(), 'helper-bi-insecure-'));
const built = `${target}/${base}/built`;

let source: RegistryClient;
let lan: RegistryClient;
let digest = '';

/** Whether the host's Docker daemon would push to the lab registry over plain http (its daemon.json insecure-registries). */
function daemonAllowsPlainHttp(): boolean {
  const cfg = JSON.parse(dockerCli(['info', '--format', '{{json .RegistryConfig}}'])) as {
    InsecureRegistryCIDRs?: string[] | null;
    IndexConfigs?: Record<string, { Secure: boolean }>;
  };
  if (cfg.IndexConfigs?.[target]?.Secure === false) return true;
  const nets = new BlockList();
  for (const cidr of cfg.InsecureRegistryCIDRs ?? []) {
    const [net, bits] = cidr.split('/');
    if (isIP(net!) === 4) nets.addSubnet(net!, Number(bits), 'ipv4');
  }
  return nets.check(target.replace(/:\d+$/, ''), 'ipv4');
}

const build = (inputs: Record<string, string>): Promise<RunResult> =>
  runBundledAction(actionDir('build-image'), { inputs: { image: built, tags: 'v1', builder: 'legacy', ...inputs }, cwd: ws, timeoutMs: 120_000 });
const errors = (r: RunResult) => r.annotations.filter((a) => a.level === 'error').map((a) => a.message);

beforeAll(async () => {
  writeFileSync(join(ws, 'Dockerfile'), `FROM switchyard/busybox:1\nRUN echo ${JSON.stringify(`helper-bi-insecure-${id}-built`)} > /id\n`);
  source = new RegistryClient({ registry: env.registry, credentials: null });
  lan = new RegistryClient({ registry: target, credentials: null, insecureRegistries: [target] });
  digest = buildAndPush(`${env.registry}/${base}/catalog:v1`, `helper-bi-insecure-${id}`);
  await copyImage({ source: { client: source, repository: `${base}/catalog` }, target: { client: lan, repository: `${base}/catalog` }, digest, tags: ['v1'] });
}, 120_000);

afterAll(async () => {
  dockerCli(['image', 'rm', '-f', `${built}:v1`]);
  if (digest) {
    await deleteManifests(lan, [`${base}/catalog`], [digest]);
    await deleteManifests(source, [`${base}/catalog`], [digest]);
  }
  const pushed = await lan.headManifest(`${base}/built`, 'v1').catch(() => undefined);
  if (pushed) await deleteManifests(lan, [`${base}/built`], [pushed.digest]);
  source?.close();
  lan?.close();
});

describe('the push session (probe and verification) over plain http', () => {
  it('without the registry listed, the probe is an InputError naming insecure-registries and the daemon', async () => {
    const session = openPushSession({ registry: target, repository: `${base}/catalog` }, { username: '', password: '', insecureRegistries: [] });
    try {
      const e = await session.probe().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).input).toBe('insecure-registries');
      expect((e as Error).message).toBe(
        `Input 'insecure-registries': GET https://${target}/v2/: ${target} answered in plain http, not https (TLS: wrong version number, EPROTO); ${target} is not in insecure-registries`,
      );
      expect((e as InputError).hint).toContain(
        `add ${target} to insecure-registries (and to the insecure-registries of the Docker daemon that pushes, in its daemon.json)`,
      );
    } finally {
      session.close();
    }
  });

  it('with its network listed, the probe and the verification of a pushed digest go over plain http', async () => {
    const session = openPushSession(
      { registry: target, repository: `${base}/catalog` },
      { username: '', password: '', insecureRegistries: ['198.18.100.0/24'] },
    );
    try {
      expect(await session.probe()).toEqual({ auth: 'none', source: 'anonymous' });
      const v = await session.verify(['v1'], digest);
      expect(v).toMatchObject({ digest, platforms: 1 });
      expect(v.size).toBeGreaterThan(1000);
      const other = `sha256:${'0'.repeat(64)}`;
      const e = await session.verify(['v1'], other).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(Failure);
      expect((e as Error).message).toBe(
        `verification failed: ${target}/${base}/catalog:v1 resolves to ${digest} in the registry, but the push reported ${other}`,
      );
    } finally {
      session.close();
    }
  });
});

describe('build-image (bundled) pushing to the lab registry', () => {
  it('without insecure-registries: stops before building, naming the input, the registry and the daemon', async () => {
    const r = await build({});
    expect(r.code).toBe(1);
    const errs = errors(r);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toContain(`Input 'insecure-registries': GET https://${target}/v2/: ${target} answered in plain http, not https`);
    expect(errs[0]).toContain(`Hint: if the network to ${target} is trusted`);
    expect(errs[0]).toContain('daemon.json');
    expect(errs[0]).not.toContain('this is a bug');
    expect(r.stdout).not.toMatch(/Built |retrying in/);
  });

  it('with insecure-registries: the probe passes over plain http; the push then depends on the daemon’s own list', async () => {
    const r = await build({ 'insecure-registries': 'ghcr.io\n198.18.100.0/24' });
    expect(r.stdout).toContain(
      `${target}: plain http (listed in insecure-registries), not encrypted; the Docker daemon must list it in its insecure-registries too`,
    );
    expect(r.stdout).toContain(`Registry ${target}: auth none, credentials from anonymous`);
    expect(r.stdout).toMatch(/Built sha256:[a-f0-9]{64}/);
    if (daemonAllowsPlainHttp()) {
      // A daemon with the lab registry in its insecure-registries: pushed and verified over plain http.
      expect(errors(r)).toEqual([]);
      expect(r.code).toBe(0);
      expect(r.outputs.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      expect((await lan.headManifest(`${base}/built`, 'v1'))?.digest).toBe(r.outputs.digest);
    } else {
      // This host's daemon (127.0.0.0/8 only) speaks https to it: a reported failure saying which list to change.
      expect(r.code).toBe(1);
      const errs = errors(r);
      expect(errs).toHaveLength(1);
      expect(errs[0]).toContain(`docker push "${built}:v1" failed`);
      expect(errs[0]).toContain('server gave HTTP response to HTTPS client');
      expect(errs[0]).toContain(`Hint: the Docker daemon that pushes speaks https to ${target}: list ${target} in insecure-registries in its daemon.json`);
      expect(errs[0]).not.toContain('this is a bug');
      expect(await lan.headManifest(`${base}/built`, 'v1')).toBeUndefined();
    }
  });
});
