import { describe, expect, it } from '@jest/globals';
import { InputError, type ReleaseManifest } from '@switchyard/kit';
import {
  checkTagTemplates,
  expandTag,
  planRelease,
  problems,
  tagAction,
  targetLocation,
  targetRelease,
  type Inspection,
} from '../../actions/promote-version/src/plan';

const A = `sha256:${'a'.repeat(64)}`;
const B = `sha256:${'b'.repeat(64)}`;
const release: ReleaseManifest = {
  schemaVersion: 1,
  version: '2026.11.26-3f2a9c1',
  commit: '3f2a9c1e0000000000000000000000000000abcd',
  created: '2026-11-26T06:00:00.000Z',
  services: {
    catalog: { image: 'registry.example.com/shop/catalog', digest: A, tags: ['3f2a9c1'] },
    cart: { image: '127.0.0.1:5000/shop/cart', digest: B },
  },
};
const ctx = { env: 'uat', from: 'qa', release };

describe('tags', () => {
  it('expands every placeholder', () => {
    expect(expandTag('{env}', ctx, 'cart')).toBe('uat');
    expect(expandTag('{env}-{version}', ctx, 'cart')).toBe('uat-2026.11.26-3f2a9c1');
    expect(expandTag('{service}-{from}-{short-commit}', ctx, 'cart')).toBe('cart-qa-3f2a9c1');
    expect(expandTag('{commit}', ctx, 'cart')).toBe(release.commit);
    expect(expandTag('stable', ctx, 'cart')).toBe('stable');
  });
  it('names an unknown placeholder', () => {
    expect(() => expandTag('{env}-{sha}', ctx, 'cart')).toThrow(
      new InputError('tags', '"{env}-{sha}" uses unknown placeholder {sha}; known: {env} {from} {version} {service} {commit} {short-commit}'),
    );
  });
  it('rejects templates that expand to invalid or duplicate tags', () => {
    expect(() => checkTagTemplates(['{env}/x'], ctx)).toThrow(/"{env}\/x" expands to "uat\/x" for catalog, which is not a valid tag/);
    expect(() => checkTagTemplates(['{env}', 'uat'], ctx)).toThrow(/expands to "uat" twice for catalog/);
    expect(() => checkTagTemplates(['{env}', '{env}-{version}'], ctx)).not.toThrow();
  });
});

describe('targetLocation', () => {
  const src = { registry: 'registry.example.com', repository: 'shop/catalog' };
  it('keeps the source by default (same repository: tagging only)', () => {
    expect(targetLocation(src, { targetRegistry: '', targetRepositoryPrefix: '', env: 'uat', from: 'qa' })).toEqual(src);
  });
  it('moves to another registry and prefix, keeping the last path component', () => {
    expect(targetLocation(src, { targetRegistry: 'prod.example.com:5000', targetRepositoryPrefix: 'prod/{env}', env: 'prod', from: 'uat' })).toEqual({
      registry: 'prod.example.com:5000',
      repository: 'prod/prod/catalog',
    });
    expect(targetLocation(src, { targetRegistry: '', targetRepositoryPrefix: 'mirror', env: 'uat', from: 'qa' })).toEqual({
      registry: 'registry.example.com',
      repository: 'mirror/catalog',
    });
  });
});

describe('planRelease', () => {
  it('plans every service in name order with its tags', () => {
    const plans = planRelease(release, {
      tags: ['{env}', '{env}-{version}'],
      env: 'uat',
      from: 'qa',
      targetRegistry: 'r.example.com',
      targetRepositoryPrefix: 'uat',
    });
    expect(plans).toEqual([
      {
        service: 'cart',
        digest: B,
        source: { registry: '127.0.0.1:5000', repository: 'shop/cart' },
        target: { registry: 'r.example.com', repository: 'uat/cart' },
        tags: ['uat', 'uat-2026.11.26-3f2a9c1'],
        sourceTag: undefined,
      },
      {
        service: 'catalog',
        digest: A,
        source: { registry: 'registry.example.com', repository: 'shop/catalog' },
        target: { registry: 'r.example.com', repository: 'uat/catalog' },
        tags: ['uat', 'uat-2026.11.26-3f2a9c1'],
        sourceTag: '3f2a9c1',
      },
    ]);
  });

  it('writes the target release with the same digests in the target repositories', () => {
    const plans = planRelease(release, { tags: ['{env}'], env: 'uat', from: 'qa', targetRegistry: 'r.example.com', targetRepositoryPrefix: '' });
    expect(targetRelease(release, plans)).toEqual({
      ...release,
      services: {
        cart: { image: 'r.example.com/shop/cart', digest: B, tags: ['uat'] },
        catalog: { image: 'r.example.com/shop/catalog', digest: A, tags: ['uat'] },
      },
    });
  });
});

describe('problems', () => {
  const plans = planRelease(release, { tags: ['{env}', '{env}-{version}'], env: 'uat', from: 'qa', targetRegistry: '', targetRepositoryPrefix: '' });
  const found = { digest: A, mediaType: 'x', size: 1 };
  it('is empty when every source exists and no tag would move under immutable', () => {
    const ins: Inspection[] = [
      { source: found, targetHasDigest: true, tags: { uat: B } },
      { source: found, targetHasDigest: false, tags: { uat: A, 'uat-2026.11.26-3f2a9c1': A } },
    ];
    expect(problems(plans, ins, true)).toEqual([]);
  });
  it('lists missing sources always, and moved tags only under immutable', () => {
    const ins: Inspection[] = [
      { source: undefined, targetHasDigest: false, tags: {} },
      { source: found, targetHasDigest: false, tags: { uat: B } },
    ];
    expect(problems(plans, ins, false)).toEqual([`cart: 127.0.0.1:5000/shop/cart@${B} does not exist in the source registry`]);
    expect(problems(plans, ins, true)).toEqual([
      `cart: 127.0.0.1:5000/shop/cart@${B} does not exist in the source registry`,
      `catalog: tag registry.example.com/shop/catalog:uat already points at ${B} (immutable: not moving it to ${A})`,
    ]);
  });
  it('refuses two services writing the same target tag with different digests', () => {
    const same: ReleaseManifest = { ...release, services: { a: { image: 'r.io/shop/app', digest: A }, b: { image: 'r.io/shop/app', digest: B } } };
    const p = planRelease(same, { tags: ['{env}'], env: 'uat', from: 'qa', targetRegistry: '', targetRepositoryPrefix: '' });
    const ok: Inspection = { source: found, targetHasDigest: false, tags: {} };
    expect(problems(p, [ok, ok], false)).toEqual([
      'b: tag r.io/shop/app:uat is also the target of a (another digest); add {service} to the tags or use target-repository-prefix',
    ]);
    const distinct = planRelease(same, { tags: ['{env}-{service}'], env: 'uat', from: 'qa', targetRegistry: '', targetRepositoryPrefix: '' });
    expect(problems(distinct, [ok, ok], false)).toEqual([]);
  });

  it('classifies tag actions', () => {
    expect(tagAction(undefined, A)).toBe('create');
    expect(tagAction(A, A)).toBe('unchanged');
    expect(tagAction(B, A)).toBe('move');
  });
});
