// Cart storage. Prices are read from the catalog's table at query time
// (the shop shares one database; see the README).
import { randomUUID } from 'node:crypto';
import { HttpError } from '@shop/common/http';

export async function createCart(pool) {
  const id = randomUUID();
  await pool.query('INSERT INTO carts (id) VALUES (?)', [id]);
  return getCart(pool, id);
}

export async function getCart(pool, id) {
  const [summary] = await pool.query('SELECT cart_id AS id, status, item_count AS itemCount, total_cents AS totalCents FROM cart_summary WHERE cart_id = ?', [
    id,
  ]);
  if (summary.length === 0) throw new HttpError(404, `cart ${id} not found`);
  const [items] = await pool.query(
    `SELECT i.product_id AS productId, i.quantity, p.price_cents AS unitPriceCents, i.quantity * p.price_cents AS lineCents
       FROM cart_items i JOIN products p ON p.id = i.product_id
      WHERE i.cart_id = ? ORDER BY i.added_at, i.product_id`,
    [id],
  );
  const s = summary[0];
  return { id: s.id, status: s.status, itemCount: Number(s.itemCount), totalCents: Number(s.totalCents), items };
}

async function openCart(conn, id) {
  const [rows] = await conn.query('SELECT status FROM carts WHERE id = ? FOR UPDATE', [id]);
  if (rows.length === 0) throw new HttpError(404, `cart ${id} not found`);
  if (rows[0].status !== 'open') throw new HttpError(409, `cart ${id} is ${rows[0].status.replace('_', ' ')}`);
}

/** Sets an item's quantity (adds the item when new). */
export async function setItem(conn, cartId, productId, quantity) {
  await openCart(conn, cartId);
  const [products] = await conn.query('SELECT id FROM products WHERE id = ?', [productId]);
  if (products.length === 0) throw new HttpError(422, `product ${productId} does not exist`, { field: 'productId' });
  await conn.query('INSERT INTO cart_items (cart_id, product_id, quantity) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE quantity = VALUES(quantity)', [
    cartId,
    productId,
    quantity,
  ]);
}

export async function removeItem(conn, cartId, productId) {
  await openCart(conn, cartId);
  const [r] = await conn.query('DELETE FROM cart_items WHERE cart_id = ? AND product_id = ?', [cartId, productId]);
  if (r.affectedRows === 0) throw new HttpError(404, `product ${productId} is not in cart ${cartId}`);
}
