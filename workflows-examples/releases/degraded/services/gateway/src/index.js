// gateway — DELIBERATELY DEGRADED RELEASE (releases/degraded, for the local
// pipeline's `--release degraded` run). A "connection pool tuning" that only
// shows under load: once the process has answered its first 20 requests
// (more than a smoke test sends), every 20th request gets a 503 — about
// 5 % 5xx. Every smoke check and HTTP gate passes (they retry); only the
// metrics of the canary's analysis can catch it: the Prod canary must stop at
// its first step and restore the weights.
import { intEnv, releaseVersion } from '@shop/common/config';
import { main, serve } from '@shop/common/http';
import { createGatewayApp } from './app.js';

const upstreams = {
  catalog: process.env.CATALOG_URL || 'http://catalog:8080',
  cart: process.env.CART_URL || 'http://cart:8080',
  orders: process.env.ORDERS_URL || 'http://orders:8080',
};
const WARM_UP = 20;
const server = createGatewayApp({ upstreams, version: releaseVersion() });
const [handler] = server.listeners('request');
server.removeAllListeners('request');
let served = 0;
server.on('request', (req, res) => {
  served++;
  if (served > WARM_UP && served % 20 === 0) {
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'upstream pool exhausted' }));
    return;
  }
  return handler(req, res);
});
await main('gateway', () => serve(server, { port: intEnv('PORT', 8080), service: 'gateway' }));
