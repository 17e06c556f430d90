// orders: wiring only. Configuration: PORT (8080), DB_HOST, DB_PORT, DB_NAME,
// DB_USER / secret db_user, secret db_password, RELEASE_VERSION.
import { dbConfig, intEnv, releaseVersion } from '@shop/common/config';
import { createPool } from '@shop/common/db';
import { main, serve } from '@shop/common/http';
import { createOrdersApp } from './app.js';

await main('orders', async () => {
  const pool = createPool(dbConfig());
  const server = createOrdersApp({ pool, version: releaseVersion() });
  await serve(server, { port: intEnv('PORT', 8080), service: 'orders', onClose: () => pool.end() });
});
