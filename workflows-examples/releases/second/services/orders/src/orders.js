// Orders: made from a cart in ONE transaction — lock the cart, read its
// items with the products' current price and name, check and decrement
// stock, write the order, close the cart. At most one order per cart
// (a retried request gets 409 with the existing order's id).
// Release 2: the product's display name is read from `products.title`.
import { HttpError } from '@shop/common/http';
import { transaction } from '@shop/common/db';

export async function createOrder(pool, cartId) {
  return transaction(pool, async (conn) => {
    const [carts] = await conn.query('SELECT status FROM carts WHERE id = ? FOR UPDATE', [cartId]);
    if (carts.length === 0) throw new HttpError(404, `cart ${cartId} not found`);
    if (carts[0].status !== 'open') {
      const [existing] = await conn.query('SELECT id FROM orders WHERE cart_id = ?', [cartId]);
      throw new HttpError(409, `cart ${cartId} is already checked out`, existing[0] ? { orderId: existing[0].id } : undefined);
    }
    const [items] = await conn.query(
      `SELECT i.product_id AS productId, i.quantity, p.title AS productName, p.price_cents AS unitPriceCents, p.stock
         FROM cart_items i JOIN products p ON p.id = i.product_id
        WHERE i.cart_id = ? ORDER BY i.product_id FOR UPDATE`,
      [cartId],
    );
    if (items.length === 0) throw new HttpError(422, `cart ${cartId} is empty`);
    const short = items.filter((i) => i.stock < i.quantity).map((i) => ({ productId: i.productId, wanted: i.quantity, inStock: i.stock }));
    if (short.length) throw new HttpError(409, 'not enough stock', { short });

    const total = items.reduce((sum, i) => sum + i.quantity * i.unitPriceCents, 0);
    const [r] = await conn.query('INSERT INTO orders (cart_id, total_cents) VALUES (?, ?)', [cartId, total]);
    await conn.query('INSERT INTO order_items (order_id, product_id, product_name, unit_price_cents, quantity) VALUES ?', [
      items.map((i) => [r.insertId, i.productId, i.productName, i.unitPriceCents, i.quantity]),
    ]);
    for (const i of items) await conn.query('UPDATE products SET stock = stock - ? WHERE id = ?', [i.quantity, i.productId]);
    await conn.query("UPDATE carts SET status = 'checked_out' WHERE id = ?", [cartId]);
    return r.insertId;
  });
}

export async function getOrder(pool, id) {
  const [orders] = await pool.query('SELECT id, cart_id AS cartId, total_cents AS totalCents, status, created_at AS createdAt FROM orders WHERE id = ?', [id]);
  if (orders.length === 0) throw new HttpError(404, `order ${id} not found`);
  const [items] = await pool.query(
    'SELECT product_id AS productId, product_name AS productName, unit_price_cents AS unitPriceCents, quantity FROM order_items WHERE order_id = ? ORDER BY product_id',
    [id],
  );
  return { ...orders[0], totalCents: Number(orders[0].totalCents), items };
}
