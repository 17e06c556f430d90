// The keep-alive load generator against a real HTTP server that misbehaves on purpose.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { LoadGenerator } from '../../packages/local-pipeline/src/load';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('load generator', () => {
  it('keeps connections alive, counts requests per window, and names the errors', async () => {
    let mode: 'ok' | '503' | 'reset' = 'ok';
    const sockets = new Set<unknown>();
    const hosts = new Set<string>();
    const server = http.createServer((req, res) => {
      sockets.add(req.socket);
      hosts.add(String(req.headers.host));
      if (mode === 'reset') return void req.socket.destroy();
      res.writeHead(mode === 'ok' ? 200 : 503);
      res.end('x');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const load = new LoadGenerator({ url: `http://127.0.0.1:${port}/healthz`, hostHeader: 'shop.example.com', connections: 4 });
    load.start();
    load.openWindow('clean');
    await sleep(300);
    const clean = load.closeWindow('clean');
    expect(clean.requests).toBeGreaterThan(20);
    expect(clean.errors).toBe(0);
    expect(sockets.size).toBe(4); // four keep-alive connections, reused
    expect([...hosts]).toEqual(['shop.example.com']);

    load.openWindow('bad');
    mode = '503';
    await sleep(100);
    mode = 'reset';
    await sleep(100);
    mode = 'ok';
    await sleep(100);
    const bad = load.closeWindow('bad');
    expect(bad.errors).toBeGreaterThan(0);
    expect(Object.keys(bad.reasons).sort()).toEqual(['ECONNRESET', 'HTTP 503']);
    const totals = await load.stop();
    expect(totals.requests).toBeGreaterThanOrEqual(clean.requests + bad.requests);
    expect(() => load.closeWindow('nope')).toThrow("no load window 'nope'");
    await new Promise<void>((r) => server.close(() => r()));
  });
});
