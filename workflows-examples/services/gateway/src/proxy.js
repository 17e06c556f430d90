// A small streaming reverse proxy: path prefix → upstream service, with
// keep-alive connections to the upstreams. Idempotent requests (GET/HEAD)
// are retried once when a reused keep-alive connection turns out to be
// closed (ECONNRESET before any response byte) — the classic keep-alive race.
import http from 'node:http';
import { HttpError } from '@shop/common/http';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);

export function parseRoutes(routes) {
  return Object.entries(routes).map(([prefix, target]) => ({ prefix, target: new URL(target) }));
}

export function pickRoute(routes, path) {
  return routes.find((r) => path === r.prefix || path.startsWith(`${r.prefix}/`));
}

export function createProxy(routes, { version, agent = new http.Agent({ keepAlive: true, maxSockets: 64, timeout: 30_000 }), timeoutMs = 15_000 } = {}) {
  const table = parseRoutes(routes);
  const proxy = async ({ req, res, url }) => {
    const route = pickRoute(table, url.pathname);
    if (!route) return false;
    const body = req.method === 'GET' || req.method === 'HEAD' ? null : await readAll(req);
    const headers = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k)) headers[k] = v;
    headers['x-forwarded-for'] = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ');
    headers['x-forwarded-host'] = req.headers.host ?? '';
    for (let attempt = 1; ; attempt++) {
      try {
        await forward({ route, req, res, url, headers, body, agent, timeoutMs, version });
        return true;
      } catch (e) {
        const retryable = body === null && attempt === 1 && !res.headersSent && e.code === 'ECONNRESET';
        if (retryable) continue;
        if (!res.headersSent) {
          const text = JSON.stringify({ error: `upstream ${route.target.host} unavailable`, reason: e.code ?? e.message });
          res.writeHead(e.code === 'ETIMEDOUT' ? 504 : 502, {
            'content-type': 'application/json; charset=utf-8',
            'content-length': Buffer.byteLength(text),
            'x-release-version': version,
          });
          res.end(text);
        } else res.destroy();
        return true;
      }
    }
  };
  return { proxy, close: () => agent.destroy() };
}

function forward({ route, req, res, url, headers, body, agent, timeoutMs, version }) {
  return new Promise((resolve, reject) => {
    const upstream = http.request(
      {
        protocol: route.target.protocol,
        hostname: route.target.hostname,
        port: route.target.port,
        method: req.method,
        path: url.pathname + url.search,
        headers: { ...headers, host: route.target.host, ...(body ? { 'content-length': body.length } : {}) },
        agent,
        timeout: timeoutMs,
      },
      (up) => {
        const out = {};
        for (const [k, v] of Object.entries(up.headers)) if (!HOP_BY_HOP.has(k)) out[k] = v;
        out['x-release-version'] = version;
        res.writeHead(up.statusCode ?? 502, out);
        up.pipe(res);
        up.on('end', resolve);
        up.on('error', reject);
      },
    );
    upstream.on('timeout', () => upstream.destroy(Object.assign(new Error('upstream timed out'), { code: 'ETIMEDOUT' })));
    upstream.on('error', reject);
    upstream.end(body ?? undefined);
  });
}

const MAX_BODY = 1024 * 1024;

/** The request body (buffered so an idempotent request can be retried), at most 1 MiB. */
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

/** GET <upstream><path> as JSON within `timeoutMs`: `{ status, body }` or `{ error }`. */
export async function probe(base, path, timeoutMs = 2_000) {
  try {
    const res = await fetch(new URL(path, base), { signal: AbortSignal.timeout(timeoutMs) });
    return { status: res.status, body: await res.json().catch(() => undefined) };
  } catch (e) {
    return { error: e.cause?.code ?? e.name };
  }
}
