import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseManifest, pinnedRef, readManifests, validateManifest, withService, writeManifest, type ReleaseManifest } from '@switchyard/kit';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const base: ReleaseManifest = {
  schemaVersion: 1,
  version: '2026.11.26-3f2a9c1',
  commit: '3f2a9c1aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  created: '2026-11-26T10:00:00.000Z',
  services: { catalog: { image: '127.0.0.1:5000/shop/catalog', digest: digest('a') } },
};

describe('release manifest', () => {
  it('round-trips through a file atomically', () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    const path = join(dir, 'sub/release.json');
    writeManifest(path, base);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(base);
    expect(readManifests([path])).toEqual(base);
  });

  it('names the file and the field that is wrong', () => {
    const bad = { ...base, services: { catalog: { image: '127.0.0.1:5000/shop/catalog', digest: 'sha256:abc' } } };
    expect(() => validateManifest(bad, 'release.json')).toThrow(
      `release.json: field 'services.catalog.digest' is "sha256:abc"; expected sha256:<64 hex digits>`,
    );
    expect(() => validateManifest({ ...base, version: 'has space' }, 'r.json')).toThrow(`r.json: field 'version' is "has space"`);
    expect(() => validateManifest({ ...base, services: { catalog: { image: 'Shop/Catalog:latest', digest: digest('a') } } }, 'r.json')).toThrow(
      `field 'services.catalog.image'`,
    );
    expect(() => parseManifest('{ nope', 'r.json')).toThrow(/^r.json: not valid JSON/);
    expect(() => validateManifest({ ...base, schemaVersion: 2 }, 'r.json')).toThrow(`field 'schemaVersion' is 2`);
  });

  it('merges per-service manifests of one release and refuses conflicts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const c = join(dir, 'c.json');
    writeManifest(a, base);
    writeManifest(b, withService({ ...base, services: {} }, 'cart', { image: '127.0.0.1:5000/shop/cart', digest: digest('b') }));
    writeManifest(c, { ...base, services: { catalog: { image: '127.0.0.1:5000/shop/catalog', digest: digest('c') } } });
    const merged = readManifests([a, b]);
    expect(Object.keys(merged.services).sort()).toEqual(['cart', 'catalog']);
    expect(pinnedRef(merged.services.cart!)).toBe(`127.0.0.1:5000/shop/cart@${digest('b')}`);
    expect(() => readManifests([a, c])).toThrow(/service catalog is .*@sha256:c+ but another manifest says .*@sha256:a+/);
    writeFileSync(c, JSON.stringify({ ...base, version: 'other' }));
    expect(() => readManifests([a, c])).toThrow(`version "other" differs`);
  });
});
