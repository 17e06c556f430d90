// Product storage. Release 2: the display name is read from and written to
// `products.title` only (V4/V5 added and filled it; triggers keep the old
// `name` column in sync for release 1 while both colours run). The API still
// calls it `name`: clients see no change.
import { HttpError } from '@shop/common/http';

const COLUMNS = 'id, sku, title AS name, price_cents AS priceCents, stock';

export async function listProducts(pool, { limit = 50, offset = 0 } = {}) {
  const [rows] = await pool.query(`SELECT ${COLUMNS} FROM products ORDER BY id LIMIT ? OFFSET ?`, [limit, offset]);
  return rows;
}

export async function getProduct(pool, id) {
  const [rows] = await pool.query(`SELECT ${COLUMNS} FROM products WHERE id = ?`, [id]);
  if (rows.length === 0) throw new HttpError(404, `product ${id} not found`);
  return rows[0];
}

export async function createProduct(pool, { sku, name, priceCents, stock }) {
  try {
    const [r] = await pool.query('INSERT INTO products (sku, title, price_cents, stock) VALUES (?, ?, ?, ?)', [sku, name, priceCents, stock]);
    return getProduct(pool, r.insertId);
  } catch (e) {
    if (e.code === 'ER_DUP_ENTRY') throw new HttpError(409, `a product with sku '${sku}' exists`);
    throw e;
  }
}

export async function renameProduct(pool, id, name) {
  const [r] = await pool.query('UPDATE products SET title = ? WHERE id = ?', [name, id]);
  if (r.affectedRows === 0) throw new HttpError(404, `product ${id} not found`);
  return getProduct(pool, id);
}
