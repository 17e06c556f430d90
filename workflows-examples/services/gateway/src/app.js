import { createApp, createRouter } from '@shop/common/http';
import { createPools } from './addresses.js';
import { probe } from './probe.js';
import { createProxy } from './proxy.js';

/**
 * The gateway: one entry point per colour. Proxies /products → catalog,
 * /carts → cart, /orders → orders. /healthz is healthy only when every
 * service is (so "this colour is healthy" means the whole colour);
 * /version reports its own release and each service's. A service is
 * healthy when any of its tasks is (its name resolves to one address per
 * task; the proxy uses the ones that answer).
 *
 * `lookup` (tests) replaces `dns.lookup(name, { all: true })`; `timeouts`
 * (tests) overrides the proxy's timeouts.
 */
export function createGatewayApp({ upstreams, version, log, lookup, timeouts = {} }) {
  const pools = createPools(lookup ? { lookup } : {});
  const { proxy, close } = createProxy(
    { '/products': upstreams.catalog, '/carts': upstreams.cart, '/orders': upstreams.orders },
    { version, pools, ...timeouts },
  );
  const check = async (path) =>
    Object.fromEntries(
      await Promise.all(Object.entries(upstreams).map(async ([name, base]) => [name, await probe(base, path, { pool: pools.for(new URL(base).hostname) })])),
    );

  const router = createRouter();
  router.route('GET', '/version', async () => {
    const r = await check('/version');
    return { service: 'gateway', version, services: Object.fromEntries(Object.entries(r).map(([n, x]) => [n, x.body?.version ?? null])) };
  });
  const server = createApp({
    service: 'gateway',
    version,
    router,
    fallback: proxy,
    log,
    health: async () => {
      const r = await check('/healthz');
      const upstreamStatus = Object.fromEntries(
        Object.entries(r).map(([n, x]) => [n, x.status === 200 ? 'ok' : (x.body?.reason ?? x.error ?? `HTTP ${x.status}`)]),
      );
      const bad = Object.entries(upstreamStatus)
        .filter(([, s]) => s !== 'ok')
        .map(([n]) => n);
      if (bad.length) throw Object.assign(new Error(`unhealthy: ${bad.join(', ')}`), { details: { upstreams: upstreamStatus } });
      return { upstreams: upstreamStatus };
    },
  });
  server.on('close', close);
  return server;
}
