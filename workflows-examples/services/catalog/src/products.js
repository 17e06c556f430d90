// Product storage. Release 1: the product's display name is in `products.name`.
// (release 2 moves it to `products.title`: see releases/README.md.)
import { HttpError } from '@shop/common/http';

const COLUMNS = 'id, sku, name, price_cents AS priceCents, stock';

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
    const [r] = await pool.query('INSERT INTO products (sku, name, price_cents, stock) VALUES (?, ?, ?, ?)', [sku, name, priceCents, stock]);
    return getProduct(pool, r.insertId);
  } catch (e) {
    if (e.code === 'ER_DUP_ENTRY') throw new HttpError(409, `a product with sku '${sku}' exists`);
    throw e;
  }
}

export async function renameProduct(pool, id, name) {
  const [r] = await pool.query('UPDATE products SET name = ? WHERE id = ?', [name, id]);
  if (r.affectedRows === 0) throw new HttpError(404, `product ${id} not found`);
  return getProduct(pool, id);
}
