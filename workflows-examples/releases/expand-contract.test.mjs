// Proves the releases' schema change is safe across a blue-green switch:
// on the EXPANDED schema (release 2's V4+V5) release 1 and release 2 run side
// by side on one database and each sees what the other writes; after the
// CONTRACT (release 3's V6) release 2 still works — and release 1 would not,
// which is why the contract waits one release.
//   SHOP_TEST_DATABASE_URL=mysql://user:pw@host:port node --test expand-contract.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { materialize } from './materialize.mjs';

const work = mkdtempSync(join(tmpdir(), 'shop-test-releases-'));
const trees = {
  first: materialize('first', join(work, 'first')),
  second: materialize('second', join(work, 'second')),
  third: materialize('third', join(work, 'third')),
};
const load = (tree, path) => import(pathToFileURL(join(trees[tree], path)).href);

let db, pool, r1, r2, testing;
before(async () => {
  testing = await load('first', 'services/common/src/testing.js');
  const { createPool } = await load('first', 'services/common/src/db.js');
  db = await testing.createTestDatabase('releases', { migrationsDirs: [join(trees.first, 'db/migrations')] });
  pool = createPool(db.config);
  r1 = { products: await load('first', 'services/catalog/src/products.js'), orders: await load('first', 'services/orders/src/orders.js') };
  r2 = { products: await load('second', 'services/catalog/src/products.js'), orders: await load('second', 'services/orders/src/orders.js') };
});
after(async () => {
  await pool?.end();
  await db?.drop();
  rmSync(work, { recursive: true, force: true });
});

async function order(impl, productId, qty) {
  const cartId = randomUUID();
  await db.query('INSERT INTO carts (id) VALUES (?)', [cartId]);
  await db.query('INSERT INTO cart_items (cart_id, product_id, quantity) VALUES (?, ?, ?)', [cartId, productId, qty]);
  return impl.orders.getOrder(pool, await impl.orders.createOrder(pool, cartId));
}
const applyFrom = async (tree, file) => db.applyFile(join(trees[tree], 'db/migrations', file));

test('the releases add migrations in order: expand and migrate in 2, contract in 3', async () => {
  assert.deepEqual(
    testing.listMigrations(join(trees.third, 'db/migrations')).map((m) => m.file),
    [
      'V1__create_products.sql',
      'V2__create_carts.sql',
      'V3__create_orders.sql',
      'V4__products_title_expand.sql',
      'V5__products_title_backfill.sql',
      'V6__products_title_contract.sql',
      'R__cart_summary_view.sql',
    ],
  );
});

test('release 1 and release 2 share the expanded schema in both directions', async () => {
  const old = await r1.products.createProduct(pool, { sku: 'OLD-1', name: 'Written by release 1 before', priceCents: 100, stock: 10 });

  await applyFrom('second', 'V4__products_title_expand.sql');
  await applyFrom('second', 'V5__products_title_backfill.sql');

  // Existing rows were backfilled; release 2 reads them.
  assert.equal((await r2.products.getProduct(pool, old.id)).name, 'Written by release 1 before');
  // Release 1 (still live) writes `name`; release 2 (idle colour) sees it in `title`.
  const a = await r1.products.createProduct(pool, { sku: 'R1-1', name: 'From release 1', priceCents: 200, stock: 10 });
  assert.equal((await r2.products.getProduct(pool, a.id)).name, 'From release 1');
  // Release 2 writes only `title`; release 1 still reads `name`.
  const b = await r2.products.createProduct(pool, { sku: 'R2-1', name: 'From release 2', priceCents: 300, stock: 10 });
  assert.equal((await r1.products.getProduct(pool, b.id)).name, 'From release 2');
  // Renames either way stay in sync.
  await r1.products.renameProduct(pool, b.id, 'Renamed by release 1');
  assert.equal((await r2.products.getProduct(pool, b.id)).name, 'Renamed by release 1');
  await r2.products.renameProduct(pool, a.id, 'Renamed by release 2');
  assert.equal((await r1.products.getProduct(pool, a.id)).name, 'Renamed by release 2');
  // Both releases take orders and copy the right product name.
  assert.equal((await order(r1, b.id, 1)).items[0].productName, 'Renamed by release 1');
  assert.equal((await order(r2, a.id, 2)).items[0].productName, 'Renamed by release 2');
  const [[row]] = await db.query('SELECT COUNT(*) AS n FROM products WHERE title IS NULL OR name IS NULL OR title <> name');
  assert.equal(row.n, 0, 'name and title agree on every row');
});

test('after the contract, release 2 keeps working and release 1 would not', async () => {
  await applyFrom('third', 'V6__products_title_contract.sql');
  const c = await r2.products.createProduct(pool, { sku: 'R2-2', name: 'After the contract', priceCents: 400, stock: 5 });
  assert.equal((await r2.products.getProduct(pool, c.id)).name, 'After the contract');
  assert.ok((await r2.products.listProducts(pool)).length >= 4);
  assert.equal((await order(r2, c.id, 1)).items[0].productName, 'After the contract');
  await assert.rejects(r1.products.listProducts(pool), (e) => e.code === 'ER_BAD_FIELD_ERROR' && /name/.test(e.message));
  // Release 3's QA seed uses `title` and applies cleanly to the contracted schema.
  await db.applyFile(join(trees.third, 'db/seed/qa/products.sql'));
  assert.equal((await db.query("SELECT title FROM products WHERE sku = 'MUG-001'"))[0][0].title, 'Switchyard mug');
});
