// A deliberately tiny HTTP layer on node:http: a router with `:params`,
// JSON in and out, errors as JSON, one log line per request, the standard
// /healthz, /version and /metrics (RED metrics, metrics.js) endpoints, and a graceful shutdown that lets
// in-flight and keep-alive requests finish when Swarm stops a task.
import { createServer } from 'node:http';
import { createMetrics, NOT_TRAFFIC } from './metrics.js';

export class HttpError extends Error {
  constructor(status, message, details) {
    super(message);
    this.status = status;
    this.details = details;
  }
}

const MAX_BODY = 64 * 1024;

/** Parses a JSON request body (at most 64 KiB); 400/413/415 on bad input. */
export async function readJson(req) {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'expected Content-Type: application/json');
  let size = 0;
  const chunks = [];
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, `request body larger than ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'request body is not valid JSON');
  }
}

export function sendJson(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

/**
 * A router: `route('GET', '/carts/:id', handler)`. A handler gets
 * `{ req, res, params, url }` and returns `{ status, body }` (or a body for
 * 200), or writes the response itself and returns undefined.
 */
export function createRouter() {
  const routes = [];
  const route = (method, pattern, handler) => {
    const names = [];
    const re = new RegExp('^' + pattern.replace(/\/:([a-zA-Z]+)/g, (_, n) => (names.push(n), '/([^/]+)')) + '/?$');
    routes.push({ method, re, names, handler, pattern });
  };
  /** The matching route, `405` information, or null. */
  const match = (method, path) => {
    let allowed = [];
    for (const r of routes) {
      const m = r.re.exec(path);
      if (!m) continue;
      if (r.method !== method) {
        allowed.push(r.method);
        continue;
      }
      const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      return { handler: r.handler, params, pattern: r.pattern };
    }
    return allowed.length ? { allowed } : null;
  };
  return { route, match };
}

/**
 * The HTTP server of a service. `health()` resolves (with details to show)
 * when the service can do its job (e.g. the database answers) and throws
 * otherwise. `fallback({ req, res, url })`, tried when no route matches,
 * returns true when it answered the request (the gateway's proxy).
 */
export function createApp({ service, version, router, health, fallback, log = defaultLog, metrics = createMetrics({ service, version }) }) {
  router.route('GET', '/version', () => ({ service, version }));
  router.route('GET', '/metrics', ({ res }) => metrics.handle(res));
  router.route('GET', '/healthz', async () => {
    try {
      const details = await health();
      return { status: 200, body: { status: 'ok', service, version, ...details } };
    } catch (e) {
      return { status: 503, body: { status: 'unavailable', service, version, reason: e.code ?? e.message, ...e.details } };
    }
  });

  return createServer({ keepAliveTimeout: 65_000, headersTimeout: 20_000, requestTimeout: 30_000 }, async (req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://localhost');
    let status = 500;
    let route = 'unmatched';
    try {
      const matched = router.match(req.method ?? 'GET', url.pathname);
      const found = matched ?? (fallback && (await fallback({ req, res, url })) ? { handled: true } : null);
      // A route's pattern; the gateway's proxy by its first path segment (/products, /carts, /orders).
      route = found?.pattern ?? (found?.handled ? url.pathname.split('/').slice(0, 2).join('/') : 'unmatched');
      if (found?.handled) {
        status = res.statusCode;
        return;
      }
      if (!found) throw new HttpError(404, `no route for ${req.method} ${url.pathname}`);
      if (found.allowed) {
        res.setHeader('allow', found.allowed.join(', '));
        throw new HttpError(405, `${req.method} is not allowed on ${url.pathname}`);
      }
      const result = await found.handler({ req, res, params: found.params, url });
      if (result === undefined) {
        status = res.statusCode;
      } else {
        const { status: s = 200, body } = result && 'body' in result ? result : { body: result };
        status = s;
        sendJson(res, status, body);
      }
    } catch (e) {
      status = e instanceof HttpError ? e.status : 500;
      if (status === 500) log({ level: 'error', msg: 'request failed', service, error: e.stack ?? String(e) });
      if (!res.headersSent) sendJson(res, status, { error: status === 500 ? 'internal error' : e.message, ...(e.details ? { details: e.details } : {}) });
      else res.destroy();
    } finally {
      if (!NOT_TRAFFIC.has(url.pathname)) metrics.observe(req.method ?? 'GET', route, status, (performance.now() - started) / 1000);
      if (!(url.pathname === '/healthz' && status === 200) && url.pathname !== '/metrics') {
        log({ level: 'info', service, method: req.method, path: url.pathname, status, ms: Math.round(performance.now() - started) });
      }
    }
  });
}

export function defaultLog(entry) {
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), ...entry }) + '\n');
}

/**
 * Listens on `port`; on SIGTERM/SIGINT stops accepting connections, lets
 * in-flight requests finish (closing idle keep-alive sockets), runs
 * `onClose` (e.g. pool.end()) and exits. Swarm's stop_grace_period must be
 * longer than `graceMs`.
 */
export function serve(server, { port, host = '0.0.0.0', onClose = async () => {}, graceMs = 10_000, log = defaultLog, service }) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      log({ level: 'info', msg: 'listening', service, port: server.address().port });
      let stopping = false;
      const stop = async (signal) => {
        if (stopping) return;
        stopping = true;
        log({ level: 'info', msg: 'shutting down', service, signal });
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        force.unref();
        server.close(async () => {
          await onClose().catch(() => {});
          process.exit(0);
        });
        server.closeIdleConnections();
      };
      process.once('SIGTERM', () => stop('SIGTERM'));
      process.once('SIGINT', () => stop('SIGINT'));
      resolve(server);
    });
  });
}

/** Validation helpers: each throws a 400 naming the field. */
export function positiveInt(value, field, { max = 1_000_000 } = {}) {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new HttpError(400, `'${field}' must be an integer from 1 to ${max}`, { field, value });
  return value;
}

export function nonEmptyString(value, field, { max = 200 } = {}) {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max)
    throw new HttpError(400, `'${field}' must be a non-empty string of at most ${max} characters`, { field });
  return value.trim();
}

/**
 * Runs a service's start-up: a configuration mistake (a missing variable or
 * secret) is one clear log line and exit code 1, not a stack trace.
 */
export async function main(service, start) {
  try {
    await start();
  } catch (e) {
    defaultLog({ level: 'error', msg: 'cannot start', service, error: e?.name === 'ConfigError' ? e.message : (e?.stack ?? String(e)) });
    process.exit(1);
  }
}
