import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fault-injecting HTTP proxy in front of a real registry: answers the first
 * `failures` requests matching `match` with `status` (503 by default), or
 * resets their connection with `reset: true`, then forwards everything
 * unchanged. Counts what it saw.
 */
export async function startRegistryProxy(upstream: string, opts: { match?: RegExp; failures?: number; status?: number; reset?: boolean } = {}) {
  const [uhost, uport] = upstream.split(':');
  let remaining = opts.failures ?? 2;
  const seen: string[] = [];
  let injected = 0;
  const server = http.createServer((req, res) => {
    const line = `${req.method} ${req.url}`;
    seen.push(line);
    if (remaining > 0 && (opts.match ?? /./).test(line)) {
      remaining--;
      injected++;
      if (opts.reset) return void req.socket.destroy();
      req.resume();
      res.writeHead(opts.status ?? 503, { 'content-type': 'application/json' });
      return void res.end(JSON.stringify({ errors: [{ code: 'UNAVAILABLE', message: 'injected by the test proxy' }] }));
    }
    const up = http.request({ host: uhost, port: Number(uport), method: req.method, path: req.url, headers: { ...req.headers, host: upstream } }, (ur) => {
      const headers = { ...ur.headers };
      // Keep absolute upload locations pointing at the proxy.
      if (typeof headers.location === 'string') headers.location = headers.location.replace(`http://${upstream}`, `http://127.0.0.1:${port}`);
      res.writeHead(ur.statusCode ?? 502, headers);
      ur.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    seen,
    injected: () => injected,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
