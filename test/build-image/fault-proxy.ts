// A small HTTP proxy in front of a registry that answers chosen requests with
// an error a given number of times before forwarding them (fault injection).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultProxy {
  /** host:port to use as the registry in image references. */
  host: string;
  /** Requests seen, as `METHOD path`. */
  seen: string[];
  close(): Promise<void>;
}

export async function startFaultProxy(upstream: { host: string; port: number }, fault: { match: (method: string, path: string) => boolean; status: number; times: number }): Promise<FaultProxy> {
  let left = fault.times;
  const seen: string[] = [];
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    seen.push(`${method} ${path}`);
    if (left > 0 && fault.match(method, path)) {
      left--;
      req.resume();
      res.writeHead(fault.status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'UNAVAILABLE', message: 'injected fault' }] }));
      return;
    }
    const up = http.request({ host: upstream.host, port: upstream.port, method, path, headers: req.headers, agent }, (ur) => {
      res.writeHead(ur.statusCode ?? 502, ur.headers);
      ur.pipe(res);
    });
    up.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
