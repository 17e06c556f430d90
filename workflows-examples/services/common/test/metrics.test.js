import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp, createRouter } from '../src/http.js';
import { createMetrics } from '../src/metrics.js';
import { listen } from '../src/testing.js';

const sample = (text, name, labels) => {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
};

test('GET /metrics: RED metrics labelled with service, version, colour, route pattern and code; probes are not traffic', async () => {
  const router = createRouter();
  router.route('GET', '/carts/:id', ({ params }) => ({ id: params.id }));
  router.route('GET', '/boom', () => {
    throw new Error('x');
  });
  const app = createApp({
    service: 'cart',
    version: 'v7',
    router,
    log: () => {},
    health: async () => ({}),
    metrics: createMetrics({ service: 'cart', version: 'v7', color: 'green' }),
  });
  const srv = await listen(app);
  try {
    for (const path of ['/carts/1', '/carts/2', '/boom', '/nope', '/healthz', '/healthz']) await fetch(srv.url + path).then((r) => r.text());
    const res = await fetch(`${srv.url}/metrics`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const base = { service: 'cart', version: 'v7', color: 'green', method: 'GET' };
    assert.equal(sample(text, 'shop_http_requests_total', { ...base, route: '/carts/:id', code: '200' }), 2);
    assert.equal(sample(text, 'shop_http_requests_total', { ...base, route: '/boom', code: '500' }), 1);
    assert.equal(sample(text, 'shop_http_requests_total', { ...base, route: 'unmatched', code: '404' }), 1);
    assert.equal(sample(text, 'shop_http_request_duration_seconds_count', { ...base, route: '/carts/:id', code: '200' }), 2);
    assert.equal(sample(text, 'shop_http_request_duration_seconds_bucket', { ...base, route: '/carts/:id', code: '200', le: '+Inf' }), 2);
    assert.ok(!text.includes('route="/healthz"') && !text.includes('route="/metrics"'), 'probes and scrapes are not counted');
  } finally {
    await srv.close();
  }
});

test('the colour comes from DEPLOY_COLOR (the stack sets it), none when unset', async () => {
  const saved = process.env.DEPLOY_COLOR;
  const colourOf = async () => {
    const m = createMetrics({ service: 's', version: '1' });
    m.observe('GET', '/x', 200, 0.01);
    return /color="([a-z]+)"/.exec(await m.registry.metrics())?.[1];
  };
  try {
    process.env.DEPLOY_COLOR = 'blue';
    assert.equal(await colourOf(), 'blue');
    delete process.env.DEPLOY_COLOR;
    assert.equal(await colourOf(), 'none');
  } finally {
    if (saved === undefined) delete process.env.DEPLOY_COLOR;
    else process.env.DEPLOY_COLOR = saved;
  }
});
