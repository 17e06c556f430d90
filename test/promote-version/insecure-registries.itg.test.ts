// insecure-registries against a real plain-http registry on a non-loopback
// address: the multi-host lab's open registry (scripts/lab.sh, lab 0,
// 198.18.100.254:5000), reached from the machine over the lab bridge. The
// release starts in the infra registry (127.0.0.1:5000); promote-version's
// bundled dist copies it into the lab registry by digest. Only repositories
// under helper-insecure/ are written, and removed again.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { actionDir, infra, runBundledAction, type RunResult } from '@switchyard/testkit';
import { PlainHttpRegistryError, RegistryClient } from '@switchyard/registry';
import { lab } from '../lab/support';
import { buildAndPush, deleteManifests, runId } from '../support/registry-images';

const env = infra();
const labEnv = lab(0);
const target = labEnv.registry; // 198.18.100.254:5000, plain http
const id = runId();
const base = `helper-insecure/${id}`;
const version = `2026.12.01-${id}`;
const dir = mkdtempSync(join(tmpdir(), 'helper-insecure-'));

let source: RegistryClient;
let lan: RegistryClient;
let digest: string;
let releaseFile: string;

function promote(inputs: Record<string, string | boolean>): Promise<RunResult> {
  return runBundledAction(actionDir('promote-version'), {
    inputs: { 'github-token': '', 'require-verified': false, environments: 'uat, prod, dr', ...inputs },
    timeoutMs: 60_000,
  });
}
const errors = (r: RunResult) => r.annotations.filter((a) => a.level === 'error').map((a) => a.message);

beforeAll(() => {
  source = new RegistryClient({ registry: env.registry, credentials: null });
  // The test's own view of the lab registry, over plain http (listed exactly).
  lan = new RegistryClient({ registry: target, credentials: null, insecureRegistries: [target] });
  digest = buildAndPush(`${env.registry}/${base}/catalog:build`, `helper-insecure-${id}`);
  releaseFile = join(dir, 'release.json');
  writeFileSync(
    releaseFile,
    JSON.stringify({
      schemaVersion: 1,
      version,
      commit: randomBytes(20).toString('hex'),
      created: '2026-12-01T13:00:00Z',
      services: { catalog: { image: `${env.registry}/${base}/catalog`, digest, tags: ['build'] } },
    }),
  );
}, 90_000);

afterAll(async () => {
  if (digest) {
    await deleteManifests(lan, [`${base}/prod/catalog`, `${base}/cidr/catalog`], [digest]);
    await deleteManifests(source, [`${base}/catalog`], [digest]);
  }
  source?.close();
  lan?.close();
});

describe('a plain-http registry on a non-loopback address', () => {
  it('the registry client speaks https to it unless told, and fails at once with PlainHttpRegistryError', async () => {
    const retries: string[] = [];
    const strict = new RegistryClient({ registry: target, credentials: null, timeoutMs: 20_000, log: (l) => retries.push(l) });
    const started = Date.now();
    try {
      expect(strict.baseUrl).toBe(`https://${target}`);
      const e = await strict.ping().catch((x: unknown) => x);
      expect(e).toBeInstanceOf(PlainHttpRegistryError);
      expect((e as PlainHttpRegistryError).registry).toBe(target);
      expect((e as Error).message).toContain(`GET https://${target}/v2/: ${target} answered in plain http, not https (TLS: wrong version number, EPROTO)`);
      expect((e as PlainHttpRegistryError).hint).toContain("Docker's insecure-registries");
    } finally {
      strict.close();
    }
    // Not retried to the 20 s deadline.
    expect(retries).toEqual([]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await lan.ping()).toEqual({ auth: 'none' });
    expect(lan.baseUrl).toBe(`http://${target}`);
  });

  it('promote-version without insecure-registries stops before writing, naming the input and the registry', async () => {
    const r = await promote({ 'release-file': releaseFile, from: 'uat', to: 'prod', 'target-registry': target, 'target-repository-prefix': `${base}/prod` });
    expect(r.code).toBe(1);
    const errs = errors(r);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toContain(`Input 'insecure-registries': GET https://${target}/v2/: ${target} answered in plain http, not https`);
    expect(errs[0]).toContain(`${target} is not in insecure-registries`);
    expect(errs[0]).toContain(
      `Hint: if the network to ${target} is trusted (as for a Docker daemon with it in insecure-registries), add ${target} to insecure-registries`,
    );
    expect(errs[0]).not.toContain('this is a bug');
    expect(r.stdout).not.toMatch(/retrying in/);
    expect(await lan.headManifest(`${base}/prod/catalog`, digest)).toBeUndefined();
  });

  it('with the registry listed, it copies the release into it by digest (source loopback, target plain http)', async () => {
    const r = await promote({
      'release-file': releaseFile,
      from: 'uat',
      to: 'prod',
      'target-registry': target,
      'target-repository-prefix': `${base}/prod`,
      'insecure-registries': `ghcr.io, ${target}`,
      'output-file': join(dir, 'release-{env}.json'),
    });
    expect(errors(r)).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${target}: plain http (listed in insecure-registries), not encrypted`);
    const promoted = JSON.parse(r.outputs.promoted!) as Record<string, { digest: string; image: string; status: string }>;
    expect(promoted.catalog).toMatchObject({ digest, image: `${target}/${base}/prod/catalog`, status: 'copied' });
    expect((await lan.headManifest(`${base}/prod/catalog`, digest))?.digest).toBe(digest);
    expect((await lan.headManifest(`${base}/prod/catalog`, 'prod'))?.digest).toBe(digest);
    expect((await lan.headManifest(`${base}/prod/catalog`, `prod-${version}`))?.digest).toBe(digest);
    expect(r.outputs['release-file']).toBe(join(dir, 'release-prod.json'));
  });

  it('a CIDR entry (as in the lab daemons’ daemon.json) also reaches it as the source and the target', async () => {
    // Promote the prod release (images now in the lab registry) onwards: the source client is the plain-http one too.
    const r = await promote({
      'release-file': join(dir, 'release-prod.json'),
      from: 'prod',
      to: 'dr',
      'target-repository-prefix': `${base}/cidr`,
      'insecure-registries': labEnv.subnet,
      'output-file': join(dir, 'release-{env}.json'),
    });
    expect(labEnv.subnet).toBe('198.18.100.0/24');
    expect(errors(r)).toEqual([]);
    expect(r.code).toBe(0);
    const promoted = JSON.parse(r.outputs.promoted!) as Record<string, { digest: string; image: string; source: string; status: string }>;
    expect(promoted.catalog).toMatchObject({
      digest,
      image: `${target}/${base}/cidr/catalog`,
      source: `${target}/${base}/prod/catalog@${digest}`,
      status: 'copied',
    });
    expect((await lan.headManifest(`${base}/cidr/catalog`, 'dr'))?.digest).toBe(digest);
  });
});
