// gateway: wiring only. Configuration: PORT (8080), CATALOG_URL, CART_URL,
// ORDERS_URL (default http://<service>:8080, the stack's service names),
// RELEASE_VERSION. Each name is looked up for all its addresses (one per
// task with the stack's `endpoint_mode: dnsrr`), see addresses.js.
import { intEnv, releaseVersion } from '@shop/common/config';
import { main, serve } from '@shop/common/http';
import { createGatewayApp } from './app.js';

const upstreams = {
  catalog: process.env.CATALOG_URL || 'http://catalog:8080',
  cart: process.env.CART_URL || 'http://cart:8080',
  orders: process.env.ORDERS_URL || 'http://orders:8080',
};
const server = createGatewayApp({ upstreams, version: releaseVersion() });
await main('gateway', () => serve(server, { port: intEnv('PORT', 8080), service: 'gateway' }));
