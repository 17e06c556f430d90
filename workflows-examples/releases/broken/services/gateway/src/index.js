// gateway — DELIBERATELY BROKEN RELEASE (releases/broken, for the local
// pipeline's --broken run). It "hardens" the gateway with a Host allowlist
// whose default only knows localhost: QA, reached by IP, passes; the UAT
// smoke test of the idle colour, which goes through the production host
// name, gets 421 — so the release is stopped before any traffic moves to it.
// The kind of bug that only shows behind the real host name: exactly what
// the idle-colour smoke test is there for.
import { intEnv, releaseVersion } from '@shop/common/config';
import { main, serve } from '@shop/common/http';
import { createGatewayApp } from './app.js';

const upstreams = {
  catalog: process.env.CATALOG_URL || 'http://catalog:8080',
  cart: process.env.CART_URL || 'http://cart:8080',
  orders: process.env.ORDERS_URL || 'http://orders:8080',
};
const allowed = (process.env.ALLOWED_HOSTS || 'localhost,127.0.0.1').split(',');
const server = createGatewayApp({ upstreams, version: releaseVersion() });
const [handler] = server.listeners('request');
server.removeAllListeners('request');
server.on('request', (req, res) => {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  if (allowed.includes(host)) return handler(req, res);
  res.writeHead(421, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: `host '${host}' is not allowed` }));
});
await main('gateway', () => serve(server, { port: intEnv('PORT', 8080), service: 'gateway' }));
