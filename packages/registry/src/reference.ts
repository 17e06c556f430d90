/**
 * Image references are parsed by kit (one parser, one digest pattern, for
 * every package and action); this module adds what only the registry client
 * needs: where to connect and over which scheme.
 */
import { BlockList, isIP } from 'node:net';
import { DOCKER_HUB, InputError, InvalidReferenceError, isValidRegistryHost, show } from '@switchyard/kit';

export {
  DIGEST_RE,
  DOCKER_HUB,
  formatImageReference,
  InvalidReferenceError,
  isValidDigest,
  isValidRegistryHost,
  isValidRepositoryPath,
  isValidTag,
  parseImageReference,
  REPOSITORY_PATH_RE,
  TAG_RE,
  type ImageReference,
} from '@switchyard/kit';

/** The host to connect to for a registry name (`docker.io` is served by `registry-1.docker.io`). */
export function registryEndpointHost(registry: string): string {
  return registry === DOCKER_HUB ? 'registry-1.docker.io' : registry;
}

/**
 * The host part of a registry name, without the port or IPv6 brackets
 * (`[::1]:5000` → `::1`); a bare IPv6 address (`::ffff:7f00:1`) is all host.
 */
function hostOf(registry: string): string {
  if (registry.startsWith('[')) return registry.slice(1, registry.indexOf(']'));
  return isIP(registry) === 6 ? registry : registry.replace(/:\d+$/, '');
}

/**
 * The loopback networks: 127.0.0.0/8 and ::1. BlockList also matches an
 * IPv4 rule against the IPv4-mapped IPv6 form of an address
 * (`::ffff:127.0.0.1`, `::ffff:7f00:1`), and compares addresses, not their
 * spelling (`0:0:0:0:0:0:0:1` is `::1`).
 */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Loopback registries (localhost, 127.0.0.0/8, ::1, and 127.0.0.0/8 as
 * IPv4-mapped IPv6 addresses): always spoken to over plain http. A name is
 * loopback only as an IP address or as `localhost` itself, never by looking
 * like one (`127.0.0.1.example.com`, `localhost.example.com`).
 */
export function isLoopbackHost(registry: string): boolean {
  const host = hostOf(registry).toLowerCase();
  if (host === 'localhost') return true;
  const family = isIP(host);
  return family !== 0 && LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Checks one entry of an insecure-registries list and returns it normalised
 * (lowercase). An entry is either a registry name, host[:port], matched
 * exactly as image references name the registry (`registry.lan` does not
 * match `registry.lan:5000`: list each port, as Docker does), or an IP
 * network in CIDR notation (`198.18.100.0/24`, `fd00::/8`), matching
 * registries named by an IP address inside it on any port. Unlike Docker, a
 * CIDR never matches a host name: no DNS lookup decides what goes unencrypted.
 * Throws InvalidReferenceError naming the entry.
 */
export function parseInsecureRegistry(entry: string): string {
  const e = entry.trim().toLowerCase();
  const fail = (why: string): never => {
    throw new InvalidReferenceError(`${show(entry)} ${why}`);
  };
  if (e === '') fail('is empty: give a registry host[:port] or an IP network (CIDR)');
  if (e.includes('://')) fail('has a scheme: give the registry as host[:port] (e.g. 198.18.100.254:5000), or an IP network such as 198.18.100.0/24');
  if (e.includes('/')) {
    const cidr = parseCidr(e);
    if (cidr === undefined)
      return fail('has a path: give the registry as host[:port], or an IP network such as 198.18.100.0/24 (an address, / and a prefix length)');
    if (cidr.prefix > (cidr.family === 'ipv4' ? 32 : 128)) fail(`has prefix length /${cidr.prefix}, more than an ${cidr.family} address has`);
    return e;
  }
  if (!isValidRegistryHost(e)) fail('is not a registry host[:port] or an IP network (CIDR)');
  const port = /:(\d+)$/.exec(e.startsWith('[') ? e.slice(e.indexOf(']')) : e)?.[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) fail(`has port ${port}, outside 1-65535`);
  return e;
}

function parseCidr(entry: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const m = /^([0-9a-f.:]+)\/(\d{1,3})$/.exec(entry);
  const v = m ? isIP(m[1]!) : 0;
  if (!m || v === 0) return undefined;
  return { address: m[1]!, prefix: Number(m[2]), family: v === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * The one rule for which scheme a registry is spoken to over: `http` for
 * loopback registries and for those matching an entry of
 * `insecureRegistries` (see parseInsecureRegistry; invalid entries throw),
 * `https` for everything else.
 */
export function registryScheme(registry: string, insecureRegistries: readonly string[] = []): 'http' | 'https' {
  if (isLoopbackHost(registry)) return 'http';
  const name = registry.toLowerCase();
  const host = hostOf(name);
  const family = isIP(host);
  for (const raw of insecureRegistries) {
    const entry = parseInsecureRegistry(raw);
    if (entry === name) return 'http';
    const cidr = entry.includes('/') ? parseCidr(entry) : undefined;
    // An IPv4 network also holds its addresses written as IPv4-mapped IPv6 (::ffff:198.18.100.254), as Docker's does.
    if (cidr && family !== 0 && (family === 6 || cidr.family === 'ipv4')) {
      const net = new BlockList();
      net.addSubnet(cidr.address, cidr.prefix, cidr.family);
      if (net.check(host, family === 4 ? 'ipv4' : 'ipv6')) return 'http';
    }
  }
  return 'https';
}

/**
 * An action's insecure-registries input, already split into entries (kit's
 * `list(name, { commas: true })`): each checked and normalised by
 * parseInsecureRegistry; a bad entry is an InputError naming the input.
 */
export function insecureRegistriesInput(entries: readonly string[], input = 'insecure-registries'): string[] {
  return entries.map((entry) => {
    try {
      return parseInsecureRegistry(entry);
    } catch (e) {
      if (e instanceof InvalidReferenceError) throw new InputError(input, e.message, { hint: 'list registries as host[:port] or IP networks as a.b.c.d/n' });
      throw e;
    }
  });
}
