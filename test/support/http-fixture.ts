import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP server with misbehaving endpoints, for integration tests:
 *   /ok                  200 {"status":"ok","version":<version>}
 *   /flaky/<key>/<n>     503 for the first n requests per key, then 200
 *   /slow/<ms>           200 after a delay
 *   /wrong-body          200 with an unexpected body
 *   /close/<key>/<n>     destroys the connection for the first n requests, then 200
 *   /host                200 echoing the Host header
 */
export async function startFixture(version = '1.0.0') {
  const counts = new Map<string, number>();
  const hit = (key: string) => {
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    return n;
  };
  const server = http.createServer((req, res) => {
    const parts = (req.url ?? '/').split('?')[0]!.split('/').filter(Boolean);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-release': version });
      res.end(JSON.stringify(body));
    };
    switch (parts[0]) {
      case 'ok':
        return json(200, { status: 'ok', version });
      case 'flaky':
        return hit(parts[1]!) <= Number(parts[2]) ? json(503, { status: 'starting' }) : json(200, { status: 'ok', version });
      case 'slow':
        return void setTimeout(() => json(200, { status: 'ok', version }), Number(parts[1]));
      case 'wrong-body':
        return json(200, { status: 'degraded', version });
      case 'close':
        if (hit(parts[1]!) <= Number(parts[2])) return void req.socket.destroy();
        return json(200, { status: 'ok', version });
      case 'host':
        return json(200, { host: req.headers.host });
      default:
        return json(404, { error: 'not found' });
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    hits: (key: string) => counts.get(key) ?? 0,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
