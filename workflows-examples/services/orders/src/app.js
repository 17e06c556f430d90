import { createApp, createRouter, HttpError, nonEmptyString, readJson } from '@shop/common/http';
import { ping } from '@shop/common/db';
import { createOrder, getOrder } from './orders.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The order service: POST /orders { cartId }, GET /orders/:id. */
export function createOrdersApp({ pool, version, log }) {
  const router = createRouter();
  router.route('POST', '/orders', async ({ req }) => {
    const b = await readJson(req);
    const cartId = nonEmptyString(b.cartId, 'cartId', { max: 36 });
    if (!UUID.test(cartId)) throw new HttpError(400, "'cartId' must be a cart id (UUID)", { field: 'cartId' });
    const id = await createOrder(pool, cartId);
    return { status: 201, body: await getOrder(pool, id) };
  });
  router.route('GET', '/orders/:id', ({ params }) => {
    const id = Number(params.id);
    if (!Number.isSafeInteger(id) || id < 1) throw new HttpError(404, `order ${params.id} not found`);
    return getOrder(pool, id);
  });
  return createApp({ service: 'orders', version, router, health: () => ping(pool), log });
}
