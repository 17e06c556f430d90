// The gateway when one task of a service is gone: the service's name
// resolves to [dead, alive] (an injected lookup), every address on the same
// port of a different loopback address (127.0.0.0/8 is all loopback on
// Linux). "Dead" comes in three kinds, all on loopback:
//   refused   nothing listens there (the connection is refused at once);
//   holding   a server that accepts connections and never answers;
//   hanging   a listening socket whose accept queue is full, so the kernel
//             drops further SYNs and connect() hangs — like a node that died.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import net from 'node:net';
import { Worker } from 'node:worker_threads';
import { call } from '@shop/common/testing';
import { createGatewayApp } from '../src/app.js';

const ALIVE = '127.0.0.6';
const REFUSED = '127.0.0.3';
const HOLDING = '127.0.0.4';
const HANGING = '127.0.0.5';

const listenOn = (server, host, port) =>
  new Promise((resolve, reject) => server.once('error', reject).listen(port, host, () => resolve(server.address().port)));

let port;
const seen = []; // requests the live service got
const held = []; // what reached the holding server: { bytes } per connection
const sockets = new Set();
let alive, holding, hanging;

/** A listening socket on host:port that never accepts: it lives in a worker thread whose event loop is blocked. */
async function hangingListener(host, port) {
  const release = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(
    `const { workerData, parentPort } = require('node:worker_threads');
     const server = require('node:net').createServer();
     server.listen({ host: workerData.host, port: workerData.port, backlog: 1 }, () => {
       parentPort.postMessage('listening');
       Atomics.wait(workerData.release, 0, 0); // blocks this thread's event loop: nothing is ever accepted
       server.close();
     });`,
    { eval: true, workerData: { host, port, release } },
  );
  await new Promise((resolve, reject) => worker.once('message', resolve).once('error', reject));
  // Fill the accept queue (backlog 1 holds 2 on Linux) until a connect no longer completes.
  const fillers = [];
  for (let connected = true; connected && fillers.length < 16;) {
    const s = net.connect(port, host);
    s.on('error', () => {});
    fillers.push(s);
    connected = await new Promise((resolve) => {
      s.once('connect', () => resolve(true));
      setTimeout(() => resolve(false), 200);
    });
  }
  return {
    async close() {
      for (const s of fillers) s.destroy();
      Atomics.store(release, 0, 1);
      Atomics.notify(release, 0);
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}

before(async () => {
  alive = createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    seen.push({ method: req.method, url: req.url, body });
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.url === '/healthz' ? { status: 'ok' } : req.url === '/version' ? { version: 'alive-v1' } : { from: ALIVE, path: req.url }));
  });
  port = await listenOn(alive, ALIVE, 0);
  holding = net.createServer((socket) => {
    const entry = { bytes: '' };
    held.push(entry);
    sockets.add(socket);
    socket.on('data', (d) => (entry.bytes += d));
    socket.on('close', () => sockets.delete(socket));
  });
  await listenOn(holding, HOLDING, port);
  hanging = await hangingListener(HANGING, port);
});

after(async () => {
  for (const s of sockets) s.destroy();
  alive.closeAllConnections();
  await Promise.all([new Promise((r) => alive.close(r)), new Promise((r) => holding.close(r)), hanging.close()]);
});

/** A gateway whose every service name resolves to `addresses` (all on the test's port). */
async function gatewayFor(addresses, timeouts) {
  const base = `http://shop-service:${port}`;
  const lookups = [];
  const lookup = async (name) => {
    lookups.push(name);
    return addresses.map((address) => ({ address, family: 4 }));
  };
  const server = createGatewayApp({ upstreams: { catalog: base, cart: base, orders: base }, version: 'gw-1', log: () => {}, lookup, timeouts });
  await listenOn(server, '127.0.0.1', 0);
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    lookups,
    close: () => new Promise((r) => (server.closeAllConnections(), server.close(r))),
  };
}

/** `n` GETs one after the other: status and milliseconds of each. */
async function timedGets(gw, n, path = '/products/1') {
  const out = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const r = await call(gw.url, 'GET', path);
    out.push({ status: r.status, from: r.body?.from, ms: performance.now() - t });
  }
  return out;
}

describe('GETs go to the live address', () => {
  test('an address that refuses: every GET succeeds at once, the live task gets each exactly once', async () => {
    const gw = await gatewayFor([REFUSED, ALIVE]);
    try {
      const before = seen.length;
      const r = await timedGets(gw, 6);
      assert.deepEqual(
        r.map((x) => [x.status, x.from]),
        Array(6).fill([200, ALIVE]),
      );
      assert.ok(Math.max(...r.map((x) => x.ms)) < 1_000, `latencies ${r.map((x) => Math.round(x.ms))}`);
      assert.equal(seen.length - before, 6);
    } finally {
      await gw.close();
    }
  });

  test('an address whose connect hangs costs one connect timeout (500 ms), then it is skipped', async () => {
    const gw = await gatewayFor([HANGING, ALIVE]);
    try {
      const r = await timedGets(gw, 6);
      assert.deepEqual(
        r.map((x) => x.status),
        Array(6).fill(200),
      );
      const ms = r.map((x) => Math.round(x.ms));
      // The first GET tries the hanging address first (the rotation starts there), the others skip it.
      assert.ok(ms[0] >= 450 && ms[0] < 1_500, `first GET took ${ms[0]} ms`);
      // None of the later GETs waited for a connect timeout.
      assert.ok(Math.max(...ms.slice(1)) < 450, `later GETs took ${ms.slice(1)} ms`);
    } finally {
      await gw.close();
    }
  });

  test('an address that accepts but never answers costs one response timeout (2 s), then it is skipped', async () => {
    const gw = await gatewayFor([HOLDING, ALIVE]);
    const heldBefore = held.length;
    try {
      const r = await timedGets(gw, 6);
      assert.deepEqual(
        r.map((x) => x.status),
        Array(6).fill(200),
      );
      const ms = r.map((x) => Math.round(x.ms));
      assert.ok(ms[0] >= 1_900 && ms[0] < 3_500, `first GET took ${ms[0]} ms`);
      // None of the later GETs waited for a response timeout.
      assert.ok(Math.max(...ms.slice(1)) < 1_500, `later GETs took ${ms.slice(1)} ms`);
      assert.equal(held.length - heldBefore, 1, 'one connection to the silent address, none after it failed');
      assert.match(held.at(-1).bytes, /^GET \/products\/1 HTTP\/1\.1/);
    } finally {
      await gw.close();
    }
  });

  test('a task whose node dies under pooled keep-alive sockets: one GET waits 2 s, the other sockets to it are dropped', async () => {
    // 127.0.0.2 sorts before ALIVE, so the rotation gives it every other request.
    let dead = false;
    const open = new Set();
    const dying = createServer((req, res) => {
      if (dead) return; // the node is gone: nothing comes back
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ from: 'dying' }));
    });
    dying.on('connection', (s) => (open.add(s), s.on('close', () => open.delete(s))));
    await listenOn(dying, '127.0.0.2', port);
    const gw = await gatewayFor(['127.0.0.2', ALIVE]);
    try {
      // Four at once: two keep-alive sockets to each address stay in the gateway's pool.
      const first = await Promise.all([1, 2, 3, 4].map(() => call(gw.url, 'GET', '/products/1')));
      assert.deepEqual(first.map((r) => r.body.from).sort(), [ALIVE, ALIVE, 'dying', 'dying']);
      assert.equal(open.size, 2);
      dead = true;
      const r = await timedGets(gw, 6);
      assert.deepEqual(
        r.map((x) => [x.status, x.from]),
        Array(6).fill([200, ALIVE]),
      );
      const ms = r.map((x) => Math.round(x.ms));
      assert.ok(ms[0] >= 1_900 && ms[0] < 3_500, `first GET took ${ms[0]} ms`);
      // None of the later GETs waited for a response timeout.
      assert.ok(Math.max(...ms.slice(1)) < 1_500, `later GETs took ${ms.slice(1)} ms`);
      assert.equal(open.size, 0, 'no socket to the dead task is kept');
    } finally {
      await gw.close();
      dying.closeAllConnections();
      await new Promise((r) => dying.close(r));
    }
  });

  test('the name is resolved again after a second at most, so new addresses are used', async () => {
    const gw = await gatewayFor([ALIVE]);
    try {
      await timedGets(gw, 3);
      const first = gw.lookups.length;
      assert.ok(first >= 1 && first <= 2, `${first} lookups for 3 GETs`);
      await new Promise((r) => setTimeout(r, 1_100));
      await timedGets(gw, 1);
      assert.equal(gw.lookups.length, first + 1);
    } finally {
      await gw.close();
    }
  });
});

describe('requests that change things', () => {
  test('a POST moves on when the connection is refused (nothing was sent)', async () => {
    const gw = await gatewayFor([REFUSED, ALIVE]);
    try {
      const before = seen.length;
      const r = await call(gw.url, 'POST', '/orders', { cartId: 'c1' });
      assert.equal(r.status, 201);
      assert.deepEqual(seen.slice(before), [{ method: 'POST', url: '/orders', body: '{"cartId":"c1"}' }]);
    } finally {
      await gw.close();
    }
  });

  test('a POST that was sent is never sent again: no answer is a 504, and the live task never sees it', async () => {
    const gw = await gatewayFor([HOLDING, ALIVE], { timeoutMs: 1_000 });
    const heldBefore = held.length;
    try {
      const before = seen.length;
      const t = performance.now();
      const r = await call(gw.url, 'POST', '/orders', { cartId: 'c2' });
      assert.equal(r.status, 504);
      assert.equal(r.body.reason, 'ETIMEDOUT');
      assert.ok(performance.now() - t < 2_000);
      assert.equal(held.length - heldBefore, 1);
      assert.match(held.at(-1).bytes, /^POST \/orders HTTP\/1\.1[\s\S]*\{"cartId":"c2"\}$/);
      assert.deepEqual(seen.slice(before), []);
    } finally {
      await gw.close();
    }
  });
});

describe('the keep-alive race (one address)', () => {
  // A service that answers the first request of each connection and resets the connection on the
  // next one: as if it had closed the idle socket just when the gateway reused it.
  async function resettingService() {
    const server = net.createServer((socket) => {
      let requests = 0;
      socket.on('data', (d) => {
        if (!String(d).includes('\r\n\r\n')) return;
        if (++requests > 1) return socket.resetAndDestroy();
        const body = JSON.stringify({ from: 'resetting' });
        socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: keep-alive\r\n\r\n${body}`);
      });
    });
    await listenOn(server, '127.0.0.7', port);
    return server;
  }

  test('a GET on a reused socket that is reset is sent once more on a new connection', async () => {
    const server = await resettingService();
    const gw = await gatewayFor(['127.0.0.7']);
    try {
      assert.deepEqual((await call(gw.url, 'GET', '/products/1')).body, { from: 'resetting' });
      const r = await call(gw.url, 'GET', '/products/2');
      assert.equal(r.status, 200);
      assert.deepEqual(r.body, { from: 'resetting' });
    } finally {
      await gw.close();
      await new Promise((r) => server.close(r));
    }
  });

  test('a POST on a reused socket that is reset is not sent again: 502', async () => {
    const server = await resettingService();
    const gw = await gatewayFor(['127.0.0.7']);
    try {
      assert.equal((await call(gw.url, 'GET', '/products/1')).status, 200);
      const r = await call(gw.url, 'POST', '/orders', { cartId: 'c3' });
      assert.equal(r.status, 502);
      assert.equal(r.body.reason, 'ECONNRESET');
    } finally {
      await gw.close();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('/healthz', () => {
  test('is healthy while one address of each service answers, within the healthcheck timeout', async () => {
    for (const dead of [REFUSED, HANGING, HOLDING]) {
      const gw = await gatewayFor([dead, ALIVE]);
      try {
        const t = performance.now();
        const r = await call(gw.url, 'GET', '/healthz');
        const ms = performance.now() - t;
        assert.equal(r.status, 200, `${dead}: ${JSON.stringify(r.body)}`);
        assert.deepEqual(r.body.upstreams, { catalog: 'ok', cart: 'ok', orders: 'ok' });
        assert.ok(ms < 2_500, `${dead}: /healthz took ${Math.round(ms)} ms`);
        // /version too, from the same addresses.
        assert.deepEqual((await call(gw.url, 'GET', '/version')).body.services, { catalog: 'alive-v1', cart: 'alive-v1', orders: 'alive-v1' });
      } finally {
        await gw.close();
      }
    }
  });

  test('is unhealthy when no address answers, and says so within 3 s', async () => {
    const gw = await gatewayFor([REFUSED, HOLDING, HANGING]);
    try {
      const t = performance.now();
      const r = await call(gw.url, 'GET', '/healthz');
      const ms = performance.now() - t;
      assert.equal(r.status, 503);
      assert.equal(r.body.reason, 'unhealthy: catalog, cart, orders');
      assert.ok(ms < 3_000, `/healthz took ${Math.round(ms)} ms`);
    } finally {
      await gw.close();
    }
  });
});
