// The registry client against the real local registries: 127.0.0.1:5000 (no
// auth) and 127.0.0.1:5001 (htpasswd), with images built and pushed by the
// real Docker engine (legacy builder).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { infra } from '@switchyard/testkit';
import { copyImage, MediaType, RegistryAuthError, RegistryClient, sha256 } from '@switchyard/registry';
import { buildAndPush, deleteManifests, dockerCli, putIndex, runId } from '../support/registry-images';
import { startRegistryProxy } from '../support/registry-proxy';

const env = infra();
const id = runId();
const repo = `promote-test/${id}/client`;
const clients: RegistryClient[] = [];
const open = (c: RegistryClient) => (clients.push(c), c);
let plain: RegistryClient;
let auth: RegistryClient;
let amd: string;
let arm: string;
let indexDigest = '';

beforeAll(() => {
  amd = buildAndPush(`${env.registry}/${repo}:amd`, `client-${id}-amd`);
  arm = buildAndPush(`${env.registry}/${repo}:arm`, `client-${id}-arm`);
  plain = open(new RegistryClient({ registry: env.registry, credentials: null }));
  auth = open(new RegistryClient({ registry: env.authRegistry, username: env.authUser, password: env.authPassword }));
}, 60_000);
afterAll(async () => {
  const suffixes = ['', '-copy', '-back', '-mounted', '-multi'];
  for (const c of [plain, auth])
    await deleteManifests(
      c,
      suffixes.map((x) => `${repo}${x}`),
      [indexDigest, amd, arm].filter(Boolean),
    );
  for (const c of clients) c.close();
});

describe('real registries', () => {
  it('reports the digest docker push printed, for the tag and the digest', async () => {
    expect(await plain.ping()).toEqual({ auth: 'none' });
    const byTag = await plain.headManifest(repo, 'amd');
    expect(byTag).toEqual({ digest: amd, mediaType: MediaType.dockerManifest, size: expect.any(Number) });
    const m = await plain.getManifest(repo, amd);
    expect(m.digest).toBe(amd);
    expect(m.size).toBe(byTag!.size);
    expect(m.parsed.layers!.length).toBeGreaterThanOrEqual(2);
    expect(await plain.headManifest(repo, 'no-such-tag')).toBeUndefined();
  });

  it('speaks Basic auth to the htpasswd registry, and names rejected credentials', async () => {
    expect(await auth.ping()).toEqual({ auth: 'basic' });
    const wrong = open(new RegistryClient({ registry: env.authRegistry, username: env.authUser, password: 'not-the-password' }));
    const e = await wrong.headManifest(repo, 'amd').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RegistryAuthError);
    expect((e as Error).message).toMatch(
      new RegExp(`registry ${env.authRegistry.replace(/\./g, '\\.')} refused the credentials from inputs \\(user "${env.authUser}"\\): HTTP 401`),
    );
    const anonymous = open(new RegistryClient({ registry: env.authRegistry, credentials: null }));
    await expect(anonymous.ping()).rejects.toThrow(/refused anonymous access/);
  });

  it('reads credentials from a Docker config file (DOCKER_CONFIG auths)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'registry-dockercfg-'));
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ auths: { [`http://${env.authRegistry}`]: { auth: Buffer.from(`${env.authUser}:${env.authPassword}`).toString('base64') } } }),
    );
    const c = open(new RegistryClient({ registry: env.authRegistry, dockerConfigDir: dir }));
    expect(await c.credentialSource()).toBe(join(dir, 'config.json'));
    expect(await c.ping()).toEqual({ auth: 'basic' });
  });

  it('copies an image across registries, verifiably: same digest, pullable bits', async () => {
    const r = await copyImage({
      source: { client: plain, repository: repo },
      target: { client: auth, repository: `${repo}-copy` },
      digest: amd,
      tags: ['copied'],
    });
    expect(r).toMatchObject({ digest: amd, alreadyPresent: false, manifestsCopied: 1, blobsMounted: 0 });
    expect(r.blobsCopied).toBe(3);
    expect((await auth.headManifest(`${repo}-copy`, 'copied'))!.digest).toBe(amd);
    // Back into the no-auth registry under another name, then let Docker itself pull it by digest.
    await copyImage({ source: { client: auth, repository: `${repo}-copy` }, target: { client: plain, repository: `${repo}-back` }, digest: amd });
    const ref = `${env.registry}/${repo}-back@${amd}`;
    dockerCli(['pull', '-q', ref]);
    expect(dockerCli(['run', '--rm', ref, 'cat', '/promote-test-id'])).toBe(`client-${id}-amd`);
    dockerCli(['rmi', '-f', ref]);
  }, 60_000);

  it('mounts blobs within a registry instead of copying them', async () => {
    const r = await copyImage({
      source: { client: plain, repository: repo },
      target: { client: plain, repository: `${repo}-mounted` },
      digest: arm,
      tags: ['m'],
    });
    expect(r).toMatchObject({ blobsMounted: 3, blobsCopied: 0, bytesCopied: 0, tags: ['m'] });
  });

  it('copies a two-platform OCI index intact', async () => {
    const index = await putIndex(
      plain,
      repo,
      [
        { digest: amd, arch: 'amd64' },
        { digest: arm, arch: 'arm64' },
      ],
      'multi',
    );
    indexDigest = index.digest;
    expect((await plain.headManifest(repo, 'multi'))!.mediaType).toBe(MediaType.ociIndex);
    const r = await copyImage({
      source: { client: plain, repository: repo },
      target: { client: auth, repository: `${repo}-multi` },
      digest: index.digest,
      tags: ['multi'],
    });
    expect(r).toMatchObject({ mediaType: MediaType.ociIndex, manifestsCopied: 3 });
    const copied = await auth.getManifest(`${repo}-multi`, 'multi');
    expect(copied.body.equals(index.body)).toBe(true);
    for (const child of [amd, arm]) expect(await auth.headManifest(`${repo}-multi`, child)).toBeDefined();
  });

  it('uploads a blob in Content-Range chunks and streams it back verified', async () => {
    const data = Buffer.alloc(3 * 1024 * 1024 + 17);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7919) % 251;
    const digest = sha256(data);
    await auth.uploadBlob(`${repo}-chunks`, digest, data.length, data, { chunkSize: 1024 * 1024 });
    expect(await auth.headBlob(`${repo}-chunks`, digest)).toEqual({ digest, size: data.length });
    const { stream } = await auth.getBlob(`${repo}-chunks`, digest);
    const parts: Buffer[] = [];
    for await (const p of stream) parts.push(p as Buffer);
    expect(Buffer.concat(parts).equals(data)).toBe(true);
  });

  it('retries through a registry that answers 503 twice', async () => {
    const proxy = await startRegistryProxy(env.registry, { match: /^HEAD \/v2\/.+\/manifests\//, failures: 2, status: 503 });
    try {
      const lines: string[] = [];
      const c = open(new RegistryClient({ registry: proxy.host, credentials: null, log: (l) => lines.push(l) }));
      expect((await c.headManifest(repo, 'amd'))!.digest).toBe(amd);
      expect(proxy.injected()).toBe(2);
      expect(lines.filter((l) => /HTTP 503\); retrying in/.test(l))).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });

  it('retries connection resets', async () => {
    const proxy = await startRegistryProxy(env.registry, { match: /^GET \/v2\/.+\/manifests\//, failures: 1, reset: true });
    try {
      const c = open(new RegistryClient({ registry: proxy.host, credentials: null }));
      expect((await c.getManifest(repo, 'arm')).digest).toBe(arm);
      expect(proxy.injected()).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});
