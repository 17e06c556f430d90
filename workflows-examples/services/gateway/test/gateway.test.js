// The gateway against real HTTP upstreams (small node:http servers standing
// in for the services; no database needed).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { call, listen } from '@shop/common/testing';
import { createGatewayApp } from '../src/app.js';
import { pickRoute, parseRoutes } from '../src/proxy.js';

const seen = [];
function fakeService(name, { healthy = () => true } = {}) {
  return createServer(async (req, res) => {
    let body = '';
    for await (const c of req) body += c;
    seen.push({ name, method: req.method, url: req.url, body, host: req.headers.host, xff: req.headers['x-forwarded-for'] });
    const send = (status, obj) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(obj));
    };
    if (req.url === '/healthz') return healthy() ? send(200, { status: 'ok' }) : send(503, { status: 'unavailable', reason: 'ECONNREFUSED' });
    if (req.url === '/version') return send(200, { service: name, version: `${name}-v1` });
    send(name === 'orders' && req.method === 'POST' ? 201 : 200, { from: name, path: req.url, echo: body || null });
  });
}

let catalogHealthy = true;
const ups = {};
let gw;
before(async () => {
  ups.catalog = await listen(fakeService('catalog', { healthy: () => catalogHealthy }));
  ups.cart = await listen(fakeService('cart'));
  ups.orders = await listen(fakeService('orders'));
  gw = await listen(createGatewayApp({ upstreams: { catalog: ups.catalog.url, cart: ups.cart.url, orders: ups.orders.url }, version: 'gw-1', log: () => {} }));
});
after(async () => {
  await gw?.close();
  for (const u of Object.values(ups)) await u.close();
});

test('routes by path prefix, keeps query strings and bodies, tags responses with the release', async () => {
  let r = await call(gw.url, 'GET', '/products/7?x=1');
  assert.deepEqual(r.body, { from: 'catalog', path: '/products/7?x=1', echo: null });
  assert.equal(r.headers.get('x-release-version'), 'gw-1');
  r = await call(gw.url, 'POST', '/orders', { cartId: 'c1' });
  assert.equal(r.status, 201);
  assert.deepEqual(r.body, { from: 'orders', path: '/orders', echo: '{"cartId":"c1"}' });
  r = await call(gw.url, 'DELETE', '/carts/abc/items/3');
  assert.equal(r.body.from, 'cart');
  const last = seen.at(-1);
  assert.equal(last.method, 'DELETE');
  assert.equal(last.host, new URL(ups.cart.url).host);
  assert.match(last.xff, /127\.0\.0\.1/);
  assert.equal((await call(gw.url, 'GET', '/productsX')).status, 404, 'a prefix matches whole path segments only');
});

test('/version reports the gateway release and every service release', async () => {
  const r = await call(gw.url, 'GET', '/version');
  assert.deepEqual(r.body, { service: 'gateway', version: 'gw-1', services: { catalog: 'catalog-v1', cart: 'cart-v1', orders: 'orders-v1' } });
});

test('/healthz is healthy only when every service is, and says which one is not', async () => {
  assert.equal((await call(gw.url, 'GET', '/healthz')).status, 200);
  catalogHealthy = false;
  try {
    const r = await call(gw.url, 'GET', '/healthz');
    assert.equal(r.status, 503);
    assert.deepEqual(r.body.upstreams, { catalog: 'ECONNREFUSED', cart: 'ok', orders: 'ok' });
  } finally {
    catalogHealthy = true;
  }
});

test('an upstream that is down gives 502 naming it, not a hang or a crash', async () => {
  const down = await listen(createServer());
  const url = down.url;
  await down.close();
  const lonely = await listen(createGatewayApp({ upstreams: { catalog: url, cart: url, orders: url }, version: 'x', log: () => {} }));
  try {
    const r = await call(lonely.url, 'GET', '/products');
    assert.equal(r.status, 502);
    assert.equal(r.body.reason, 'ECONNREFUSED');
    const h = await call(lonely.url, 'GET', '/healthz');
    assert.equal(h.status, 503);
  } finally {
    await lonely.close();
  }
});

test('a body over 1 MiB is refused with 413 before anything reaches a service', async () => {
  const before = seen.length;
  const r = await fetch(`${gw.url}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(1024 * 1024 + 1) });
  assert.equal(r.status, 413);
  assert.equal(seen.length, before);
});

test('pickRoute matches whole prefixes', () => {
  const routes = parseRoutes({ '/carts': 'http://cart:8080', '/orders': 'http://orders:8080' });
  assert.equal(pickRoute(routes, '/carts')?.target.host, 'cart:8080');
  assert.equal(pickRoute(routes, '/carts/1/items')?.target.host, 'cart:8080');
  assert.equal(pickRoute(routes, '/cartsy'), undefined);
});
