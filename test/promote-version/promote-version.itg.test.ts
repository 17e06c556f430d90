// promote-version's bundled dist, run as the runner runs it, against the real
// local registries (127.0.0.1:5000 no auth, 127.0.0.1:5001 htpasswd) and a
// local fake of GitHub's deployments/contents API (octokit pointed at it via
// GITHUB_API_URL), asserting the exact requests.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { actionDir, infra, runBundledAction, type RunResult } from '@switchyard/testkit';
import { copyImage, MediaType, RegistryClient } from '@switchyard/registry';
import type { ReleaseManifest } from '@switchyard/kit';
import { startGitHubFake, type GitHubFake } from '../support/github-fake';
import { buildAndPush, deleteManifests, putIndex, runId } from '../support/registry-images';
import { startRegistryProxy } from '../support/registry-proxy';

const env = infra();
const id = runId();
const base = `promote-test/${id}`;
const version = `2026.11.26-${id}`;
const commit = randomBytes(20).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'promote-test-'));
const TOKEN = 'ghs_fake-token-for-tests';
const GH = '/repos/switchyard/example';

let gh: GitHubFake;
let plain: RegistryClient;
let auth: RegistryClient;
const digests: Record<string, string> = {};
let releaseFile: string;
let uatReleaseFile: string;
let uatDeploymentId: string;

function writeRelease(name: string, m: Omit<ReleaseManifest, 'schemaVersion' | 'created'>): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ schemaVersion: 1, created: '2026-11-26T06:00:00Z', ...m }, null, 2));
  return path;
}
function release(services: Record<string, string>, registry = env.registry): Omit<ReleaseManifest, 'schemaVersion' | 'created'> {
  return {
    version,
    commit,
    services: Object.fromEntries(Object.entries(services).map(([name, digest]) => [name, { image: `${registry}/${base}/${name}`, digest, tags: ['build'] }])),
  };
}
function promote(inputs: Record<string, string | boolean>, extraEnv: Record<string, string> = {}): Promise<RunResult> {
  return runBundledAction(actionDir('promote-version'), {
    inputs: { 'github-token': TOKEN, ...inputs },
    env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: gh.repository, ...extraEnv },
    timeoutMs: 60_000,
  });
}
/** The log as a person sees it (the runner hides ::add-mask:: commands and masks their values). */
const visible = (r: RunResult) =>
  r.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
const errors = (r: RunResult) => r.annotations.filter((a) => a.level === 'error').map((a) => a.message);
const tagDigest = async (c: RegistryClient, repo: string, tag: string) => (await c.headManifest(repo, tag))?.digest;

beforeAll(async () => {
  gh = await startGitHubFake();
  plain = new RegistryClient({ registry: env.registry, credentials: null });
  auth = new RegistryClient({ registry: env.authRegistry, username: env.authUser, password: env.authPassword });
  for (const s of ['catalog', 'cart']) digests[s] = buildAndPush(`${env.registry}/${base}/${s}:build`, `${s}-${id}`);
  releaseFile = writeRelease('release.json', release({ catalog: digests.catalog!, cart: digests.cart! }));
}, 90_000);

afterAll(async () => {
  const names = ['catalog', 'cart', 'web'];
  const all = Object.values(digests);
  await deleteManifests(
    plain,
    names.map((n) => `${base}/${n}`),
    all,
  );
  await deleteManifests(
    auth,
    ['prod', 'multi', 'immut', 'cfg', 'missing', 'dry'].flatMap((p) => names.map((n) => `${base}/${p}/${n}`)),
    all,
  );
  plain?.close();
  auth?.close();
  await gh?.close();
});

describe('promote-version (bundled)', () => {
  it('promotes qa → uat within one registry once QA is verified, and records a deployment awaiting verification', async () => {
    const qa = gh.seed({ environment: 'qa', ref: commit, payload: { version }, states: ['in_progress', 'success'] });
    gh.seed({ environment: 'qa', ref: commit, payload: { version: 'some-other-version' }, states: ['failure'] });
    gh.reset();
    const r = await promote({ 'release-file': releaseFile, from: 'qa', to: 'uat', 'environment-url': 'https://uat.shop.example' });
    expect(errors(r)).toEqual([]);
    expect(r.code).toBe(0);
    for (const s of ['catalog', 'cart']) {
      expect(await tagDigest(plain, `${base}/${s}`, 'uat')).toBe(digests[s]);
      expect(await tagDigest(plain, `${base}/${s}`, `uat-${version}`)).toBe(digests[s]);
    }
    const promoted = JSON.parse(r.outputs.promoted!) as Record<string, { digest: string; image: string; refs: string[]; status: string }>;
    expect(promoted.cart).toEqual({
      digest: digests.cart,
      image: `${env.registry}/${base}/cart`,
      refs: [`${env.registry}/${base}/cart:uat`, `${env.registry}/${base}/cart:uat-${version}`, `${env.registry}/${base}/cart@${digests.cart}`],
      source: `${env.registry}/${base}/cart@${digests.cart}`,
      status: 'already-present',
    });
    expect(r.outputs.version).toBe(version);
    uatReleaseFile = r.outputs['release-file']!;
    const out = JSON.parse(readFileSync(uatReleaseFile, 'utf8')) as ReleaseManifest;
    expect(out).toMatchObject({
      schemaVersion: 1,
      version,
      commit,
      services: { catalog: { image: `${env.registry}/${base}/catalog`, digest: digests.catalog, tags: ['uat', `uat-${version}`] } },
    });

    // Exactly these GitHub calls, in this order.
    uatDeploymentId = r.outputs['deployment-id']!;
    expect(gh.lines()).toEqual([
      `GET ${GH}/deployments`,
      `GET ${GH}/deployments/${qa}/statuses`,
      `POST ${GH}/deployments`,
      `POST ${GH}/deployments/${uatDeploymentId}/statuses`,
    ]);
    expect(gh.requests.every((q) => q.authorization === `token ${TOKEN}`)).toBe(true);
    expect(gh.requests[0]!.query).toEqual({ environment: 'qa', per_page: '100' });
    expect(gh.requests[2]!.body).toEqual({
      ref: commit,
      environment: 'uat',
      task: 'deploy',
      auto_merge: false,
      required_contexts: [],
      transient_environment: false,
      description: `promote ${version} from qa`,
      payload: {
        version,
        commit,
        tool: 'switchyard',
        from: 'qa',
        mode: 'promote',
        run: 'https://github.com/switchyard/example/actions/runs/1000',
        services: {
          cart: { image: `${env.registry}/${base}/cart`, digest: digests.cart },
          catalog: { image: `${env.registry}/${base}/catalog`, digest: digests.catalog },
        },
      },
    });
    expect(gh.requests[3]!.body).toEqual({
      state: 'in_progress',
      description: 'promoted from qa; awaiting verification in uat',
      log_url: 'https://github.com/switchyard/example/actions/runs/1000',
      environment_url: 'https://uat.shop.example',
    });
    expect(r.summary).toContain(
      `| catalog | ${digests.catalog!.slice(7, 19)} | ${env.registry}/${base}/catalog:build | ${env.registry}/${base}/catalog | uat, uat-${version} | already present |`,
    );
    expect(visible(r)).not.toContain(TOKEN);
    expect(r.masks).toContain(TOKEN);
  });

  it('is idempotent: a re-run writes nothing to the registry', async () => {
    const recorder = await startRegistryProxy(env.registry, { failures: 0 });
    try {
      const file = writeRelease('release-via-proxy.json', release({ catalog: digests.catalog!, cart: digests.cart! }, recorder.host));
      const r = await promote({ 'release-file': file, from: 'qa', to: 'uat', 'require-verified': false, 'github-token': '' });
      expect(r.code).toBe(0);
      expect(recorder.seen.filter((l) => !/^(GET|HEAD) /.test(l))).toEqual([]);
      expect(r.summary).toContain(`uat (unchanged), uat-${version} (unchanged)`);
      expect(r.outputs['deployment-id']).toBe('');
    } finally {
      await recorder.close();
    }
  });

  it('refuses uat → prod while uat is unverified, writing nothing', async () => {
    gh.reset();
    const r = await promote({
      'release-file': uatReleaseFile,
      from: 'uat',
      to: 'prod',
      'target-registry': env.authRegistry,
      'target-repository-prefix': `${base}/prod`,
      username: env.authUser,
      password: env.authPassword,
    });
    expect(r.code).toBe(1);
    expect(errors(r)[0]).toContain(
      `Refusing to promote ${version} to prod: it is not verified in uat: deployment(s) of ${version} in uat never verified: ${uatDeploymentId} (in_progress)`,
    );
    expect(gh.requests.every((q) => q.method === 'GET')).toBe(true);
    expect(await auth.headManifest(`${base}/prod/catalog`, digests.catalog!)).toBeUndefined();
  });

  it('mode record marks the awaiting uat deployment verified', async () => {
    gh.reset();
    const r = await promote({ mode: 'record', 'release-file': uatReleaseFile, to: 'uat' });
    expect(errors(r)).toEqual([]);
    expect(r.outputs['deployment-id']).toBe(uatDeploymentId);
    expect(gh.lines()).toEqual([
      `GET ${GH}/deployments`,
      `GET ${GH}/deployments/${uatDeploymentId}/statuses`,
      `POST ${GH}/deployments/${uatDeploymentId}/statuses`,
    ]);
    expect(gh.requests[2]!.body).toEqual({
      state: 'success',
      description: `${version} verified in uat`,
      log_url: 'https://github.com/switchyard/example/actions/runs/1000',
    });
  });

  it('QA records its verdict as a new deployment (record mode), and a failed one blocks promotion', async () => {
    const v = `${version}-qa`;
    const file = writeRelease('release-qa.json', { ...release({ catalog: digests.catalog! }), version: v });
    gh.reset();
    const ok = await promote({ mode: 'record', 'release-file': file, to: 'qa', 'environment-url': 'http://qa.local' });
    expect(errors(ok)).toEqual([]);
    const created = ok.outputs['deployment-id']!;
    expect(gh.lines()).toEqual([`GET ${GH}/deployments`, `POST ${GH}/deployments`, `POST ${GH}/deployments/${created}/statuses`]);
    expect(gh.requests[1]!.body).toMatchObject({
      ref: commit,
      environment: 'qa',
      payload: { version: v, mode: 'record', services: { catalog: { image: `${env.registry}/${base}/catalog`, digest: digests.catalog } } },
    });
    expect(gh.requests[2]!.body).toEqual({
      state: 'success',
      description: `${v} verified in qa`,
      log_url: 'https://github.com/switchyard/example/actions/runs/1000',
      environment_url: 'http://qa.local',
    });
    const dry = await promote({ 'release-file': file, from: 'qa', to: 'uat', 'dry-run': true });
    expect(dry.stdout).toContain(`✓ verified in qa: deployment ${created} of ${v} in qa succeeded`);

    // A later QA run of the same version fails its smoke test: the newest verdict wins.
    const failed = await promote({ mode: 'record', 'release-file': file, to: 'qa', 'record-state': 'failure' });
    expect(failed.code).toBe(0);
    const refused = await promote({ 'release-file': file, from: 'qa', to: 'uat' });
    expect(refused.code).toBe(1);
    expect(errors(refused)[0]).toContain(
      `it is not verified in qa: the latest deployment of ${v} in qa (${failed.outputs['deployment-id']}) ended in failure: ${v} failed verification in qa (failure)`,
    );
  });

  it('promotes uat → prod into the htpasswd registry and commits the prod release manifest once', async () => {
    gh.reset();
    const inputs = {
      'release-file': uatReleaseFile,
      from: 'uat',
      to: 'prod',
      'target-registry': env.authRegistry,
      'target-repository-prefix': `${base}/{env}`,
      username: env.authUser,
      password: env.authPassword,
      'commit-path': 'environments/{env}.json',
      tags: '{env}\n{env}-{version}\n{short-commit}',
    };
    const r = await promote(inputs);
    expect(errors(r)).toEqual([]);
    for (const s of ['catalog', 'cart']) {
      for (const t of ['prod', `prod-${version}`, commit.slice(0, 7)]) expect(await tagDigest(auth, `${base}/prod/${s}`, t)).toBe(digests[s]);
    }
    expect(JSON.parse(r.outputs.promoted!).catalog.status).toBe('copied');
    // The busybox base layer both images share is streamed once and mounted into the other repository.
    const baseLayer = (await plain.getManifest(`${base}/catalog`, digests.catalog!)).parsed.layers![0]!.digest;
    expect(r.stdout.split('\n').filter((l) => l.startsWith(`copied blob ${baseLayer.slice(0, 19)} `))).toHaveLength(1);
    expect(r.stdout).toMatch(/: copied to .* \(1 manifest\(s\), 1 blob\(s\) mounted, 2 blob\(s\) copied/);
    expect(visible(r)).not.toContain(env.authPassword);
    expect(r.masks).toContain(env.authPassword);
    expect(gh.lines()).toEqual([
      `GET ${GH}/deployments`,
      `GET ${GH}/deployments/${uatDeploymentId}/statuses`,
      `POST ${GH}/deployments`,
      `GET ${GH}/contents/environments/prod.json`,
      `PUT ${GH}/contents/environments/prod.json`,
      `POST ${GH}/deployments/${r.outputs['deployment-id']}/statuses`,
    ]);
    expect(gh.commits).toHaveLength(1);
    expect(gh.commits[0]!.message).toBe(
      `promote ${version}: uat → prod\n\ncart: ${env.authRegistry}/${base}/prod/cart@${digests.cart}\ncatalog: ${env.authRegistry}/${base}/prod/catalog@${digests.catalog}\n\nRun: https://github.com/switchyard/example/actions/runs/1000`,
    );
    expect(JSON.parse(gh.commits[0]!.content)).toEqual(JSON.parse(readFileSync(r.outputs['release-file']!, 'utf8')));

    const again = await promote(inputs);
    expect(again.code).toBe(0);
    expect(gh.commits).toHaveLength(1);
    expect(again.stdout).toContain('environments/prod.json already records this release: no commit');
    expect(JSON.parse(again.outputs.promoted!).catalog.status).toBe('already-present');
  }, 60_000);

  it('promotes a two-platform OCI index intact, children first', async () => {
    const amd = buildAndPush(`${env.registry}/${base}/web:amd`, `web-amd-${id}`);
    const arm = buildAndPush(`${env.registry}/${base}/web:arm`, `web-arm-${id}`);
    const index = await putIndex(
      plain,
      `${base}/web`,
      [
        { digest: amd, arch: 'amd64' },
        { digest: arm, arch: 'arm64' },
      ],
      'multi',
    );
    Object.assign(digests, { webIndex: index.digest, webAmd: amd, webArm: arm });
    const file = writeRelease('release-index.json', release({ web: index.digest }));
    const r = await promote({
      'release-file': file,
      from: 'qa',
      to: 'uat',
      'target-registry': env.authRegistry,
      'target-repository-prefix': `${base}/multi`,
      username: env.authUser,
      password: env.authPassword,
      'require-verified': false,
      'github-token': '',
    });
    expect(errors(r)).toEqual([]);
    const m = await auth.getManifest(`${base}/multi/web`, 'uat');
    expect(m.mediaType).toBe(MediaType.ociIndex);
    expect(m.body.equals(index.body)).toBe(true);
    for (const child of [amd, arm]) expect(await auth.headManifest(`${base}/multi/web`, child)).toBeDefined();
  }, 60_000);

  it('refuses to move a tag held by another digest under immutable, and writes nothing', async () => {
    const target = `${base}/immut`;
    // The catalog target already has prod-<version> at the cart image.
    await copyImage({
      source: { client: plain, repository: `${base}/cart` },
      target: { client: auth, repository: `${target}/catalog` },
      digest: digests.cart!,
      tags: [`prod-${version}`],
    });
    const r = await promote({
      'release-file': releaseFile,
      from: 'uat',
      to: 'prod',
      'target-registry': env.authRegistry,
      'target-repository-prefix': target,
      username: env.authUser,
      password: env.authPassword,
      immutable: true,
      tags: '{env}-{version}',
      'require-verified': false,
      'github-token': '',
    });
    expect(r.code).toBe(1);
    expect(errors(r)[0]).toBe(
      `Nothing was promoted: 1 problem(s) found while checking every service first:\n- catalog: tag ${env.authRegistry}/${target}/catalog:prod-${version} already points at ${digests.cart} (immutable: not moving it to ${digests.catalog})`,
    );
    expect(await tagDigest(auth, `${target}/catalog`, `prod-${version}`)).toBe(digests.cart);
    expect(await auth.headManifest(`${target}/cart`, digests.cart!)).toBeUndefined();
    expect(await auth.headManifest(`${target}/catalog`, digests.catalog!)).toBeUndefined();
  });

  it('fails clearly on a wrong registry password', async () => {
    const r = await promote({
      'release-file': releaseFile,
      from: 'qa',
      to: 'uat',
      'target-registry': env.authRegistry,
      username: env.authUser,
      password: 'wrong-password-123',
      'require-verified': false,
      'github-token': '',
    });
    expect(r.code).toBe(1);
    expect(errors(r)).toEqual([
      `GET http://${env.authRegistry}/v2/: registry ${env.authRegistry} refused the credentials from inputs (user "${env.authUser}"): HTTP 401 (UNAUTHORIZED: authentication required)\nHint: check the username/password (or re-run docker login)`,
    ]);
    expect(visible(r)).not.toContain('wrong-password-123');
    expect(visible(r)).not.toContain('retrying');
  });

  it('refuses a digest that is not in the source registry, writing nothing for the other services', async () => {
    const missing = `sha256:${'0'.repeat(64)}`;
    const file = writeRelease('release-missing.json', release({ catalog: digests.catalog!, cart: missing }));
    const r = await promote({
      'release-file': file,
      from: 'qa',
      to: 'uat',
      'target-registry': env.authRegistry,
      'target-repository-prefix': `${base}/missing`,
      username: env.authUser,
      password: env.authPassword,
      'require-verified': false,
      'github-token': '',
    });
    expect(r.code).toBe(1);
    expect(errors(r)[0]).toContain(`cart: ${env.registry}/${base}/cart@${missing} does not exist in the source registry`);
    expect(await auth.headManifest(`${base}/missing/catalog`, digests.catalog!)).toBeUndefined();
  });

  it('rides out a registry answering 503 twice', async () => {
    const proxy = await startRegistryProxy(env.registry, { match: /^HEAD \/v2\/.+\/manifests\//, failures: 2, status: 503 });
    try {
      const file = writeRelease('release-flaky.json', release({ catalog: digests.catalog! }, proxy.host));
      const r = await promote({ 'release-file': file, from: 'qa', to: 'uat', tags: '{env}-flaky', 'require-verified': false, 'github-token': '' });
      expect(errors(r)).toEqual([]);
      expect(proxy.injected()).toBe(2);
      expect(r.stdout).toMatch(/HTTP 503\); retrying in/);
      expect(await tagDigest(plain, `${base}/catalog`, 'uat-flaky')).toBe(digests.catalog);
    } finally {
      await proxy.close();
    }
  });

  it('takes registry credentials from the Docker config (DOCKER_CONFIG)', async () => {
    const cfg = mkdtempSync(join(tmpdir(), 'promote-test-dockercfg-'));
    writeFileSync(
      join(cfg, 'config.json'),
      JSON.stringify({ auths: { [env.authRegistry]: { auth: Buffer.from(`${env.authUser}:${env.authPassword}`).toString('base64') } } }),
    );
    const r = await promote(
      {
        'release-file': releaseFile,
        from: 'qa',
        to: 'uat',
        'target-registry': env.authRegistry,
        'target-repository-prefix': `${base}/cfg`,
        'require-verified': false,
        'github-token': '',
      },
      { DOCKER_CONFIG: cfg },
    );
    expect(errors(r)).toEqual([]);
    expect(await tagDigest(auth, `${base}/cfg/cart`, 'uat')).toBe(digests.cart);
  });

  it('plans only in a dry run', async () => {
    const r = await promote({
      'release-file': releaseFile,
      from: 'qa',
      to: 'uat',
      'target-registry': env.authRegistry,
      'target-repository-prefix': `${base}/dry`,
      username: env.authUser,
      password: env.authPassword,
      'dry-run': true,
      'require-verified': false,
      'github-token': '',
    });
    expect(errors(r)).toEqual([]);
    expect(JSON.parse(r.outputs.promoted!).cart.status).toBe('planned');
    expect(await auth.headManifest(`${base}/dry/cart`, digests.cart!)).toBeUndefined();
  });

  it.each([
    [{ to: 'staging' }, `Input 'to': "staging" is not a known environment: expected one of qa, uat, prod`],
    [{ to: 'qa' }, `Input 'to': "qa" is the same environment as from`],
    [{ tags: '{env}-{build}' }, `Input 'tags': "{env}-{build}" uses unknown placeholder {build}`],
    [{ 'require-verified': 'yes' }, `Input 'require-verified': "yes" is not a boolean`],
    [{ 'github-token': '' }, `Input 'require-verified': is true but github-token is empty`],
  ])('rejects bad input %j before any side effect', async (bad, message) => {
    gh.reset();
    const r = await promote({ 'release-file': releaseFile, from: 'qa', to: 'uat', ...bad });
    expect(r.code).toBe(1);
    expect(errors(r)[0]).toContain(message);
    expect(gh.requests).toEqual([]);
  });

  it('names the malformed field of a release file', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ version, commit, services: { catalog: { image: `${env.registry}/${base}/catalog`, digest: 'sha256:nope' } } }));
    const r = await promote({ 'release-file': file, from: 'qa', to: 'uat' });
    expect(errors(r)[0]).toBe(`Input 'release-file': ${file}: field 'services.catalog.digest' is "sha256:nope"; expected sha256:<64 hex digits>`);
  });
});
