// Runs the order service against a real database (SHOP_TEST_DATABASE_URL).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { createPool } from '@shop/common/db';
import { call, createTestDatabase, listen } from '@shop/common/testing';
import { createOrdersApp } from '../src/app.js';

const migrations = fileURLToPath(new URL('../../../db/migrations', import.meta.url));
let db, pool, srv;

before(async () => {
  db = await createTestDatabase('orders', { migrationsDirs: [migrations] });
  pool = createPool(db.config);
  srv = await listen(createOrdersApp({ pool, version: 'v-orders', log: () => {} }));
});
after(async () => {
  await srv?.close();
  await pool?.end();
  await db?.drop();
});

async function product(sku, name, price, stock) {
  const [r] = await db.query('INSERT INTO products (sku, name, price_cents, stock) VALUES (?, ?, ?, ?)', [sku, name, price, stock]);
  return r.insertId;
}
async function cart(items) {
  const id = randomUUID();
  await db.query('INSERT INTO carts (id) VALUES (?)', [id]);
  for (const [productId, quantity] of items)
    await db.query('INSERT INTO cart_items (cart_id, product_id, quantity) VALUES (?, ?, ?)', [id, productId, quantity]);
  return id;
}
const stockOf = async (id) => (await db.query('SELECT stock FROM products WHERE id = ?', [id]))[0][0].stock;

test('an order is made from a cart: prices and names copied, stock decremented, cart closed', async () => {
  const a = await product('A-1', 'Alpha', 1000, 10);
  const b = await product('B-1', 'Beta', 250, 3);
  const cartId = await cart([
    [a, 2],
    [b, 3],
  ]);
  const r = await call(srv.url, 'POST', '/orders', { cartId });
  assert.equal(r.status, 201);
  assert.equal(r.body.cartId, cartId);
  assert.equal(r.body.totalCents, 2 * 1000 + 3 * 250);
  assert.deepEqual(r.body.items, [
    { productId: a, productName: 'Alpha', unitPriceCents: 1000, quantity: 2 },
    { productId: b, productName: 'Beta', unitPriceCents: 250, quantity: 3 },
  ]);
  assert.equal(await stockOf(a), 8);
  assert.equal(await stockOf(b), 0);
  assert.equal((await db.query('SELECT status FROM carts WHERE id = ?', [cartId]))[0][0].status, 'checked_out');
  assert.deepEqual((await call(srv.url, 'GET', `/orders/${r.body.id}`)).body, r.body);

  // A retried request does not make a second order.
  const again = await call(srv.url, 'POST', '/orders', { cartId });
  assert.equal(again.status, 409);
  assert.equal(again.body.details.orderId, r.body.id);
});

test('refuses empty carts, unknown carts and carts wanting more than the stock, changing nothing', async () => {
  const c = await product('C-1', 'Gamma', 500, 1);
  assert.equal((await call(srv.url, 'POST', '/orders', { cartId: await cart([]) })).status, 422);
  assert.equal((await call(srv.url, 'POST', '/orders', { cartId: randomUUID() })).status, 404);
  assert.equal((await call(srv.url, 'POST', '/orders', { cartId: 'x' })).status, 400);

  const greedy = await cart([[c, 2]]);
  const r = await call(srv.url, 'POST', '/orders', { cartId: greedy });
  assert.equal(r.status, 409);
  assert.deepEqual(r.body.details.short, [{ productId: c, wanted: 2, inStock: 1 }]);
  assert.equal(await stockOf(c), 1);
  assert.equal((await db.query('SELECT status FROM carts WHERE id = ?', [greedy]))[0][0].status, 'open');
  assert.equal((await db.query('SELECT COUNT(*) AS n FROM orders WHERE cart_id = ?', [greedy]))[0][0].n, 0);
});

test('two concurrent checkouts of one cart make exactly one order', async () => {
  const d = await product('D-1', 'Delta', 100, 100);
  const cartId = await cart([[d, 1]]);
  const results = await Promise.all([1, 2, 3].map(() => call(srv.url, 'POST', '/orders', { cartId })));
  assert.deepEqual(results.map((r) => r.status).sort(), [201, 409, 409]);
  assert.equal(await stockOf(d), 99);
});

test('/healthz, /version and unknown orders', async () => {
  assert.equal((await call(srv.url, 'GET', '/healthz')).status, 200);
  assert.deepEqual((await call(srv.url, 'GET', '/version')).body, { service: 'orders', version: 'v-orders' });
  assert.equal((await call(srv.url, 'GET', '/orders/424242')).status, 404);
});
