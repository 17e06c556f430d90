import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp, createRouter, HttpError, positiveInt } from '../src/http.js';
import { call, listen } from '../src/testing.js';

test('the router matches :params, trailing slashes, and reports allowed methods', () => {
  const r = createRouter();
  r.route('GET', '/carts/:id/items/:productId', () => 'x');
  r.route('DELETE', '/carts/:id/items/:productId', () => 'y');
  assert.deepEqual(r.match('GET', '/carts/a%20b/items/7/').params, { id: 'a b', productId: '7' });
  assert.deepEqual(r.match('PUT', '/carts/a/items/7'), { allowed: ['GET', 'DELETE'] });
  assert.equal(r.match('GET', '/carts/a/items'), null);
});

test('the app answers JSON, turns HttpErrors into their status and hides internal errors', async () => {
  const logs = [];
  const router = createRouter();
  router.route('GET', '/ok', () => ({ fine: true }));
  router.route('POST', '/made', () => ({ status: 201, body: { id: 1 } }));
  router.route('GET', '/bad', () => positiveInt(0, 'quantity'));
  router.route('GET', '/boom', () => {
    throw new Error('secret internals');
  });
  let healthy = true;
  const app = createApp({
    service: 's',
    version: 'v9',
    router,
    log: (e) => logs.push(e),
    health: async () => {
      if (!healthy) throw Object.assign(new Error('down'), { code: 'ECONNREFUSED' });
      return { db: 'ok' };
    },
  });
  const srv = await listen(app);
  try {
    assert.deepEqual(await call(srv.url, 'GET', '/ok').then((r) => [r.status, r.body, r.headers.get('content-type')]), [
      200,
      { fine: true },
      'application/json; charset=utf-8',
    ]);
    assert.equal((await call(srv.url, 'POST', '/made')).status, 201);
    const bad = await call(srv.url, 'GET', '/bad');
    assert.deepEqual([bad.status, bad.body.details], [400, { field: 'quantity', value: 0 }]);
    const boom = await call(srv.url, 'GET', '/boom');
    assert.deepEqual([boom.status, boom.body], [500, { error: 'internal error' }]);
    assert.ok(
      logs.some((l) => l.level === 'error' && /secret internals/.test(l.error)),
      'the stack goes to the log, not the client',
    );
    assert.deepEqual((await call(srv.url, 'GET', '/healthz')).body, { status: 'ok', service: 's', version: 'v9', db: 'ok' });
    healthy = false;
    const down = await call(srv.url, 'GET', '/healthz');
    assert.deepEqual([down.status, down.body.reason], [503, 'ECONNREFUSED']);
    assert.ok(!logs.some((l) => l.path === '/healthz' && l.status === 200), 'healthy probes are not logged');
    assert.ok(
      logs.some((l) => l.path === '/healthz' && l.status === 503),
      'failing probes are',
    );
  } finally {
    await srv.close();
  }
  assert.ok(new HttpError(418, 'x') instanceof Error);
});
