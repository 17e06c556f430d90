import { createApp, createRouter, HttpError, positiveInt, readJson } from '@shop/common/http';
import { ping, transaction } from '@shop/common/db';
import { createCart, getCart, removeItem, setItem } from './carts.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function cartId(raw) {
  if (!UUID.test(raw)) throw new HttpError(404, `cart ${raw} not found`);
  return raw;
}
function productId(raw) {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw new HttpError(404, `product ${raw} not found`);
  return id;
}

/** The cart service: POST /carts, GET /carts/:id, PUT|DELETE /carts/:id/items/:productId, POST /carts/:id/items. */
export function createCartApp({ pool, version, log }) {
  const router = createRouter();
  router.route('POST', '/carts', async () => ({ status: 201, body: await createCart(pool) }));
  router.route('GET', '/carts/:id', ({ params }) => getCart(pool, cartId(params.id)));
  router.route('POST', '/carts/:id/items', async ({ req, params }) => {
    const id = cartId(params.id);
    const b = await readJson(req);
    const pid = positiveInt(b.productId, 'productId', { max: Number.MAX_SAFE_INTEGER });
    const quantity = positiveInt(b.quantity ?? 1, 'quantity', { max: 1000 });
    await transaction(pool, (conn) => setItem(conn, id, pid, quantity));
    return { status: 200, body: await getCart(pool, id) };
  });
  router.route('PUT', '/carts/:id/items/:productId', async ({ req, params }) => {
    const id = cartId(params.id);
    const b = await readJson(req);
    await transaction(pool, (conn) => setItem(conn, id, productId(params.productId), positiveInt(b.quantity, 'quantity', { max: 1000 })));
    return getCart(pool, id);
  });
  router.route('DELETE', '/carts/:id/items/:productId', async ({ params }) => {
    const id = cartId(params.id);
    await transaction(pool, (conn) => removeItem(conn, id, productId(params.productId)));
    return getCart(pool, id);
  });
  return createApp({ service: 'cart', version, router, health: () => ping(pool), log });
}
