import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type PromAnswer = { status: number; body: unknown } | 'hang';

/**
 * A tiny Prometheus HTTP API: GET /api/v1/query?query=… answered by `answer`
 * (which sees the query and the Authorization header). Records every request.
 */
export async function startFakePrometheus(answer: (query: string, auth: string | undefined) => PromAnswer) {
  const requests: { path: string; query: string; auth: string | undefined }[] = [];
  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const query = u.searchParams.get('query') ?? '';
    requests.push({ path: u.pathname, query, auth: req.headers.authorization });
    if (u.pathname !== '/prom/api/v1/query') {
      res.writeHead(404).end('not found');
      return;
    }
    const a = answer(query, req.headers.authorization);
    if (a === 'hang') return; // never answers
    res.writeHead(a.status, { 'content-type': 'application/json' }).end(JSON.stringify(a.body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/prom`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** A vector result as Prometheus returns it. */
export const vector = (samples: [Record<string, string>, number | string][]) => ({
  status: 200,
  body: { status: 'success', data: { resultType: 'vector', result: samples.map(([metric, v]) => ({ metric, value: [1764000000.123, String(v)] })) } },
});
