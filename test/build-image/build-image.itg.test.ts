// build-image against the real Docker engine (legacy builder: no buildx here)
// and the two local registries (no auth, htpasswd), always through the
// bundled dist, exactly as the runner runs it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync as mkdtemp, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readManifest } from '@switchyard/kit';
import { actionDir, infra, repoRoot, runBundledAction, type RunResult } from '@switchyard/testkit';
import { startRegistryProxy } from '../support/registry-proxy';

jest.setTimeout(90_000);
const env = infra();
const action = actionDir('build-image');
const run = Date.now().toString(36);
const SHA = '0123456789abcdef0123456789abcdef01234567';
const ACCEPT =
  'application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json';
const basic = `Basic ${Buffer.from(`${env.authUser}:${env.authPassword}`).toString('base64')}`;

let ws: string;
let dockerConfig: string;
const pushedRepos = new Set<string>();
const tempDirs: string[] = [];
/** A temp dir removed after the tests. */
const mkdtempSync = (prefix: string) => {
  const dir = mkdtemp(prefix);
  tempDirs.push(dir);
  return dir;
};

beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'build-test-ws-'));
  mkdirSync(join(ws, 'app'));
  writeFileSync(
    join(ws, 'app/Dockerfile'),
    ['ARG BASE=scratch', 'FROM $BASE', 'ARG GREETING=hello', 'ARG RUN_ID', 'RUN echo "$GREETING $RUN_ID" > /greeting', 'CMD ["cat", "/greeting"]', ''].join(
      '\n',
    ),
  );
  // A Docker config of the user's own, which a login must leave untouched.
  dockerConfig = mkdtempSync(join(tmpdir(), 'build-test-dockercfg-'));
  writeFileSync(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { 'other.example.com': { auth: Buffer.from('x:y').toString('base64') } } }));
});

afterAll(async () => {
  // By id: pushed images keep a `<none>` entry (their repo digest) once untagged.
  const images = execFileSync('docker', ['image', 'ls', '--format', '{{.ID}} {{.Repository}}']).toString().split('\n');
  const mine = [...new Set(images.filter((i) => /\/build-test\//.test(i)).map((i) => i.split(' ')[0]!))];
  if (mine.length) spawnSync('docker', ['rmi', '--force', ...mine]);
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  // Delete what we pushed (the registries have storage.delete enabled).
  for (const key of pushedRepos) {
    const [registry, repo] = key.split('|') as [string, string];
    const headers: Record<string, string> = { Accept: ACCEPT, ...(registry === env.authRegistry ? { Authorization: basic } : {}) };
    const tags = (await fetch(`http://${registry}/v2/${repo}/tags/list`, { headers })
      .then((r) => r.json())
      .catch(() => ({}))) as { tags?: string[] };
    for (const tag of tags.tags ?? []) {
      const d = await headDigest(registry, repo, tag);
      if (d) await fetch(`http://${registry}/v2/${repo}/manifests/${d}`, { method: 'DELETE', headers }).catch(() => undefined);
    }
  }
});

/** The registry's own answer, asked directly over HTTP (not through our client). */
async function headDigest(registry: string, repo: string, ref: string): Promise<string | undefined> {
  const res = await fetch(`http://${registry}/v2/${repo}/manifests/${ref}`, {
    method: 'HEAD',
    headers: { Accept: ACCEPT, ...(registry === env.authRegistry ? { Authorization: basic } : {}) },
  });
  return res.status === 200 ? (res.headers.get('docker-content-digest') ?? undefined) : undefined;
}

function build(inputs: Record<string, string>, extraEnv: Record<string, string> = {}): Promise<RunResult> {
  return runBundledAction(action, {
    cwd: ws,
    runnerTemp: mkdtempSync(join(tmpdir(), 'build-test-rt-')),
    inputs: { context: 'app', 'build-args': `BASE=${env.images.busybox}\nRUN_ID=${run}`, ...inputs },
    env: { DOCKER_CONFIG: dockerConfig, GITHUB_SHA: SHA, ...extraEnv },
    timeoutMs: 90_000,
  });
}

const errors = (r: RunResult) => r.annotations.filter((a) => a.level === 'error').map((a) => a.message);
/** The log without the runner's mask commands (which necessarily carry the secret). */
const log = (r: RunResult) =>
  r.stdout
    .split('\n')
    .filter((l) => !l.startsWith('::add-mask::'))
    .join('\n');
const warnings = (r: RunResult) => r.annotations.filter((a) => a.level === 'warning').map((a) => a.message);

describe('build and push with the legacy builder', () => {
  it('pushes to the no-auth registry; the digest is the registry’s; labels, outputs, summary and release file are right', async () => {
    const repo = `build-test/catalog-${run}`;
    const image = `${env.registry}/${repo}`;
    pushedRepos.add(`${env.registry}|${repo}`);
    const r = await build({
      image,
      service: 'catalog',
      version: '2026.11.26-0123456',
      labels: 'team=shop\norg.opencontainers.image.source=https://git.example.com/shop\nodd=a "q" \\b $HOME ${X} `t`',
      'release-file': 'out/release.json',
    });
    expect(errors(r)).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.outputs.builder).toBe('legacy');
    expect(r.stdout).toContain('Builder: legacy docker build (buildx is not installed)');

    const registryDigest = await headDigest(env.registry, repo, '0123456');
    expect(registryDigest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(r.outputs.digest).toBe(registryDigest);
    expect(await headDigest(env.registry, repo, '2026.11.26-0123456')).toBe(registryDigest);
    expect(r.outputs['image-ref']).toBe(`${image}@${registryDigest}`);
    expect(JSON.parse(r.outputs.tags!)).toEqual([`${image}:0123456`, `${image}:2026.11.26-0123456`]);

    const inspect = JSON.parse(execFileSync('docker', ['image', 'inspect', `${image}:0123456`]).toString())[0];
    expect(inspect.Id).toBe(r.outputs['image-id']);
    expect(inspect.RepoDigests).toContain(`${image}@${registryDigest}`);
    const labels = inspect.Config.Labels as Record<string, string>;
    expect(labels['org.opencontainers.image.revision']).toBe(SHA);
    expect(labels['org.opencontainers.image.version']).toBe('2026.11.26-0123456');
    expect(labels['org.opencontainers.image.source']).toBe('https://git.example.com/shop');
    expect(Date.parse(labels['org.opencontainers.image.created']!)).toBeGreaterThan(Date.now() - 120_000);
    expect(labels.team).toBe('shop');
    expect(labels.odd).toBe('a "q" \\b $HOME ${X} `t`');
    const greeting = execFileSync('docker', ['run', '--rm', `${image}:0123456`])
      .toString()
      .trim();
    expect(greeting).toBe(`hello ${run}`);

    const releasePath = join(ws, 'out/release.json');
    expect(r.outputs['release-file']).toBe(releasePath);
    const m = readManifest(releasePath);
    expect(m.version).toBe('2026.11.26-0123456');
    expect(m.commit).toBe(SHA);
    expect(m.services.catalog).toEqual({ image, digest: registryDigest, tags: ['0123456', '2026.11.26-0123456'] });

    for (const cell of ['Image', image, 'Tags', 'Digest', registryDigest!, 'Size', 'Builder', 'legacy', 'Duration']) expect(r.summary).toContain(cell);
    expect(r.summary).toMatch(/\d+(\.\d)? (kB|MB) compressed/);
  });

  it('merges a second service into the release file, with cache-from pulled and cache-to reported as unsupported', async () => {
    const repo = `build-test/cart-${run}`;
    const image = `${env.registry}/${repo}`;
    pushedRepos.add(`${env.registry}|${repo}`);
    const r = await build({
      image,
      service: 'cart',
      version: '2026.11.26-0123456',
      tags: 'cart-1',
      'build-args': `BASE=${env.images.busybox}\nGREETING=cart\nRUN_ID=${run}`,
      'release-file': 'out/release.json',
      'cache-from': `${env.registry}/build-test/catalog-${run}:0123456\n${image}:never-pushed\ntype=gha`,
      'cache-to': `${image}:buildcache`,
    });
    expect(errors(r)).toEqual([]);
    expect(r.code).toBe(0);
    const w = warnings(r).join('\n');
    expect(w).toMatch(/cache-from: type=gha skipped: only registry caches work with the legacy builder/);
    expect(w).toMatch(/cache-to is not supported by the legacy builder/);
    expect(w).toMatch(new RegExp(`cache-from ${image.replace(/[.]/g, '\\.')}:never-pushed could not be pulled`));
    expect(r.stdout).toContain(`--cache-from ${env.registry}/build-test/catalog-${run}:0123456`);
    expect(r.summary).toContain('cache-to is not supported');
    const m = readManifest(join(ws, 'out/release.json'));
    expect(Object.keys(m.services).sort()).toEqual(['cart', 'catalog']);
    expect(m.services.cart!.digest).toBe(await headDigest(env.registry, repo, 'cart-1'));
    expect(await headDigest(env.registry, repo, 'buildcache')).toBeUndefined();
  });

  it('builds without pushing: image id and tags, no digest', async () => {
    const image = `${env.registry}/build-test/local-${run}`;
    const r = await build({ image, push: 'false', tags: 'dev' });
    expect(r.code).toBe(0);
    expect(r.outputs.digest).toBe('');
    expect(r.outputs['image-id']).toMatch(/^sha256:/);
    expect(
      execFileSync('docker', ['image', 'inspect', '--format', '{{.Id}}', `${image}:dev`])
        .toString()
        .trim(),
    ).toBe(r.outputs['image-id']);
    expect(await headDigest(env.registry, `build-test/local-${run}`, 'dev')).toBeUndefined();
    expect(r.summary).toContain('not pushed');
  });

  it('with a --target, passes labels as --label flags (the output may not be the final stage)', async () => {
    writeFileSync(
      join(ws, 'app/Stages.Dockerfile'),
      ['ARG BASE=scratch', 'FROM $BASE AS runtime', 'RUN echo runtime > /stage', 'FROM runtime AS debug', 'RUN echo debug > /stage', ''].join('\n'),
    );
    const image = `${env.registry}/build-test/stages-${run}`;
    const r = await build({ image, push: 'false', tags: 'dev', dockerfile: 'app/Stages.Dockerfile', target: 'runtime', labels: 'team=base' });
    expect(errors(r)).toEqual([]);
    expect(r.stdout).toContain('--label team=base');
    expect(r.stdout).toContain('--target runtime');
    const labels = JSON.parse(execFileSync('docker', ['image', 'inspect', '--format', '{{json .Config.Labels}}', `${image}:dev`]).toString());
    expect(labels.team).toBe('base');
    expect(labels['org.opencontainers.image.revision']).toBe(SHA);
    expect(
      execFileSync('docker', ['run', '--rm', '--entrypoint', 'cat', `${image}:dev`, '/stage'])
        .toString()
        .trim(),
    ).toBe('runtime');
  });
});

describe('the authenticating registry', () => {
  const repo = `build-test/secure-${run}`;
  const image = () => `${env.authRegistry}/${repo}`;

  it('logs in with username/password into a private Docker config, leaving the user’s untouched', async () => {
    pushedRepos.add(`${env.authRegistry}|${repo}`);
    const before = readFileSync(join(dockerConfig, 'config.json'), 'utf8');
    const runnerTemp = mkdtempSync(join(tmpdir(), 'build-test-rt-'));
    const r = await runBundledAction(action, {
      cwd: ws,
      runnerTemp,
      inputs: {
        context: 'app',
        image: image(),
        tags: 'v1',
        username: env.authUser,
        password: env.authPassword,
        'build-args': `BASE=${env.images.busybox}\nRUN_ID=${run}`,
      },
      env: { DOCKER_CONFIG: dockerConfig, GITHUB_SHA: SHA },
      timeoutMs: 90_000,
    });
    expect(errors(r)).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.outputs.digest).toBe(await headDigest(env.authRegistry, repo, 'v1'));
    expect(r.masks).toContain(env.authPassword);
    expect(log(r)).not.toContain(env.authPassword);
    expect(r.stdout).toMatch(/docker login --username switchyard --password-stdin 127\.0\.0\.1:5001/);
    expect(readFileSync(join(dockerConfig, 'config.json'), 'utf8')).toBe(before);
    expect(readdirSync(runnerTemp).filter((f) => f.startsWith('switchyard-'))).toEqual([]);
  });

  it('without credentials: fails before building, naming the input, nothing pushed', async () => {
    const r = await build({ image: image(), tags: 'anon' });
    expect(r.code).toBe(1);
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0]).toMatch(
      /^Input 'username': registry 127\.0\.0\.1:5001 requires authentication to push \(HTTP 401\), and no credentials were given \(username\/password\) or found in the Docker config/,
    );
    expect(r.stdout).not.toContain('$ docker build ');
    expect(await headDigest(env.authRegistry, repo, 'anon')).toBeUndefined();
  });

  it('with a wrong password: fails before building, naming the input, never showing it', async () => {
    const r = await build({ image: image(), tags: 'wrong', username: env.authUser, password: 'not-the-password' });
    expect(r.code).toBe(1);
    expect(errors(r)[0]).toMatch(/^Input 'password': registry 127\.0\.0\.1:5001 refused the username\/password given \(HTTP 401\)/);
    expect(log(r)).not.toContain('not-the-password');
    expect(r.stdout).not.toContain('$ docker build ');
    expect(await headDigest(env.authRegistry, repo, 'wrong')).toBeUndefined();
  });

  it('uses credentials from the Docker config (as docker/login-action leaves them)', async () => {
    const cfg = mkdtempSync(join(tmpdir(), 'build-test-dockercfg-'));
    writeFileSync(
      join(cfg, 'config.json'),
      JSON.stringify({ auths: { [env.authRegistry]: { auth: Buffer.from(`${env.authUser}:${env.authPassword}`).toString('base64') } } }),
    );
    const r = await build({ image: image(), tags: 'from-config' }, { DOCKER_CONFIG: cfg });
    expect(errors(r)).toEqual([]);
    expect(r.outputs.digest).toBe(await headDigest(env.authRegistry, repo, 'from-config'));
    expect(r.stdout).toContain(`credentials from ${join(cfg, 'config.json')}`);
  });
});

describe('bad input: a clear error naming the input, exit 1, nothing built or pushed', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['missing Dockerfile', { dockerfile: 'app/Nope.Dockerfile' }, /^Input 'dockerfile': "app\/Nope\.Dockerfile" does not exist/],
    ['invalid tag', { tags: 'ok\nbad tag' }, /^Input 'tags': "bad tag" is not a valid tag/],
    ['invalid repository', { image: `${'127.0.0.1:5000'}/build-test/Bad_Repo` }, /^Input 'image': ".*Bad_Repo" is not a valid repository/],
    ['build-arg syntax', { 'build-args': 'JUSTAKEY' }, /^Input 'build-args': "JUSTAKEY" is not KEY=value/],
    ['platforms without buildx', { platforms: 'linux/arm64' }, /^Input 'platforms': linux\/arm64 needs buildx, but buildx is not installed here/],
    ['buildx asked for but missing', { builder: 'buildx' }, /^Input 'builder': "buildx" was asked for/],
  ];
  it.each(cases)('%s', async (_name, inputs, message) => {
    const tag = `bad-${run}`;
    const r = await build({ image: `${env.registry}/build-test/bad-${run}`, tags: tag, ...inputs });
    expect(r.code).toBe(1);
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0]).toMatch(message);
    expect(r.stdout).not.toContain('$ docker build ');
    expect(r.stdout).not.toContain('$ docker push');
    expect(await headDigest(env.registry, `build-test/bad-${run}`, tag)).toBeUndefined();
  });
});

describe('the buildx path, through a stand-in docker (no buildx on this host)', () => {
  // test/build-image/fake-buildx/docker answers `docker buildx version` and carries
  // `docker buildx build` out with the real engine's legacy builder + docker push,
  // writing buildx's --metadata-file; it injects one failed cache export and one 503.
  it('pushes with --push, --metadata-file and --provenance=false; a failed cache export warns; a 503 is retried', async () => {
    const state = mkdtempSync(join(tmpdir(), 'build-test-fakebx-'));
    const repo = `build-test/bx-${run}`;
    const image = `${env.registry}/${repo}`;
    pushedRepos.add(`${env.registry}|${repo}`);
    const realDocker = execFileSync('which', ['docker']).toString().trim();
    const r = await build(
      { image, tags: 'bx', 'cache-from': `${image}:buildcache`, 'cache-to': `${image}:buildcache` },
      {
        PATH: `${join(repoRoot, 'test/build-image/fake-buildx')}:${process.env.PATH}`,
        REAL_DOCKER: realDocker,
        FAKE_BUILDX_STATE: state,
        FAKE_BUILDX_FAULTS: 'cache-export,push-503',
      },
    );
    expect(errors(r)).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.outputs.builder).toBe('buildx');
    expect(r.stdout).toContain('Builder: buildx (github.com/docker/buildx v0.30.0-fake 0000000)');
    expect(r.outputs.digest).toBe(await headDigest(env.registry, repo, 'bx'));
    expect(r.outputs['image-id']).toBe(
      execFileSync('docker', ['image', 'inspect', '--format', '{{.Id}}', `${image}:bx`])
        .toString()
        .trim(),
    );

    const builds = readFileSync(join(state, 'calls.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as string[])
      .filter((c) => c[1] === 'build');
    expect(builds).toHaveLength(3);
    for (const flag of ['--push', '--provenance=false', '--metadata-file']) expect(builds[0]).toContain(flag);
    expect(builds[0]!.join(' ')).toContain(`--cache-from type=registry,ref=${image}:buildcache --cache-to type=registry,ref=${image}:buildcache,mode=max`);
    // 1: the push gets a 503 (retried); 2: the cache export fails after the push; 3: finished without cache-to.
    expect(builds[1]).toContain('--cache-to');
    expect(builds[2]).not.toContain('--cache-to');
    const w = warnings(r);
    expect(w).toHaveLength(2);
    expect(w[0]).toMatch(/^docker buildx build --push: attempt 1 failed \(.*503 Service Unavailable\); retrying in/);
    expect(w[1]).toMatch(/^cache export failed \(ERROR: failed to solve: failed to export cache: 502 Bad Gateway\); finishing the build without cache-to/);
    expect(r.summary).toContain('The cache export failed');
    expect(r.summary).toContain('buildx');
  }, 60_000);
});

describe('transient registry errors', () => {
  it('retries the push when the registry answers 503 to the manifest upload twice', async () => {
    const proxy = await startRegistryProxy(env.registry, { match: /^PUT .*\/manifests\//, failures: 2, status: 503 });
    try {
      const repo = `build-test/flaky-${run}`;
      pushedRepos.add(`${env.registry}|${repo}`);
      const r = await build({ image: `${proxy.host}/${repo}`, tags: 'v1' });
      expect(errors(r)).toEqual([]);
      expect(r.code).toBe(0);
      const manifestPuts = proxy.seen.filter((s) => s.startsWith('PUT') && s.includes('/manifests/'));
      expect(manifestPuts.length).toBeGreaterThanOrEqual(3);
      expect(warnings(r)).toHaveLength(2);
      expect(warnings(r)[0]).toMatch(/^docker push 127\.0\.0\.1:\d+\/build-test\/flaky-\w+:v1: attempt 1 failed \(.*503 Service Unavailable\); retrying in /);
      expect(r.outputs.digest).toBe(await headDigest(env.registry, repo, 'v1'));
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
