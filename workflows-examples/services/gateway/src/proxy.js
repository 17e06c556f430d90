// A small streaming reverse proxy: path prefix → upstream service, with
// keep-alive connections to the upstreams.
//
// Every request goes to one address of the service (addresses.js rotates
// over its tasks) and moves on to the next address when that one fails:
//   - a connection that is refused, unreachable or not up within
//     CONNECT_TIMEOUT_MS: any method (nothing was sent yet);
//   - GET/HEAD only (they carry no body and are safe to repeat): no response
//     headers within RESPONSE_TIMEOUT_MS, or a reset before any response
//     byte (a reused keep-alive socket the service had just closed).
// Each address is tried at most once per request, never after the response
// has started towards the client. An address that failed is skipped for a
// while, and the agent's idle sockets to it are destroyed.
import http from 'node:http';
import { HttpError } from '@shop/common/http';
import { createPools } from './addresses.js';
import { CONNECT_TIMEOUT_MS, IDLE_TIMEOUT_MS, RESPONSE_TIMEOUT_MS, dropIdleSockets, watchConnect } from './upstream.js';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);

/** At most this many addresses per request (the services run 1 or 2 replicas). */
const MAX_ATTEMPTS = 3;

export function parseRoutes(routes) {
  return Object.entries(routes).map(([prefix, target]) => ({ prefix, target: new URL(target) }));
}

export function pickRoute(routes, path) {
  return routes.find((r) => path === r.prefix || path.startsWith(`${r.prefix}/`));
}

export function createProxy(
  routes,
  {
    version,
    pools = createPools(),
    agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 30_000 }),
    connectTimeoutMs = CONNECT_TIMEOUT_MS,
    responseTimeoutMs = RESPONSE_TIMEOUT_MS,
    timeoutMs = IDLE_TIMEOUT_MS,
  } = {},
) {
  const table = parseRoutes(routes);
  const proxy = async ({ req, res, url }) => {
    const route = pickRoute(table, url.pathname);
    if (!route) return false;
    const idempotent = req.method === 'GET' || req.method === 'HEAD';
    const body = idempotent ? null : await readAll(req);
    const headers = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k)) headers[k] = v;
    headers['x-forwarded-for'] = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    headers['x-forwarded-host'] = req.headers.host ?? '';

    const pool = pools.for(route.target.hostname);
    const port = route.target.port || 80;
    let error;
    let retriedReset = false;
    try {
      const addresses = (await pool.candidates()).slice(0, MAX_ATTEMPTS);
      for (let i = 0; i < addresses.length; i++) {
        const address = addresses[i];
        const last = i === addresses.length - 1;
        try {
          // The response timeout only makes sense when there is somewhere else to go;
          // the last address gets the whole idle timeout (a slow answer beats none).
          const headerTimeoutMs = idempotent && !last ? responseTimeoutMs : timeoutMs;
          await forward({ address, port, route, req, res, url, headers, body, agent, connectTimeoutMs, headerTimeoutMs, timeoutMs, version });
          pool.markOk(address);
          return true;
        } catch (e) {
          error = e;
          if (res.headersSent) break; // the response had started: nothing can be repeated
          const verdict = judge(e, { idempotent });
          if (verdict.skipAddress) pool.markFailed(address);
          if (verdict.dropIdleSockets) dropIdleSockets(agent, address, port);
          if (!verdict.tryAnother) break;
          // The classic keep-alive race (the service closed an idle socket as we reused it) is not
          // the address's fault: with no other address left, try it once more on a new connection.
          if (last && verdict.keepAliveRace && !retriedReset) {
            retriedReset = true;
            addresses.push(address);
          }
        }
      }
    } catch (e) {
      error = e; // the name did not resolve
    }
    if (res.headersSent) {
      res.destroy();
      return true;
    }
    const text = JSON.stringify({ error: `upstream ${route.target.host} unavailable`, reason: error?.code ?? error?.message ?? 'no address' });
    res.writeHead(error?.code === 'ETIMEDOUT' ? 504 : 502, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      'x-release-version': version,
    });
    res.end(text);
    return true;
  };
  return { proxy, close: () => agent.destroy() };
}

/**
 * What a failed attempt means:
 *   skipAddress      it did not connect or did not answer in time (a dead or stuck task);
 *   dropIdleSockets  the agent's other idle sockets to it are not to be trusted either;
 *   tryAnother       the request may go to another address: nothing was sent (any method),
 *                    or it is a GET/HEAD and no response byte came back;
 *   keepAliveRace    a reused keep-alive socket was reset: usually the service had just closed it.
 */
export function judge(e, { idempotent }) {
  const notConnected = e.stage === 'connect';
  const timedOut = e.code === 'ETIMEDOUT';
  const reset = e.code === 'ECONNRESET';
  return {
    skipAddress: notConnected || timedOut,
    dropIdleSockets: notConnected || timedOut || reset,
    tryAnother: notConnected || (idempotent && (timedOut || reset)),
    keepAliveRace: reset && e.reused === true,
  };
}

/** One attempt: sends the request to `address` and streams the answer to `res`. */
function forward({ address, port, route, req, res, url, headers, body, agent, connectTimeoutMs, headerTimeoutMs, timeoutMs, version }) {
  return new Promise((resolve, reject) => {
    let headerTimer;
    const upstream = http.request(
      {
        protocol: route.target.protocol,
        host: address,
        port,
        method: req.method,
        path: url.pathname + url.search,
        headers: { ...headers, host: route.target.host, ...(body ? { 'content-length': body.length } : {}) },
        agent,
        timeout: timeoutMs,
      },
      (up) => {
        clearTimeout(headerTimer);
        const out = {};
        for (const [k, v] of Object.entries(up.headers)) if (!HOP_BY_HOP.has(k)) out[k] = v;
        out['x-release-version'] = version;
        res.writeHead(up.statusCode ?? 502, out);
        up.pipe(res);
        up.on('end', resolve);
        up.on('error', reject);
      },
    );
    const timedOut = (what) => Object.assign(new Error(`upstream ${what}`), { code: 'ETIMEDOUT' });
    // Once connected, the response headers must come within headerTimeoutMs.
    watchConnect(upstream, connectTimeoutMs, () => {
      if (headerTimeoutMs < timeoutMs)
        headerTimer = setTimeout(() => upstream.destroy(timedOut(`sent no response headers within ${headerTimeoutMs} ms`)), headerTimeoutMs);
    });
    upstream.on('timeout', () => upstream.destroy(timedOut(`sent nothing for ${timeoutMs} ms`)));
    upstream.on('error', (e) => {
      clearTimeout(headerTimer);
      reject(e);
    });
    upstream.end(body ?? undefined);
  });
}

const MAX_BODY = 1024 * 1024;

/** The request body (buffered so a request can be sent again elsewhere), at most 1 MiB. */
async function readAll(req) {
  const chunks = [];
  let size = 0;
  for await (const c of req) {
    size += c.length;
    if (size > MAX_BODY) throw new HttpError(413, `request body larger than ${MAX_BODY} bytes`);
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}
