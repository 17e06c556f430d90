import { createApp, createRouter, HttpError, nonEmptyString, positiveInt, readJson } from '@shop/common/http';
import { ping } from '@shop/common/db';
import { createProduct, getProduct, listProducts, renameProduct } from './products.js';

const SKU = /^[A-Z0-9][A-Z0-9-]{0,63}$/;

function productId(raw) {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw new HttpError(404, `product ${raw} not found`);
  return id;
}

/** The catalog's HTTP server: GET/POST /products, GET/PATCH /products/:id, /healthz, /version. */
export function createCatalogApp({ pool, version, log }) {
  const router = createRouter();
  router.route('GET', '/products', ({ url }) => {
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 50) || 50, 200);
    const offset = Math.max(Number(url.searchParams.get('offset') ?? 0) || 0, 0);
    return listProducts(pool, { limit, offset }).then((products) => ({ products }));
  });
  router.route('GET', '/products/:id', ({ params }) => getProduct(pool, productId(params.id)));
  router.route('POST', '/products', async ({ req }) => {
    const b = await readJson(req);
    const sku = nonEmptyString(b.sku, 'sku', { max: 64 });
    if (!SKU.test(sku)) throw new HttpError(400, `'sku' must match ${SKU}`, { field: 'sku' });
    const product = await createProduct(pool, {
      sku,
      name: nonEmptyString(b.name, 'name'),
      priceCents: positiveInt(b.priceCents, 'priceCents', { max: 10_000_000 }),
      stock: b.stock === undefined ? 0 : b.stock === 0 ? 0 : positiveInt(b.stock, 'stock'),
    });
    return { status: 201, body: product };
  });
  router.route('PATCH', '/products/:id', async ({ req, params }) => {
    const b = await readJson(req);
    return renameProduct(pool, productId(params.id), nonEmptyString(b.name, 'name'));
  });
  return createApp({ service: 'catalog', version, router, health: () => ping(pool), log });
}
