// The registry client's protocol, against an in-process fake registry
// (test/support/registry-fake.ts): auth challenges, token scopes and caching,
// digest verification, schema 1 refusal, retries, uploads, mounts, copies.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from '@jest/globals';
import {
  copyImage,
  DigestMismatchError,
  MediaType,
  RegistryAuthError,
  RegistryClient,
  RegistryError,
  UnsupportedManifestError,
  type RegistryClientOptions,
} from '@switchyard/registry';
import { startRegistryFake, type RegistryFake, type RegistryFakeOptions } from '../support/registry-fake';

const sha = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const noSleep = async () => {};

let fakes: RegistryFake[] = [];
let clients: RegistryClient[] = [];
afterEach(async () => {
  for (const c of clients) c.close();
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
  clients = [];
});
async function fake(opts: RegistryFakeOptions = {}) {
  const f = await startRegistryFake(opts);
  fakes.push(f);
  return f;
}
function client(f: RegistryFake, opts: Partial<RegistryClientOptions> = {}) {
  const c = new RegistryClient({ registry: f.host, credentials: null, sleep: noSleep, ...opts });
  clients.push(c);
  return c;
}

/** Seeds an image (config + one layer + manifest) into a fake; returns its digests. */
function seedImage(f: RegistryFake, repo: string, tag: string, layerText = 'layer') {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', layer: layerText }));
  const layer = Buffer.from(layerText.repeat(1000));
  const cfg = f.putBlob(repo, config);
  const lyr = f.putBlob(repo, layer);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MediaType.dockerManifest,
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: cfg, size: config.length },
      layers: [{ mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: lyr, size: layer.length }],
    }),
  );
  const digest = f.putManifest(repo, manifest, MediaType.dockerManifest, tag);
  return { digest, manifest, config: cfg, layer: lyr, layerBytes: layer };
}

describe('manifests', () => {
  it('HEADs by tag and digest with the multi-type Accept header, and returns undefined when absent', async () => {
    const f = await fake();
    const img = seedImage(f, 'shop/catalog', 'v1');
    const c = client(f);
    expect(await c.headManifest('shop/catalog', 'v1')).toEqual({ digest: img.digest, mediaType: MediaType.dockerManifest, size: img.manifest.length });
    expect(await c.headManifest('shop/catalog', img.digest)).toMatchObject({ digest: img.digest });
    expect(await c.headManifest('shop/catalog', 'nope')).toBeUndefined();
    const head = f.requests.find((r) => r.method === 'HEAD')!;
    expect(String(head.headers.accept).split(', ')).toEqual([
      MediaType.ociIndex,
      MediaType.dockerManifestList,
      MediaType.ociManifest,
      MediaType.dockerManifest,
    ]);
  });

  it('GETs the exact bytes, verified against the digest', async () => {
    const f = await fake();
    const img = seedImage(f, 'a', 't');
    const m = await client(f).getManifest('a', 't');
    expect(m.body.equals(img.manifest)).toBe(true);
    expect(m.digest).toBe(img.digest);
    expect(m.parsed.layers).toHaveLength(1);
  });

  it('refuses bytes that do not match the requested digest or the announced one', async () => {
    const f = await fake();
    const img = seedImage(f, 'a', 't');
    f.tamper.manifestBody = true;
    await expect(client(f).getManifest('a', img.digest)).rejects.toThrow(DigestMismatchError);
    f.tamper.manifestBody = false;
    f.tamper.digestHeader = true;
    await expect(client(f).getManifest('a', 't')).rejects.toThrow(/announced .* but the bytes hash to/);
    await expect(client(f).headManifest('a', img.digest)).rejects.toThrow(DigestMismatchError);
  });

  it('never accepts schema 1', async () => {
    const f = await fake();
    seedImage(f, 'a', 't');
    f.tamper.schema1 = true;
    await expect(client(f).getManifest('a', 't')).rejects.toThrow(UnsupportedManifestError);
    await expect(client(f).headManifest('a', 't')).rejects.toThrow(/schema 1/);
  });

  it('throws a 404 RegistryError for GET of a missing manifest', async () => {
    const f = await fake();
    const e = await client(f)
      .getManifest('a', 'missing')
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RegistryError);
    expect((e as RegistryError).status).toBe(404);
    expect((e as RegistryError).has('MANIFEST_UNKNOWN')).toBe(true);
  });

  it('PUTs by tag and refuses a digest reference that does not match the bytes', async () => {
    const f = await fake();
    const img = seedImage(f, 'a', 't');
    const c = client(f);
    expect(await c.putManifest('b', 'copy', img.manifest, MediaType.dockerManifest)).toEqual({
      digest: img.digest,
      mediaType: MediaType.dockerManifest,
      size: img.manifest.length,
    });
    expect(f.tagOf('b', 'copy')).toBe(img.digest);
    await expect(c.putManifest('b', sha('x'), img.manifest, MediaType.dockerManifest)).rejects.toThrow(DigestMismatchError);
    await expect(c.putManifest('b', 'v', '{}', 'application/vnd.docker.distribution.manifest.v1+json')).rejects.toThrow(UnsupportedManifestError);
  });
});

describe('auth', () => {
  it('answers Basic challenges with the credentials', async () => {
    const f = await fake({ auth: 'basic', username: 'u', password: 'basic-pw-1' });
    seedImage(f, 'a', 't');
    const c = client(f, { credentials: { username: 'u', password: 'basic-pw-1', source: 'test' } });
    expect(await c.ping()).toEqual({ auth: 'basic' });
    expect(await c.headManifest('a', 't')).toBeDefined();
    expect(f.requests.filter((r) => r.url === '/v2/')[0]!.authorization).toBeUndefined();
    expect(f.requests.at(-1)!.authorization).toBe(`Basic ${Buffer.from('u:basic-pw-1').toString('base64')}`);
  });

  it('reports rejected credentials as a RegistryAuthError naming the user, without retrying', async () => {
    const f = await fake({ auth: 'basic', username: 'u', password: 'right' });
    seedImage(f, 'a', 't');
    const c = client(f, { credentials: { username: 'u', password: 'wrong-pw-2', source: 'inputs' } });
    const e = await c.headManifest('a', 't').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RegistryAuthError);
    expect(String((e as Error).message)).toMatch(/refused the credentials from inputs \(user "u"\): HTTP 401/);
    expect(String((e as Error).message)).not.toContain('wrong-pw-2');
    expect(f.requests.filter((r) => r.url.includes('/manifests/'))).toHaveLength(1);
  });

  it('says anonymous access was refused when there are no credentials', async () => {
    const f = await fake({ auth: 'basic', username: 'u', password: 'p' });
    await expect(client(f).headManifest('a', 't')).rejects.toThrow(/refused anonymous access/);
  });

  it('gets Bearer tokens with the repository scope and caches them per scope', async () => {
    const f = await fake({ auth: 'bearer', username: 'u', password: 'bearer-pw-3' });
    seedImage(f, 'a', 't');
    const c = client(f, { credentials: { username: 'u', password: 'bearer-pw-3', source: 'test' } });
    await c.headManifest('a', 't');
    await c.headManifest('a', 't');
    await c.getManifest('a', 't');
    const tokenRequests = f.requests.filter((r) => r.url.startsWith('/token'));
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]!.url).toBe('/token?service=fake&scope=repository%3Aa%3Apull');
    expect(tokenRequests[0]!.authorization).toBe(`Basic ${Buffer.from('u:bearer-pw-3').toString('base64')}`);
    await c.putManifest('a', 't2', (await c.getManifest('a', 't')).body, MediaType.dockerManifest);
    expect(f.requests.filter((r) => r.url.startsWith('/token')).map((r) => r.url)).toContain('/token?service=fake&scope=repository%3Aa%3Apull%2Cpush');
  });

  it('asks for the source repository scope too when mounting', async () => {
    const f = await fake({ auth: 'bearer', username: 'u', password: 'p' });
    const d = f.putBlob('src', Buffer.from('blob'));
    const c = client(f, { credentials: { username: 'u', password: 'p', source: 'test' } });
    expect(await c.mountBlob('dst', d, 'src')).toBe(true);
    expect(f.hasBlob('dst', d)).toBe(true);
    expect(f.requests.find((r) => r.url.startsWith('/token') && r.url.includes('src'))!.url).toBe(
      '/token?service=fake&scope=repository%3Adst%3Apull%2Cpush&scope=repository%3Asrc%3Apull',
    );
  });

  it('fails a Bearer token request with wrong credentials clearly', async () => {
    const f = await fake({ auth: 'bearer', username: 'u', password: 'right' });
    await expect(client(f, { credentials: { username: 'u', password: 'wrong', source: 'inputs' } }).headManifest('a', 't')).rejects.toThrow(
      /token service refused the credentials from inputs/,
    );
  });
});

describe('retries', () => {
  it('retries 503 and 429 then succeeds', async () => {
    const f = await fake();
    seedImage(f, 'a', 't');
    f.fail(/^HEAD \/v2\/a\/manifests/, 2, 503);
    f.fail(/^GET \/v2\/a\/manifests/, 1, 429);
    const lines: string[] = [];
    const c = client(f, { log: (l) => lines.push(l) });
    expect(await c.headManifest('a', 't')).toBeDefined();
    expect(await c.getManifest('a', 't')).toBeDefined();
    expect(lines.filter((l) => /attempt \d failed/.test(l))).toHaveLength(3);
    expect(lines[0]).toMatch(/HEAD .*a:t: attempt 1 failed \(HEAD .*: HTTP 503\); retrying in/);
  });

  it('gives up after maxAttempts with the last cause', async () => {
    const f = await fake();
    f.fail(/manifests/, 10, 502);
    await expect(client(f, { maxAttempts: 3 }).headManifest('a', 't')).rejects.toThrow(/gave up after 3 attempts.*HTTP 502/);
  });

  it('does not retry a 4xx', async () => {
    const f = await fake();
    f.fail(/manifests/, 1, 400);
    await expect(client(f).headManifest('a', 't')).rejects.toThrow(/HTTP 400/);
    expect(f.requests.filter((r) => r.url.includes('manifests'))).toHaveLength(1);
  });

  it('retries refused connections until it gives up', async () => {
    const f = await fake();
    const host = f.host;
    await f.close();
    fakes = fakes.filter((x) => x !== f);
    const c = new RegistryClient({ registry: host, credentials: null, sleep: noSleep, maxAttempts: 2 });
    clients.push(c);
    await expect(c.headManifest('a', 't')).rejects.toThrow(/gave up after 2 attempts.*ECONNREFUSED/);
  });
});

describe('blobs', () => {
  it('HEADs, downloads (following a redirect) and verifies', async () => {
    const f = await fake({ redirectBlobs: true });
    const data = Buffer.from('hello blob');
    const d = f.putBlob('a', data);
    const c = client(f);
    expect(await c.headBlob('a', d)).toEqual({ digest: d, size: data.length });
    expect(await c.headBlob('a', sha('other'))).toBeUndefined();
    expect((await c.getBlobBytes('a', d)).equals(data)).toBe(true);
    const { stream } = await c.getBlob('a', d);
    const chunks: Buffer[] = [];
    for await (const ch of stream) chunks.push(ch as Buffer);
    expect(Buffer.concat(chunks).equals(data)).toBe(true);
    expect(f.requests.some((r) => r.url.startsWith('/storage/'))).toBe(true);
  });

  it('uploads in one streamed PATCH, and in chunks with Content-Range', async () => {
    const f = await fake();
    const c = client(f);
    const data = Buffer.alloc(100_000, 7);
    await c.uploadBlob('a', sha(data), data.length, () => Readable.from([data.subarray(0, 33_333), data.subarray(33_333)]));
    expect(f.hasBlob('a', sha(data))).toBe(true);
    const other = Buffer.alloc(50_000, 9);
    await c.uploadBlob('b', sha(other), other.length, other, { chunkSize: 20_000 });
    expect(f.hasBlob('b', sha(other))).toBe(true);
    const patches = f.requests.filter((r) => r.method === 'PATCH' && r.url.startsWith('/v2/b/'));
    expect(patches.map((p) => p.headers['content-range'])).toEqual(['0-19999', '20000-39999', '40000-49999']);
  });

  it('refuses to upload bytes that do not match the digest', async () => {
    const f = await fake();
    const data = Buffer.from('real');
    await expect(client(f).uploadBlob('a', sha('claimed'), data.length, data)).rejects.toThrow(/DIGEST|hash/);
    expect(f.hasBlob('a', sha('claimed'))).toBe(false);
  });

  it('reports a declined mount as false and cancels the upload it opened', async () => {
    const f = await fake();
    expect(await client(f).mountBlob('dst', sha('absent'), 'src')).toBe(false);
    expect(f.requests.at(-1)!.method).toBe('DELETE');
  });
});

describe('copyImage', () => {
  it('copies an image between registries, then is a no-op the second time', async () => {
    const a = await fake();
    const b = await fake({ auth: 'bearer', username: 'u', password: 'p' });
    const img = seedImage(a, 'shop/catalog', 'v1');
    const src = client(a);
    const dst = client(b, { credentials: { username: 'u', password: 'p', source: 'test' } });
    const r = await copyImage({
      source: { client: src, repository: 'shop/catalog' },
      target: { client: dst, repository: 'uat/catalog' },
      digest: img.digest,
      tags: ['uat'],
    });
    expect(r).toMatchObject({ digest: img.digest, alreadyPresent: false, manifestsCopied: 1, blobsCopied: 2, blobsMounted: 0, tags: ['uat'] });
    expect(b.tagOf('uat/catalog', 'uat')).toBe(img.digest);
    expect(b.hasBlob('uat/catalog', img.layer)).toBe(true);
    const again = await copyImage({
      source: { client: src, repository: 'shop/catalog' },
      target: { client: dst, repository: 'uat/catalog' },
      digest: img.digest,
    });
    expect(again).toMatchObject({ alreadyPresent: true, manifestsCopied: 0, blobsCopied: 0 });
  });

  it('streams a blob shared by two images once, and mounts it for the second (blobCache)', async () => {
    const a = await fake();
    const b = await fake();
    const one = seedImage(a, 'one', 't', 'shared');
    const two = seedImage(a, 'two', 't', 'shared'); // same config and layer bytes → same blobs
    const cache = new Map<string, Promise<string>>();
    const [r1, r2] = await Promise.all([
      copyImage({ source: { client: client(a), repository: 'one' }, target: { client: client(b), repository: 'x/one' }, digest: one.digest, blobCache: cache }),
      copyImage({ source: { client: client(a), repository: 'two' }, target: { client: client(b), repository: 'x/two' }, digest: two.digest, blobCache: cache }),
    ]);
    expect(r1.blobsCopied + r2.blobsCopied).toBe(2);
    expect(r1.blobsMounted + r2.blobsMounted).toBe(2);
    expect(b.requests.filter((r) => r.method === 'PATCH')).toHaveLength(2);
    expect(b.hasBlob('x/two', two.layer) && b.hasBlob('x/one', one.layer)).toBe(true);
  });

  it('mounts blobs within one registry and keeps every platform of an index', async () => {
    const f = await fake();
    const amd = seedImage(f, 'src', 'amd', 'amd64');
    const arm = seedImage(f, 'src', 'arm', 'arm64');
    const index = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MediaType.ociIndex,
        manifests: [
          { mediaType: MediaType.dockerManifest, digest: amd.digest, size: amd.manifest.length, platform: { architecture: 'amd64', os: 'linux' } },
          { mediaType: MediaType.dockerManifest, digest: arm.digest, size: arm.manifest.length, platform: { architecture: 'arm64', os: 'linux' } },
        ],
      }),
    );
    const idx = f.putManifest('src', index, MediaType.ociIndex, 'multi');
    const c = client(f);
    const r = await copyImage({ source: { client: c, repository: 'src' }, target: { client: c, repository: 'dst' }, digest: idx, tags: ['prod'] });
    expect(r).toMatchObject({ mediaType: MediaType.ociIndex, manifestsCopied: 3, blobsMounted: 4, blobsCopied: 0 });
    const copied = await c.getManifest('dst', 'prod');
    expect(copied.digest).toBe(idx);
    expect(copied.body.equals(index)).toBe(true);
    expect(await c.headManifest('dst', arm.digest)).toBeDefined();
    // Children were PUT before the index.
    const puts = f.requests.filter((x) => x.method === 'PUT' && x.url.startsWith('/v2/dst/manifests/')).map((x) => x.url.split('/').pop());
    expect(puts.indexOf(idx)).toBeGreaterThan(puts.indexOf(amd.digest));
    expect(puts.indexOf(idx)).toBeGreaterThan(puts.indexOf(arm.digest));
  });
});
