// build-image inputs, plan, release manifest and private Docker config: pure or temp-dir only.
import { mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PushError } from '@switchyard/docker/build';
import { createPrivateDockerConfig, privateConfigJson } from '@switchyard/docker/login';
import { InputError, readManifest, Failure } from '@switchyard/kit';
import { getInputs, type Inputs } from '../../actions/build-image/src/inputs';
import { buildTime, defaultTags, explainPlainHttpPush, imageLabels, planBuild, prepareRelease, recordService } from '../../actions/build-image/src/plan';

const SHA = '3f2a9c1d0e5b4a69788766554433221100ffeedd';
const ctx = { serverUrl: 'https://github.com', repository: 'acme/shop', sha: SHA };
let ws: string;
beforeAll(() => {
  ws = mkdtempSync(join(tmpdir(), 'build-test-unit-'));
  mkdirSync(join(ws, 'app'));
  writeFileSync(join(ws, 'app/Dockerfile'), 'FROM scratch\n');
  writeFileSync(join(ws, 'Other.Dockerfile'), 'FROM scratch\n');
});
afterAll(() => rmSync(ws, { recursive: true, force: true }));

const source = (inputs: Record<string, string>) => (name: string) => (inputs[name] ?? '').trim();
const read = (inputs: Record<string, string>) => getInputs(source({ context: 'app', image: 'reg.example.com/shop/catalog', ...inputs }), ws);
const fails = (inputs: Record<string, string>, input: string, message: RegExp) => {
  let err: unknown;
  try {
    read(inputs);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InputError);
  expect((err as InputError).input).toBe(input);
  expect((err as Error).message).toMatch(message);
};

describe('inputs', () => {
  it('reads a full set and resolves paths against the workspace', () => {
    const i = read({
      tags: 'latest\nv1',
      'build-args': 'BASE=node:24\nA=b=c',
      labels: 'team=shop',
      'cache-from': 'reg.example.com/shop/catalog:cache',
      platforms: 'linux/amd64, linux/arm64',
      push: 'true',
      'release-file': 'out/release.json',
    });
    expect(i.context).toBe(join(ws, 'app'));
    expect(i.dockerfile).toBe(join(ws, 'app/Dockerfile'));
    expect(i.tags).toEqual(['latest', 'v1']);
    expect([...i.buildArgs]).toEqual([
      ['BASE', 'node:24'],
      ['A', 'b=c'],
    ]);
    expect(i.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    expect(i.cacheFrom[0]!.attrs.get('ref')).toBe('reg.example.com/shop/catalog:cache');
    expect(i.releaseFile).toBe(join(ws, 'out/release.json'));
    expect(i.service).toBe('catalog');
    expect(i.builder).toBe('auto');
    expect(i.provenance).toBe('false');
  });

  it('names the input and the value for every mistake', () => {
    fails({ image: '' }, 'image', /is required/);
    fails({ image: 'Reg.example.com/Shop/Catalog' }, 'image', /"Reg.example.com\/Shop\/Catalog" is not a valid repository/);
    fails({ image: 'reg.example.com/shop/catalog:v1' }, 'image', /includes a tag/);
    fails({ image: `reg.example.com/shop/catalog@sha256:${'a'.repeat(64)}` }, 'image', /includes a digest/);
    fails({ context: 'nope' }, 'context', /"nope" is not a directory/);
    fails({ dockerfile: 'app/Missing.Dockerfile' }, 'dockerfile', /"app\/Missing.Dockerfile" does not exist/);
    fails({ context: '.' }, 'dockerfile', /Dockerfile" does not exist/);
    fails({ tags: 'ok\n-bad' }, 'tags', /"-bad" is not a valid tag/);
    fails({ tags: 'reg.example.com/shop/catalog:v1' }, 'tags', /is not a valid tag/);
    fails({ version: 'v 1' }, 'version', /"v 1" is not valid/);
    fails({ 'build-args': 'NOEQUALS' }, 'build-args', /"NOEQUALS" is not KEY=value/);
    fails({ 'build-args': '1BAD=x' }, 'build-args', /"1BAD=x" is not KEY=value/);
    fails({ labels: '=x' }, 'labels', /is not KEY=value/);
    fails({ 'cache-from': 'type=registry' }, 'cache-from', /neither an image reference/);
    fails({ 'cache-to': 'Bad Ref:x' }, 'cache-to', /^Input 'cache-to': image reference "Bad Ref:x" has repository/);
    fails({ platforms: 'amd64' }, 'platforms', /"amd64" is not os\/arch/);
    fails({ username: 'u' }, 'password', /is required when username is set/);
    fails({ password: 'p' }, 'username', /is required when password is set/);
    fails({ push: 'yes' }, 'push', /"yes" is not a boolean/);
    fails({ push: 'false', 'release-file': 'r.json' }, 'release-file', /needs push: true/);
    fails({ service: 'Bad Name' }, 'service', /not a valid service name/);
    fails({ image: 'reg.example.com/shop/Catalog_' }, 'image', /not a valid repository/);
    fails({ builder: 'kaniko' }, 'builder', /"kaniko" is not one of auto, buildx, legacy/);
    fails({ provenance: 'yes' }, 'provenance', /"yes" is not one of/);
  });

  it('reads insecure-registries with the registry package parser: normalised entries, comments skipped', () => {
    expect(read({}).insecureRegistries).toEqual([]);
    const i = read({ image: '198.18.100.254:5000/shop/catalog', 'insecure-registries': 'Registry.LAN:5000, 198.18.100.0/24\n# lab\n[fd00::1]:5000' });
    expect(i.insecureRegistries).toEqual(['registry.lan:5000', '198.18.100.0/24', '[fd00::1]:5000']);
  });

  it.each([
    ['http://198.18.100.254:5000', /^Input 'insecure-registries': "http:\/\/198\.18\.100\.254:5000" has a scheme/],
    ['198.18.100.254:5000, registry.lan:5000/v2', /^Input 'insecure-registries': "registry\.lan:5000\/v2" has a path/],
    ['198.18.100.0/33', /^Input 'insecure-registries': "198\.18\.100\.0\/33" has prefix length \/33/],
    ['*.lan', /^Input 'insecure-registries': "\*\.lan" is not a registry host\[:port\] or an IP network/],
  ])('rejects insecure-registries %j, naming the input and the entry', (value, message) => {
    fails({ 'insecure-registries': value }, 'insecure-registries', message);
  });

  it('reads a Dockerfile outside the context', () => {
    expect(read({ dockerfile: 'Other.Dockerfile' }).dockerfile).toBe(join(ws, 'Other.Dockerfile'));
  });
});

describe('plan', () => {
  const files = { created: new Date('2026-11-26T07:00:00Z'), iidFile: '/t/iid', metadataFile: '/t/m.json' };
  const inputs = (over: Record<string, string> = {}): Inputs => read(over);

  it('defaults tags to the short SHA plus the version', () => {
    expect(defaultTags(SHA, '')).toEqual(['3f2a9c1']);
    expect(defaultTags(SHA, '1.2.0')).toEqual(['3f2a9c1', '1.2.0']);
    const p = planBuild(inputs({ version: '1.2.0' }), 'legacy', ctx, files);
    expect(p.refs).toEqual(['reg.example.com/shop/catalog:3f2a9c1', 'reg.example.com/shop/catalog:1.2.0']);
    expect(() => planBuild(inputs(), 'legacy', { ...ctx, sha: '' }, files)).toThrow(/Input 'tags': is empty and GITHUB_SHA is not set/);
  });

  it('adds the OCI labels from the run context; user labels override', () => {
    const labels = imageLabels(
      ctx,
      '1.2.0',
      files.created,
      new Map([
        ['org.opencontainers.image.source', 'https://git.example.com/shop'],
        ['team', 'shop'],
      ]),
    );
    expect(Object.fromEntries(labels)).toEqual({
      'org.opencontainers.image.source': 'https://git.example.com/shop',
      'org.opencontainers.image.revision': SHA,
      'org.opencontainers.image.created': '2026-11-26T07:00:00.000Z',
      'org.opencontainers.image.version': '1.2.0',
      team: 'shop',
    });
    const p = planBuild(inputs({ tags: 'edge' }), 'legacy', ctx, files);
    expect(p.spec.labels.get('org.opencontainers.image.version')).toBe('edge');
  });

  it('takes the build time from SOURCE_DATE_EPOCH when set', () => {
    expect(buildTime({ SOURCE_DATE_EPOCH: '1700000000' }).toISOString()).toBe('2023-11-14T22:13:20.000Z');
    expect(buildTime({}, () => 5000).getTime()).toBe(5000);
  });

  it('refuses buildx-only inputs with the legacy builder, naming the input', () => {
    expect(() => planBuild(inputs({ platforms: 'linux/arm64' }), 'legacy', ctx, files)).toThrow(
      /Input 'platforms': linux\/arm64 needs buildx, but buildx is not installed here/,
    );
    expect(() => planBuild(inputs({ platforms: 'linux/arm64' }), 'legacy', ctx, { ...files, explicitBuilder: true })).toThrow(/but builder is legacy/);
    expect(() => planBuild(inputs({ provenance: 'true' }), 'legacy', ctx, files)).toThrow(/Input 'provenance'/);
    expect(planBuild(inputs({ platforms: 'linux/arm64', provenance: 'mode=max' }), 'buildx', ctx, files).spec.platforms).toEqual(['linux/arm64']);
  });

  it('with the legacy builder, pulls registry cache sources and warns about the rest and about cache-to', () => {
    const p = planBuild(
      inputs({ 'cache-from': 'reg.example.com/shop/catalog:cache\ntype=gha', 'cache-to': 'reg.example.com/shop/catalog:cache' }),
      'legacy',
      ctx,
      files,
    );
    expect(p.cachePulls).toEqual(['reg.example.com/shop/catalog:cache']);
    expect(p.spec.cacheTo).toEqual([]);
    expect(p.warnings).toHaveLength(2);
    expect(p.warnings[0]).toMatch(/cache-from: type=gha skipped/);
    expect(p.warnings[1]).toMatch(/cache-to is not supported by the legacy builder/);
    const bx = planBuild(inputs({ 'cache-to': 'reg.example.com/shop/catalog:cache' }), 'buildx', ctx, files);
    expect(bx.spec.cacheTo).toHaveLength(1);
    expect(bx.warnings).toEqual([]);
  });
});

describe('a push the daemon sent over https to a plain-http registry', () => {
  const registry = '198.18.100.254:5000';
  it('keeps the failure and adds a hint about the daemon’s own insecure-registries', () => {
    const out = `The push refers to repository [${registry}/shop/catalog]\nGet "https://${registry}/v2/": http: server gave HTTP response to HTTPS client\n`;
    const e = explainPlainHttpPush(new PushError(`${registry}/shop/catalog:v1`, out, false), registry);
    expect(e).toBeInstanceOf(Failure);
    expect((e as Failure).message).toBe(
      `docker push "${registry}/shop/catalog:v1" failed: Get "https://${registry}/v2/": http: server gave HTTP response to HTTPS client`,
    );
    expect((e as Failure).hint).toBe(
      `the Docker daemon that pushes speaks https to ${registry}: list ${registry} in insecure-registries in its daemon.json and restart it (this action's insecure-registries input covers only its own registry checks)`,
    );
  });
  it('leaves other failures, hinted failures and non-failures alone', () => {
    const denied = new PushError('r/a:v1', 'denied: requested access to the resource is denied', false);
    expect(explainPlainHttpPush(denied, 'r')).toBe(denied);
    const hinted = new Failure('server gave HTTP response to HTTPS client', { hint: 'already explained' });
    expect(explainPlainHttpPush(hinted, 'r')).toBe(hinted);
    const bug = new Error('server gave HTTP response to HTTPS client');
    expect(explainPlainHttpPush(bug, 'r')).toBe(bug);
  });
});

describe('release manifest', () => {
  const digest = `sha256:${'c'.repeat(64)}`;
  const created = new Date('2026-11-26T07:00:00Z');

  it('creates one with the version (default: the short SHA) and the commit, then merges services', () => {
    const path = join(ws, 'rel/new.json');
    const fresh = prepareRelease(path, '', SHA, created);
    expect(fresh.existed).toBe(false);
    expect(fresh.manifest.version).toBe('3f2a9c1');
    recordService(path, fresh.manifest, 'catalog', { image: 'r.io/shop/catalog', digest, tags: ['3f2a9c1'] });
    const again = prepareRelease(path, '3f2a9c1', SHA, created);
    expect(again.existed).toBe(true);
    recordService(path, again.manifest, 'cart', { image: 'r.io/shop/cart', digest, tags: ['3f2a9c1'] });
    const m = readManifest(path);
    expect(Object.keys(m.services).sort()).toEqual(['cart', 'catalog']);
    expect(m.commit).toBe(SHA);
    expect(m.created).toBe('2026-11-26T07:00:00.000Z');
  });

  it('refuses to mix versions or commits in one manifest', () => {
    const path = join(ws, 'rel/mixed.json');
    recordService(path, prepareRelease(path, '1.0.0', SHA, created).manifest, 'catalog', { image: 'r.io/shop/catalog', digest, tags: [] });
    expect(() => prepareRelease(path, '1.0.1', SHA, created)).toThrow(/is for version "1.0.0", but this build is version "1.0.1"/);
    expect(() => prepareRelease(path, '1.0.0', 'f'.repeat(40), created)).toThrow(Failure);
    writeFileSync(join(ws, 'rel/bad.json'), '{"version": 1}');
    expect(() => prepareRelease(join(ws, 'rel/bad.json'), '', SHA, created)).toThrow(/field 'version'/);
  });
});

describe('private Docker config', () => {
  it('keeps other registries, drops the target registry and the credential store', () => {
    const user = {
      auths: { '127.0.0.1:5001': { auth: 'old' }, 'https://index.docker.io/v1/': {}, 'ghcr.io': { auth: 'Z2g6dA==' } },
      credsStore: 'desktop',
      credHelpers: { 'public.ecr.aws': 'ecr-login', '127.0.0.1:5001': 'pass' },
      currentContext: 'remote',
      proxies: { default: { httpProxy: 'http://p:3128' } },
    };
    expect(privateConfigJson(user, '127.0.0.1:5001')).toEqual({
      auths: { 'ghcr.io': { auth: 'Z2g6dA==' } },
      credHelpers: { 'public.ecr.aws': 'ecr-login', 'https://index.docker.io/v1/': 'desktop' },
      currentContext: 'remote',
      proxies: { default: { httpProxy: 'http://p:3128' } },
    });
    expect(privateConfigJson({ auths: { 'https://index.docker.io/v1/': { auth: 'x' } } }, 'docker.io')).toEqual({ auths: {} });
  });

  it('creates a 0700 directory with a 0600 config.json and links the rest of the user directory', () => {
    const home = join(ws, 'docker-home');
    mkdirSync(home);
    mkdirSync(join(home, 'cli-plugins'));
    writeFileSync(join(home, 'config.json'), JSON.stringify({ auths: { 'r.io': { auth: 'eA==' } } }));
    const p = createPrivateDockerConfig(join(home, 'runner-temp'), '127.0.0.1:5001', { DOCKER_CONFIG: home });
    try {
      expect(statSync(p.dir).mode & 0o777).toBe(0o700);
      expect(statSync(join(p.dir, 'config.json')).mode & 0o777).toBe(0o600);
      expect(JSON.parse(readFileSync(join(p.dir, 'config.json'), 'utf8'))).toEqual({ auths: { 'r.io': { auth: 'eA==' } } });
      expect(readlinkSync(join(p.dir, 'cli-plugins'))).toBe(join(home, 'cli-plugins'));
    } finally {
      p.remove();
    }
    expect(() => statSync(p.dir)).toThrow();
    expect(JSON.parse(readFileSync(join(home, 'config.json'), 'utf8'))).toEqual({ auths: { 'r.io': { auth: 'eA==' } } });
  });
});
