// The addresses of one upstream service, and which of them to try.
//
// In the stack the internal services use `endpoint_mode: dnsrr`: the name
// `catalog` resolves to one A record per running task, on whatever node it
// runs. A plain HTTP client resolves the name once per connection and then
// keeps its keep-alive sockets, so when a node dies (no RST, packets simply
// dropped) it goes on sending to the dead task. This pool instead
//   - resolves the name to all its addresses, cached for `ttlMs` (1 s) only,
//     so new and removed tasks show up fast;
//   - rotates over them (round robin, the same order on every host);
//   - skips an address for `failMs` (10 s) after it failed to connect or
//     timed out, but when every address is marked it tries them anyway:
//     stale marks must never take the whole service away.
import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export const ADDRESS_TTL_MS = 1_000;
export const FAILED_FOR_MS = 10_000;

/**
 * `lookup(hostname)` resolves to `[{ address, family }]`, as
 * `dns.lookup(hostname, { all: true })` does; tests pass their own.
 */
export function createAddressPool(
  hostname,
  { lookup = (h) => dnsLookup(h, { all: true }), ttlMs = ADDRESS_TTL_MS, failMs = FAILED_FOR_MS, now = Date.now } = {},
) {
  let cached = { at: -Infinity, addresses: [] };
  let pending = null; // one lookup at a time, shared by concurrent requests
  let next = 0; // round-robin position
  const failedAt = new Map(); // address → when it last failed
  const isFailed = (address) => failedAt.has(address) && now() - failedAt.get(address) < failMs;

  async function resolve() {
    if (isIP(hostname)) return [hostname];
    if (now() - cached.at < ttlMs) return cached.addresses;
    pending ??= lookup(hostname)
      .then((records) => {
        // Sorted, so that the rotation does not depend on the resolver's order.
        const addresses = [...new Set(records.map((r) => r.address))].sort();
        cached = { at: now(), addresses };
        for (const a of failedAt.keys()) if (!addresses.includes(a)) failedAt.delete(a); // a task that is gone
        return addresses;
      })
      .finally(() => (pending = null));
    return pending;
  }

  return {
    hostname,
    /**
     * The addresses to try for one request, in order: the ones not marked
     * failed, starting at the next in the rotation, then the marked ones
     * (longest-marked first) as a last resort.
     */
    async candidates() {
      const addresses = await resolve();
      const start = next++ % Math.max(addresses.length, 1);
      const rotated = [...addresses.slice(start), ...addresses.slice(0, start)];
      const marked = rotated.filter(isFailed).sort((a, b) => failedAt.get(a) - failedAt.get(b));
      return [...rotated.filter((a) => !isFailed(a)), ...marked];
    },
    /** The address did not connect, or did not answer in time: skip it for a while. */
    markFailed(address) {
      failedAt.set(address, now());
    },
    /** The address answered: it is no longer skipped. */
    markOk(address) {
      failedAt.delete(address);
    },
    /** Whether the address is currently skipped (for tests and logs). */
    isFailed,
  };
}

/** One pool per upstream host name, shared by the proxy and the health probes. */
export function createPools(options = {}) {
  const pools = new Map();
  return {
    for(hostname) {
      if (!pools.has(hostname)) pools.set(hostname, createAddressPool(hostname, options));
      return pools.get(hostname);
    },
  };
}
