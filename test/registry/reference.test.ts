import { describe, expect, it } from '@jest/globals';
import {
  DIGEST_PATTERN,
  DIGEST_RE as KIT_DIGEST_RE,
  parseImageReference as kitParseImageReference,
  registryOfAuthKey,
  splitImageReference,
} from '@switchyard/kit';
import {
  DIGEST_RE,
  formatImageReference,
  InvalidReferenceError,
  isLoopbackHost,
  parseImageReference,
  parseWwwAuthenticate,
  registryEndpointHost,
  registryScheme,
} from '@switchyard/registry';

const D = `sha256:${'a'.repeat(64)}`;

describe('parseImageReference', () => {
  it.each([
    ['127.0.0.1:5000/shop/catalog', { registry: '127.0.0.1:5000', repository: 'shop/catalog' }],
    ['127.0.0.1:5000/shop/catalog:1.2.3', { registry: '127.0.0.1:5000', repository: 'shop/catalog', tag: '1.2.3' }],
    [`ghcr.io/o/r@${D}`, { registry: 'ghcr.io', repository: 'o/r', digest: D }],
    [`ghcr.io/o/r:v1@${D}`, { registry: 'ghcr.io', repository: 'o/r', tag: 'v1', digest: D }],
    ['localhost/app', { registry: 'localhost', repository: 'app' }],
    ['localhost:5000/a/b/c:x_y-z.1', { registry: 'localhost:5000', repository: 'a/b/c', tag: 'x_y-z.1' }],
    ['busybox', { registry: 'docker.io', repository: 'library/busybox' }],
    ['busybox:1', { registry: 'docker.io', repository: 'library/busybox', tag: '1' }],
    ['bitnami/redis:7', { registry: 'docker.io', repository: 'bitnami/redis', tag: '7' }],
    ['index.docker.io/library/node', { registry: 'docker.io', repository: 'library/node' }],
    ['[::1]:5000/x', { registry: '[::1]:5000', repository: 'x' }],
    [
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/cart:uat',
      { registry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', repository: 'shop/cart', tag: 'uat' },
    ],
  ])('%s', (ref, expected) => {
    expect(parseImageReference(ref)).toEqual(expected);
  });

  it('uses the default registry when given', () => {
    expect(parseImageReference('shop/catalog', { defaultRegistry: '127.0.0.1:5000' })).toEqual({ registry: '127.0.0.1:5000', repository: 'shop/catalog' });
  });

  it.each([
    ['', /is empty/],
    ['Shop/Catalog', /repository "Shop\/Catalog"/],
    ['host.io/app:-bad', /has tag "-bad"/],
    ['host.io/app@sha256:abc', /has digest "sha256:abc"/],
    [`host.io/app@md5:${'a'.repeat(32)}`, /expected sha256/],
    ['host.io/a//b', /repository "a\/\/b"/],
    ['host.io/app:' + 'x'.repeat(129), /has tag/],
  ])('rejects %j', (ref, message) => {
    expect(() => parseImageReference(ref)).toThrow(InvalidReferenceError);
    expect(() => parseImageReference(ref)).toThrow(message);
  });

  it('round-trips through formatImageReference', () => {
    for (const ref of ['127.0.0.1:5000/shop/catalog:1', `ghcr.io/o/r@${D}`, 'docker.io/library/busybox:1'])
      expect(formatImageReference(parseImageReference(ref))).toBe(ref);
  });
});

describe('hosts', () => {
  it('treats 127.0.0.0/8, localhost and ::1 as loopback (http)', () => {
    for (const h of ['127.0.0.1:5000', '127.1.2.3', 'localhost', 'localhost:5001', '[::1]:5000']) expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['ghcr.io', '10.0.0.1:5000', '127.0.0.1.nip.io', 'localhost.example.com']) expect(isLoopbackHost(h)).toBe(false);
  });
  it.each([
    ['[::ffff:127.0.0.1]:5000', 'IPv4-mapped, dotted, bracketed with a port'],
    ['[::ffff:127.0.0.1]', 'IPv4-mapped, dotted, bracketed'],
    ['::ffff:127.0.0.1', 'IPv4-mapped, dotted, bare'],
    ['[::ffff:7f00:1]:5000', 'IPv4-mapped, hex, bracketed with a port'],
    ['::ffff:7f00:1', 'IPv4-mapped, hex, bare (the last group is not a port)'],
    ['[::FFFF:7F00:1]:5000', 'IPv4-mapped, upper case'],
    ['[::ffff:127.255.0.9]', 'IPv4-mapped, elsewhere in 127.0.0.0/8'],
    ['[0:0:0:0:0:ffff:7f00:1]:5000', 'IPv4-mapped, written out'],
    ['[0:0:0:0:0:0:0:1]:5000', '::1 written out'],
    ['::1', '::1 bare'],
    ['LOCALHOST:5000', 'localhost in upper case'],
  ])('treats %s as loopback (%s)', (h) => {
    expect(isLoopbackHost(h)).toBe(true);
    expect(registryScheme(h)).toBe('http');
  });
  it.each([
    ['127.0.0.1.example.com', 'a name that starts like 127.0.0.1'],
    ['127.0.0.1.example.com:5000', 'the same with a port'],
    ['[::ffff:128.0.0.1]:5000', 'IPv4-mapped, outside 127.0.0.0/8'],
    ['::ffff:8000:1', 'IPv4-mapped hex, outside 127.0.0.0/8'],
    ['[::ffff:10.0.0.1]', 'IPv4-mapped private address'],
    ['[::127.0.0.1]:5000', 'IPv4-compatible (deprecated), not mapped: ::7f00:1 is not loopback'],
    ['[::ffff:0:127.0.0.1]', 'IPv4-translated, not mapped'],
    ['[::2]:5000', 'next to ::1'],
    ['[::]:5000', 'the unspecified address'],
    ['0.0.0.0:5000', 'the unspecified IPv4 address (Docker too sends it over https)'],
    ['127.999.0.1', 'not an address'],
    ['ffff.127.0.0.1', 'a name that ends like one'],
  ])('does not treat %s as loopback (%s)', (h) => {
    expect(isLoopbackHost(h)).toBe(false);
    expect(registryScheme(h)).toBe('https');
  });
  it('maps docker.io to its API host', () => {
    expect(registryEndpointHost('docker.io')).toBe('registry-1.docker.io');
    expect(registryEndpointHost('ghcr.io')).toBe('ghcr.io');
  });
});

describe('parseWwwAuthenticate', () => {
  it('parses a Bearer challenge with quoted params', () => {
    expect(parseWwwAuthenticate('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull"')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/busybox:pull' } },
    ]);
  });
  it('parses Basic, unquoted values, commas inside quotes and several challenges', () => {
    expect(parseWwwAuthenticate('Basic realm="a, b"')).toEqual([{ scheme: 'basic', params: { realm: 'a, b' } }]);
    expect(parseWwwAuthenticate('Bearer realm=https://x/token, service=x, Basic realm="r"')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://x/token', service: 'x' } },
      { scheme: 'basic', params: { realm: 'r' } },
    ]);
    expect(
      parseWwwAuthenticate('Bearer realm="https://x/token",scope="repository:a:pull,push repository:b:pull",error="insufficient_scope"')[0]!.params,
    ).toEqual({
      realm: 'https://x/token',
      scope: 'repository:a:pull,push repository:b:pull',
      error: 'insufficient_scope',
    });
  });
  it('returns nothing for an empty header', () => {
    expect(parseWwwAuthenticate('')).toEqual([]);
  });
});

describe('one parser for every package', () => {
  it('is the kit parser the registry exports', () => {
    expect(parseImageReference).toBe(kitParseImageReference);
    expect(DIGEST_RE).toBe(KIT_DIGEST_RE);
  });

  it('cuts references at the same boundaries it validates', () => {
    expect(splitImageReference(`127.0.0.1:5000/shop/web:1.2@${D}`)).toEqual({ repository: '127.0.0.1:5000/shop/web', tag: '1.2', digest: D });
    expect(splitImageReference('localhost:5000/web')).toEqual({ repository: 'localhost:5000/web' });
    expect(parseImageReference('localhost:5000/web')).toEqual({ registry: 'localhost:5000', repository: 'web' });
  });

  it('reads Docker config keys as registries', () => {
    expect(registryOfAuthKey('https://index.docker.io/v1/')).toBe('docker.io');
    expect(registryOfAuthKey('HTTPS://Registry-1.Docker.io')).toBe('docker.io');
    expect(registryOfAuthKey('http://127.0.0.1:5000/v2/')).toBe('127.0.0.1:5000');
  });

  it('matches digests with one pattern, anchored or inside text', () => {
    expect(DIGEST_RE.test(D)).toBe(true);
    expect(DIGEST_RE.test(D.toUpperCase())).toBe(false);
    expect(DIGEST_RE.test(`${D}0`)).toBe(false);
    expect(new RegExp(`@(${DIGEST_PATTERN})$`).exec(`x@${D}`)?.[1]).toBe(D);
  });
});
