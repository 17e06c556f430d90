import { describe, expect, it } from '@jest/globals';
import { normalizeRepository, splitImageReference as parseImageRef } from '@switchyard/kit';
import { allowedUnpinned, composeVersion, interpolate, interpolateString, mergeDocs, planPins, variableRefs } from '@switchyard/swarm/compose';

const problems = () => ({ unset: new Set<string>(), required: [] as string[] });

describe('interpolation, as compose does it', () => {
  it('substitutes $VAR, ${VAR} and the default/required operators', () => {
    const p = problems();
    const env = { A: 'a', EMPTY: '' };
    expect(interpolateString('x-$A-${A}-${EMPTY:-d1}-${EMPTY-d2}-${NOPE-d3}-${NOPE:-d4}', env, p)).toBe('x-a-a-d1--d3-d4');
    expect(p.unset.size).toBe(0);
    expect(interpolateString('$$A costs $$5', env, p)).toBe('$A costs $5');
  });

  it('reports unset variables without a default, and required ones', () => {
    const p = problems();
    interpolateString('${TAG} $OTHER ${NEED:?give NEED} ${EMPTY:?e} ${SET?x}', { EMPTY: '', SET: '' }, p);
    expect([...p.unset].sort()).toEqual(['OTHER', 'TAG']);
    expect(p.required).toEqual(['NEED (give NEED)', 'EMPTY (e)']);
  });

  it('interpolates values only, never keys, through nested documents', () => {
    const p = problems();
    const out = interpolate({ services: { '${K}': { image: 'r/${K}:1', ports: ['${P}:80'], replicas: 2 } } }, { K: 'web', P: '8080' }, p);
    expect(out).toEqual({ services: { '${K}': { image: 'r/web:1', ports: ['8080:80'], replicas: 2 } } });
  });

  it('rejects an invalid reference, naming it', () => {
    expect(() => variableRefs('${1BAD}')).toThrow('invalid interpolation format "${1BAD}"');
    expect(variableRefs('$A ${B:-x} $$C')).toEqual([
      { name: 'A', op: '', arg: '' },
      { name: 'B', op: ':-', arg: 'x' },
    ]);
  });
});

describe('merging compose files', () => {
  it('merges mappings key by key; later scalars and lists win', () => {
    const merged = mergeDocs([
      { version: '3.8', services: { web: { image: 'a:1', environment: { X: '1', Y: '2' }, ports: ['80:80'] }, db: { image: 'db' } } },
      { services: { web: { image: 'a:2', environment: { Y: '3' }, ports: ['81:80'] } } },
    ]);
    expect(merged).toEqual({ version: '3.8', services: { web: { image: 'a:2', environment: { X: '1', Y: '3' }, ports: ['81:80'] }, db: { image: 'db' } } });
  });

  it("uses the first file's version for the override (docker refuses mixed versions)", () => {
    expect(composeVersion([{ version: '3.8' }, { version: '3.9' }])).toBe('3.8');
    expect(composeVersion([{ services: {} }])).toBeUndefined();
  });
});

describe('image references', () => {
  it('splits repository, tag and digest (registry ports are not tags)', () => {
    expect(parseImageRef('127.0.0.1:5000/shop/web:1.2@sha256:abc')).toEqual({ repository: '127.0.0.1:5000/shop/web', tag: '1.2', digest: 'sha256:abc' });
    expect(parseImageRef('127.0.0.1:5000/shop/web')).toEqual({ repository: '127.0.0.1:5000/shop/web', tag: undefined, digest: undefined });
    expect(parseImageRef('nginx:1')).toEqual({ repository: 'nginx', tag: '1', digest: undefined });
  });
  it("normalizes Docker Hub's implicit names", () => {
    expect(normalizeRepository('nginx')).toBe('docker.io/library/nginx');
    expect(normalizeRepository('index.docker.io/library/nginx')).toBe('docker.io/library/nginx');
    expect(normalizeRepository('me/app')).toBe('docker.io/me/app');
    expect(normalizeRepository('localhost/app')).toBe('localhost/app');
    expect(normalizeRepository('ghcr.io/Me/App')).toBe('ghcr.io/me/app');
  });
  it('matches allow-unpinned entries exactly or by glob', () => {
    expect(allowedUnpinned('nginx', ['docker.io/library/nginx'])).toBe(true);
    expect(allowedUnpinned('127.0.0.1:5000/third/proxy', ['127.0.0.1:5000/third/*'])).toBe(true);
    expect(allowedUnpinned('127.0.0.1:5000/shop/web', ['127.0.0.1:5000/third/*', 'nginx'])).toBe(false);
  });
});

describe('pinning from the release', () => {
  const D1 = `sha256:${'1'.repeat(64)}`;
  const D2 = `sha256:${'2'.repeat(64)}`;
  const release = { web: { image: 'reg.example.com/shop/web', digest: D1 }, api: { image: 'reg.example.com/shop/api', digest: D2 } };

  it('rewrites release images to repository@digest, whatever tag or digest the file had', () => {
    const plan = planPins(
      [
        { name: 'web', image: 'reg.example.com/shop/web:latest' },
        { name: 'api', image: `reg.example.com/shop/api@sha256:${'9'.repeat(64)}` },
        { name: 'proxy', image: `nginx@${D2}` },
        { name: 'cache', image: 'redis:7' },
      ],
      release,
      ['redis'],
    );
    expect(Object.fromEntries([...plan.images].map(([n, p]) => [n, [p.to, p.how]]))).toEqual({
      web: [`reg.example.com/shop/web@${D1}`, 'release'],
      api: [`reg.example.com/shop/api@${D2}`, 'release'],
      proxy: [`nginx@${D2}`, 'digest'],
      cache: ['redis:7', 'allowed'],
    });
    expect(plan.unpinned).toEqual([]);
    expect(plan.unusedRelease).toEqual([]);
  });

  it('reports images in neither the release nor the allow list, release services no one uses, and services without an image', () => {
    const plan = planPins(
      [
        { name: 'web', image: 'reg.example.com/shop/web:1' },
        { name: 'cache', image: 'redis:7' },
        { name: 'built', image: undefined },
      ],
      release,
      [],
    );
    expect(plan.unpinned).toEqual(['cache']);
    expect(plan.unusedRelease).toEqual(['api']);
    expect(plan.missingImage).toEqual(['built']);
  });

  it('rewrites nothing without a release', () => {
    const plan = planPins([{ name: 'web', image: 'web:1' }], undefined, []);
    expect(plan.images.get('web')).toEqual({ from: 'web:1', to: 'web:1', how: 'unpinned' });
    expect(plan.unpinned).toEqual([]);
  });
});
