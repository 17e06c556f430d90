// Runs the cart service against a real database (SHOP_TEST_DATABASE_URL).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { createPool } from '@shop/common/db';
import { call, createTestDatabase, listen } from '@shop/common/testing';
import { createCartApp } from '../src/app.js';

const migrations = fileURLToPath(new URL('../../../db/migrations', import.meta.url));
const seed = fileURLToPath(new URL('../../../db/seed/qa', import.meta.url));
let db, pool, srv, mug, tee;

before(async () => {
  db = await createTestDatabase('cart', { migrationsDirs: [migrations], seedDirs: [seed] });
  pool = createPool(db.config);
  srv = await listen(createCartApp({ pool, version: 'v-cart', log: () => {} }));
  const [rows] = await db.query("SELECT id, sku, price_cents AS price FROM products WHERE sku IN ('MUG-001', 'TEE-001') ORDER BY sku");
  [mug, tee] = rows;
});
after(async () => {
  await srv?.close();
  await pool?.end();
  await db?.drop();
});

test('a new cart is open and empty', async () => {
  const r = await call(srv.url, 'POST', '/carts');
  assert.equal(r.status, 201);
  assert.match(r.body.id, /^[0-9a-f-]{36}$/);
  assert.deepEqual({ ...r.body, id: undefined }, { id: undefined, status: 'open', itemCount: 0, totalCents: 0, items: [] });
});

test('adds, updates and removes items; totals follow current prices', async () => {
  const { body: cart } = await call(srv.url, 'POST', '/carts');
  let r = await call(srv.url, 'POST', `/carts/${cart.id}/items`, { productId: mug.id, quantity: 2 });
  assert.equal(r.status, 200);
  r = await call(srv.url, 'POST', `/carts/${cart.id}/items`, { productId: tee.id });
  assert.equal(r.body.itemCount, 3);
  assert.equal(r.body.totalCents, 2 * mug.price + tee.price);
  assert.deepEqual(
    r.body.items.map((i) => [i.productId, i.quantity]),
    [
      [mug.id, 2],
      [tee.id, 1],
    ],
  );

  r = await call(srv.url, 'PUT', `/carts/${cart.id}/items/${mug.id}`, { quantity: 5 });
  assert.equal(r.body.totalCents, 5 * mug.price + tee.price);
  r = await call(srv.url, 'DELETE', `/carts/${cart.id}/items/${tee.id}`);
  assert.equal(r.body.itemCount, 5);
  assert.equal((await call(srv.url, 'DELETE', `/carts/${cart.id}/items/${tee.id}`)).status, 404);
});

test('rejects unknown carts and products, bad quantities and changes to a checked-out cart', async () => {
  const { body: cart } = await call(srv.url, 'POST', '/carts');
  assert.equal((await call(srv.url, 'GET', '/carts/00000000-0000-0000-0000-000000000000')).status, 404);
  assert.equal((await call(srv.url, 'GET', '/carts/not-a-uuid')).status, 404);
  const unknown = await call(srv.url, 'POST', `/carts/${cart.id}/items`, { productId: 987654, quantity: 1 });
  assert.equal(unknown.status, 422);
  assert.equal(unknown.body.details.field, 'productId');
  const zero = await call(srv.url, 'POST', `/carts/${cart.id}/items`, { productId: mug.id, quantity: 0 });
  assert.equal(zero.status, 400);
  assert.match(zero.body.error, /quantity/);

  await db.query("UPDATE carts SET status = 'checked_out' WHERE id = ?", [cart.id]);
  const closed = await call(srv.url, 'POST', `/carts/${cart.id}/items`, { productId: mug.id, quantity: 1 });
  assert.equal(closed.status, 409);
  assert.match(closed.body.error, /checked out/);
});

test('/healthz and /version', async () => {
  assert.equal((await call(srv.url, 'GET', '/healthz')).body.status, 'ok');
  assert.deepEqual((await call(srv.url, 'GET', '/version')).body, { service: 'cart', version: 'v-cart' });
});
