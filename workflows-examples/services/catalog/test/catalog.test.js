// Runs the catalog against a real database (SHOP_TEST_DATABASE_URL) with the
// repository's migrations applied.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createPool } from '@shop/common/db';
import { call, createTestDatabase, listen } from '@shop/common/testing';
import { createCatalogApp } from '../src/app.js';

const migrations = fileURLToPath(new URL('../../../db/migrations', import.meta.url));
let db, pool, srv;

before(async () => {
  db = await createTestDatabase('catalog', { migrationsDirs: [migrations] });
  pool = createPool(db.config);
  srv = await listen(createCatalogApp({ pool, version: '2026.11.26-test', log: () => {} }));
});
after(async () => {
  await srv?.close();
  await pool?.end();
  await db?.drop();
});

test('creates, lists, reads and renames products', async () => {
  const created = await call(srv.url, 'POST', '/products', { sku: 'MUG-1', name: 'Mug', priceCents: 1200, stock: 5 });
  assert.equal(created.status, 201);
  assert.deepEqual({ ...created.body, id: undefined }, { id: undefined, sku: 'MUG-1', name: 'Mug', priceCents: 1200, stock: 5 });
  await call(srv.url, 'POST', '/products', { sku: 'TEE-1', name: 'Tee', priceCents: 2500 });

  const list = await call(srv.url, 'GET', '/products');
  assert.equal(list.status, 200);
  assert.deepEqual(
    list.body.products.map((p) => p.sku),
    ['MUG-1', 'TEE-1'],
  );
  assert.equal((await call(srv.url, 'GET', '/products?limit=1&offset=1')).body.products[0].sku, 'TEE-1');

  const one = await call(srv.url, 'GET', `/products/${created.body.id}`);
  assert.equal(one.body.name, 'Mug');
  const renamed = await call(srv.url, 'PATCH', `/products/${created.body.id}`, { name: 'Big mug' });
  assert.equal(renamed.status, 200);
  assert.equal(renamed.body.name, 'Big mug');
});

test('rejects bad input with a 4xx naming the field, and duplicates with 409', async () => {
  const bad = await call(srv.url, 'POST', '/products', { sku: 'lower case', name: 'x', priceCents: 1 });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.details.field, 'sku');
  const price = await call(srv.url, 'POST', '/products', { sku: 'P-1', name: 'x', priceCents: -5 });
  assert.equal(price.status, 400);
  assert.match(price.body.error, /priceCents/);
  await call(srv.url, 'POST', '/products', { sku: 'DUP-1', name: 'x', priceCents: 1 });
  assert.equal((await call(srv.url, 'POST', '/products', { sku: 'DUP-1', name: 'y', priceCents: 1 })).status, 409);
  const notJson = await fetch(`${srv.url}/products`, { method: 'POST', body: 'x' });
  assert.equal(notJson.status, 415);
});

test('unknown products and routes are 404, wrong methods 405', async () => {
  assert.equal((await call(srv.url, 'GET', '/products/999999')).status, 404);
  assert.equal((await call(srv.url, 'GET', '/products/abc')).status, 404);
  assert.equal((await call(srv.url, 'GET', '/nope')).status, 404);
  const del = await call(srv.url, 'DELETE', '/products');
  assert.equal(del.status, 405);
  assert.equal(del.headers.get('allow'), 'GET, POST');
});

test('/healthz checks the database and /version reports the release', async () => {
  const health = await call(srv.url, 'GET', '/healthz');
  assert.equal(health.status, 200);
  assert.equal(health.body.status, 'ok');
  assert.deepEqual((await call(srv.url, 'GET', '/version')).body, { service: 'catalog', version: '2026.11.26-test' });

  // A database that does not answer makes the service unhealthy (503), not crash.
  const deadPool = createPool({ ...db.config, port: 1 });
  const dead = await listen(createCatalogApp({ pool: deadPool, version: 'x', log: () => {} }));
  try {
    const r = await call(dead.url, 'GET', '/healthz');
    assert.equal(r.status, 503);
    assert.equal(r.body.status, 'unavailable');
    assert.equal(r.body.reason, 'ECONNREFUSED');
  } finally {
    await dead.close();
    await deadPool.end();
  }
});
