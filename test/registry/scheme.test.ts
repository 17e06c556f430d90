// The one rule for http vs https (reference.ts registryScheme) and the
// insecure-registries entries it reads.
import { describe, expect, it } from '@jest/globals';
import { InvalidReferenceError, parseInsecureRegistry, RegistryClient, registryScheme } from '@switchyard/registry';

describe('registryScheme', () => {
  it('speaks http to loopback registries with or without a list', () => {
    for (const r of ['127.0.0.1:5000', '127.9.9.9', 'localhost:5001', '[::1]:5000']) {
      expect(registryScheme(r)).toBe('http');
      expect(registryScheme(r, ['ghcr.io'])).toBe('http');
    }
  });

  it('speaks https to everything else unless listed', () => {
    for (const r of ['ghcr.io', 'docker.io', '198.18.100.254:5000', '10.0.0.1', '[fd00::1]:5000', '127.0.0.1.nip.io']) expect(registryScheme(r)).toBe('https');
  });

  it.each([
    // [registry, entries, expected]
    ['198.18.100.254:5000', ['198.18.100.254:5000'], 'http'],
    ['registry.lan:5000', ['Registry.LAN:5000'], 'http'],
    ['Registry.lan:5000', ['registry.lan:5000'], 'http'],
    ['registry.lan', ['registry.lan'], 'http'],
    ['[fd00::1]:5000', ['[fd00::1]:5000'], 'http'],
    // host[:port] entries match exactly, as Docker matches index names: a port is part of the name.
    ['registry.lan:5000', ['registry.lan'], 'https'],
    ['registry.lan', ['registry.lan:5000'], 'https'],
    ['198.18.100.254:5001', ['198.18.100.254:5000'], 'https'],
    ['198.18.100.254', ['198.18.100.254:5000'], 'https'],
    ['other.registry.lan:5000', ['registry.lan:5000'], 'https'],
    ['registry.lan.evil.example:5000', ['registry.lan'], 'https'],
    // CIDR entries match registries named by an IP address inside them, on any port.
    ['198.18.100.254:5000', ['198.18.100.0/24'], 'http'],
    ['198.18.100.254', ['198.18.100.0/24'], 'http'],
    ['198.18.101.254:5000', ['198.18.100.0/24'], 'https'],
    ['198.18.101.254:5000', ['198.18.100.0/23'], 'http'],
    ['198.18.102.254:5000', ['198.18.100.0/23'], 'https'],
    ['198.18.101.254:5000', ['198.18.100.0/22'], 'http'],
    ['198.18.100.7:5000', ['198.18.100.7/32'], 'http'],
    ['198.18.100.8:5000', ['198.18.100.7/32'], 'https'],
    ['10.1.2.3:5000', ['0.0.0.0/0'], 'http'],
    // Host bits in the entry are masked, as Go's net.ParseCIDR does for Docker.
    ['198.18.100.9:5000', ['198.18.100.254/24'], 'http'],
    ['[fd00::1]:5000', ['fd00::/8'], 'http'],
    ['[fe80::1]:5000', ['fd00::/8'], 'https'],
    // A CIDR never matches a host name (no DNS lookup), nor an address of the other family.
    ['registry.lan:5000', ['0.0.0.0/0'], 'https'],
    ['[fd00::1]:5000', ['0.0.0.0/0'], 'https'],
    ['198.18.100.254:5000', ['::/0'], 'https'],
    // An IPv4 network holds its addresses written as IPv4-mapped IPv6, as Docker's does; no other IPv6 address.
    ['[::ffff:198.18.100.254]:5000', ['198.18.100.0/24'], 'http'],
    ['[::ffff:c612:64fe]:5000', ['198.18.100.0/24'], 'http'],
    ['[::ffff:198.18.101.1]:5000', ['198.18.100.0/24'], 'https'],
    ['[::198.18.100.254]:5000', ['198.18.100.0/24'], 'https'],
    // Several entries: any match.
    ['198.18.100.254:5000', ['ghcr.io', '10.0.0.0/8', '198.18.100.254:5000'], 'http'],
    ['ghcr.io', ['10.0.0.0/8', 'registry.lan'], 'https'],
  ] as const)('%s with %j → %s', (registry, entries, expected) => {
    expect(registryScheme(registry, entries)).toBe(expected);
  });

  it('throws on an invalid entry instead of ignoring it', () => {
    expect(() => registryScheme('ghcr.io', ['http://ghcr.io'])).toThrow(InvalidReferenceError);
  });
});

describe('parseInsecureRegistry', () => {
  it.each([
    ['198.18.100.254:5000', '198.18.100.254:5000'],
    [' Registry.LAN:5000 ', 'registry.lan:5000'],
    ['registry.lan', 'registry.lan'],
    ['[fd00::1]:5000', '[fd00::1]:5000'],
    ['198.18.100.0/24', '198.18.100.0/24'],
    ['FD00::/8', 'fd00::/8'],
  ])('accepts %j', (entry, normalised) => {
    expect(parseInsecureRegistry(entry)).toBe(normalised);
  });

  it.each([
    ['http://198.18.100.254:5000', /"http:\/\/198\.18\.100\.254:5000" has a scheme/],
    ['https://registry.lan', /has a scheme/],
    ['198.18.100.254:5000/shop', /"198\.18\.100\.254:5000\/shop" has a path/],
    ['registry.lan/v2/', /has a path/],
    ['198.18.100.0/', /has a path/],
    ['198.18.100.0/33', /prefix length \/33, more than an ipv4 address has/],
    ['fd00::/129', /prefix length \/129, more than an ipv6 address has/],
    ['registry.lan:0', /has port 0, outside 1-65535/],
    ['registry.lan:70000', /has port 70000/],
    ['*.lan', /"\*\.lan" is not a registry host\[:port\] or an IP network/],
    ['registry lan', /is not a registry host/],
    ['', /is empty/],
  ])('rejects %j', (entry, message) => {
    expect(() => parseInsecureRegistry(entry)).toThrow(InvalidReferenceError);
    expect(() => parseInsecureRegistry(entry)).toThrow(message);
  });
});

describe('RegistryClient scheme', () => {
  const base = (registry: string, opts: Partial<ConstructorParameters<typeof RegistryClient>[0]> = {}) => {
    const c = new RegistryClient({ registry, credentials: null, ...opts });
    c.close();
    return c.baseUrl;
  };
  it('follows registryScheme, and an explicit scheme still wins', () => {
    expect(base('198.18.100.254:5000')).toBe('https://198.18.100.254:5000');
    expect(base('198.18.100.254:5000', { insecureRegistries: ['198.18.100.254:5000'] })).toBe('http://198.18.100.254:5000');
    expect(base('198.18.100.254:5000', { insecureRegistries: ['198.18.100.0/24'] })).toBe('http://198.18.100.254:5000');
    expect(base('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(base('127.0.0.1:5000', { scheme: 'https' })).toBe('https://127.0.0.1:5000');
    expect(base('docker.io', { insecureRegistries: ['10.0.0.0/8'] })).toBe('https://registry-1.docker.io');
  });
  it('refuses an invalid entry when created', () => {
    expect(() => new RegistryClient({ registry: 'ghcr.io', credentials: null, insecureRegistries: ['ghcr.io/v2'] })).toThrow(/"ghcr\.io\/v2" has a path/);
  });
});
