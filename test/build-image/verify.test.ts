// Digest verification, size and summary logic with an in-memory registry (no network).
import { describe, expect, it } from '@jest/globals';
import { InputError, Failure } from '@switchyard/kit';
import { RegistryAuthError, type RegistryClient } from '@switchyard/registry';
import { formatBytes, summary } from '../../actions/build-image/src/main';
import type { Inputs } from '../../actions/build-image/src/inputs';
import type { Plan } from '../../actions/build-image/src/plan';
import { probePushAccess, verifyPushed } from '../../actions/build-image/src/registry';

const D = (c: string) => `sha256:${c.repeat(64)}`;
const target = { registry: '127.0.0.1:5000', repository: 'shop/catalog' };
const manifest = (layers: number[]) => ({ config: { size: 100 }, layers: layers.map((size) => ({ size })) });

/** A stand-in for RegistryClient: tags → descriptors, digests → manifests. */
function fakeClient(
  tags: Record<string, string>,
  manifests: Record<string, { mediaType: string; size: number; parsed: object }>,
  ping: () => Promise<{ auth: 'none' | 'basic' | 'bearer' }> = async () => ({ auth: 'none' }),
  source = 'anonymous',
): RegistryClient {
  return {
    ping,
    credentialSource: async () => source,
    headManifest: async (_repo: string, ref: string) => {
      const digest = tags[ref];
      return digest ? { digest, mediaType: manifests[digest]!.mediaType, size: manifests[digest]!.size } : undefined;
    },
    getManifest: async (_repo: string, ref: string) => ({ digest: ref, body: Buffer.alloc(0), ...manifests[ref]! }),
  } as unknown as RegistryClient;
}

describe('verifyPushed', () => {
  const single = { [D('a')]: { mediaType: 'application/vnd.docker.distribution.manifest.v2+json', size: 735, parsed: manifest([1000, 2000]) } };

  it('accepts when every tag resolves to the pushed digest, and sizes config + layers + manifest', async () => {
    const v = await verifyPushed(fakeClient({ v1: D('a'), latest: D('a') }, single), target, ['v1', 'latest'], D('a'));
    expect(v).toEqual({ digest: D('a'), mediaType: 'application/vnd.docker.distribution.manifest.v2+json', size: 735 + 100 + 3000, platforms: 1 });
  });

  it('fails when a tag points elsewhere or is missing', async () => {
    await expect(
      verifyPushed(fakeClient({ v1: D('a'), latest: D('b') }, { ...single, [D('b')]: single[D('a')]! }), target, ['v1', 'latest'], D('a')),
    ).rejects.toThrow(
      new Failure(`verification failed: 127.0.0.1:5000/shop/catalog:latest resolves to ${D('b')} in the registry, but the push reported ${D('a')}`),
    );
    await expect(verifyPushed(fakeClient({}, single), target, ['v1'], D('a'))).rejects.toThrow(
      /shop\/catalog:v1 does not exist in the registry after the push/,
    );
  });

  it('sums the platforms of an index, leaving out attestation entries', async () => {
    const index = {
      [D('i')]: {
        mediaType: 'application/vnd.oci.image.index.v1+json',
        size: 500,
        parsed: {
          manifests: [
            { digest: D('a'), platform: { os: 'linux', architecture: 'amd64' } },
            { digest: D('b'), platform: { os: 'linux', architecture: 'arm64' } },
            { digest: D('c'), platform: { os: 'unknown', architecture: 'unknown' } },
          ],
        },
      },
      [D('a')]: { mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 10, parsed: manifest([1000]) },
      [D('b')]: { mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 10, parsed: manifest([2000]) },
    };
    const v = await verifyPushed(fakeClient({ v1: D('i') }, index), target, ['v1'], D('i'));
    expect(v.platforms).toBe(2);
    expect(v.size).toBe(10 + 100 + 1000 + 10 + 100 + 2000);
  });
});

describe('probePushAccess', () => {
  const refused = async (): Promise<never> => {
    throw new RegistryAuthError('refused', 401);
  };
  it('names username when there are no credentials, password when the given ones are refused', async () => {
    await expect(probePushAccess(fakeClient({}, {}, refused), target, false)).rejects.toThrow(
      /^Input 'username': registry 127\.0\.0\.1:5000 requires authentication to push \(HTTP 401\)/,
    );
    await expect(probePushAccess(fakeClient({}, {}, refused), target, true)).rejects.toThrow(
      /^Input 'password': registry 127\.0\.0\.1:5000 refused the username\/password given \(HTTP 401\)/,
    );
    await expect(probePushAccess(fakeClient({}, {}, refused, '/home/u/.docker/config.json'), target, false)).rejects.toThrow(
      /refused the credentials from \/home\/u\/\.docker\/config\.json/,
    );
    await expect(
      probePushAccess(
        fakeClient({}, {}, async () => ({ auth: 'bearer' })),
        target,
        false,
      ),
    ).rejects.toThrow(InputError);
    expect(
      await probePushAccess(
        fakeClient({}, {}, async () => ({ auth: 'basic' }), 'inputs'),
        target,
        true,
      ),
    ).toEqual({ auth: 'basic', source: 'inputs' });
  });
});

describe('summary', () => {
  it('shows image, tags, digest, size, builder and duration, escaping what it prints', () => {
    const inputs = { image: { name: '127.0.0.1:5000/shop/catalog', registry: '127.0.0.1:5000', repository: 'shop/catalog' }, service: 'catalog' } as Inputs;
    const plan = { builder: 'legacy', tags: ['abc1234', '1.0'], warnings: ['cache-from: type=gha skipped <b>'] } as unknown as Plan;
    const text = summary(
      inputs,
      plan,
      { imageId: D('f'), cacheExportFailed: true },
      { digest: D('a'), mediaType: 'x', size: 1_234_567, platforms: 1 },
      '/w/release.json',
      83_000,
    ).toString();
    expect(text).toContain('| Image | Tags | Digest | Size | Builder | Duration |');
    expect(text).toContain(`| 127.0.0.1:5000/shop/catalog | abc1234, 1.0 | ${D('a')} ✅ verified in the registry | 1.2 MB compressed | legacy | 1m23s |`);
    expect(text).toContain(`- Pinned reference: 127.0.0.1:5000/shop/catalog@${D('a')}`);
    expect(text).toContain('- Release manifest: /w/release.json (service catalog)');
    expect(text).toContain('skipped &lt;b&gt;');
    expect(text).toContain('The cache export failed');
  });

  it('formats sizes for people', () => {
    expect([formatBytes(999), formatBytes(1500), formatBytes(25_300_000), formatBytes(3_000_000_000)]).toEqual(['999 B', '1.5 kB', '25 MB', '3.0 GB']);
  });
});
