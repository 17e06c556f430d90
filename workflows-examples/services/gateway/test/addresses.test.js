// The address pool on its own, with a fake clock and lookup.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAddressPool } from '../src/addresses.js';

function fixture(records) {
  const clock = { t: 0 };
  const calls = [];
  const lookup = async (name) => {
    calls.push(name);
    return records.map((address) => ({ address, family: 4 }));
  };
  const pool = createAddressPool('catalog', { lookup, now: () => clock.t, ttlMs: 1_000, failMs: 10_000 });
  return { pool, clock, calls, records };
}

test('rotates over every address of the name, in a stable order', async () => {
  const { pool } = fixture(['10.0.0.9', '10.0.0.2', '10.0.0.5']);
  const firsts = [];
  for (let i = 0; i < 6; i++) firsts.push((await pool.candidates())[0]);
  assert.deepEqual(firsts, ['10.0.0.2', '10.0.0.5', '10.0.0.9', '10.0.0.2', '10.0.0.5', '10.0.0.9']);
  assert.deepEqual(await pool.candidates(), ['10.0.0.2', '10.0.0.5', '10.0.0.9']);
});

test('caches the lookup for the TTL only, and shares one lookup between concurrent requests', async () => {
  const { pool, clock, calls, records } = fixture(['10.0.0.1']);
  await Promise.all([pool.candidates(), pool.candidates(), pool.candidates()]);
  clock.t = 999;
  await pool.candidates();
  assert.equal(calls.length, 1);
  records.push('10.0.0.2'); // a new task
  clock.t = 1_000;
  assert.deepEqual((await pool.candidates()).sort(), ['10.0.0.1', '10.0.0.2']);
  assert.equal(calls.length, 2);
});

test('puts a failed address last for 10 s, then back in the rotation', async () => {
  const { pool, clock } = fixture(['10.0.0.1', '10.0.0.2']);
  pool.markFailed('10.0.0.1');
  clock.t = 9_999;
  for (let i = 0; i < 4; i++) assert.deepEqual(await pool.candidates(), ['10.0.0.2', '10.0.0.1']);
  clock.t = 10_000;
  const firsts = [(await pool.candidates())[0], (await pool.candidates())[0]];
  assert.deepEqual(firsts.sort(), ['10.0.0.1', '10.0.0.2']);
  pool.markFailed('10.0.0.2');
  pool.markOk('10.0.0.2'); // it answered again
  assert.equal(pool.isFailed('10.0.0.2'), false);
});

test('when every address is marked failed it still offers them all, longest-failed first', async () => {
  const { pool, clock } = fixture(['10.0.0.1', '10.0.0.2', '10.0.0.3']);
  pool.markFailed('10.0.0.3');
  clock.t = 100;
  pool.markFailed('10.0.0.1');
  clock.t = 200;
  pool.markFailed('10.0.0.2');
  assert.deepEqual(await pool.candidates(), ['10.0.0.3', '10.0.0.1', '10.0.0.2']);
});

test('an IP address is used as it is, without a lookup', async () => {
  const calls = [];
  const pool = createAddressPool('127.0.0.1', { lookup: async (n) => (calls.push(n), []) });
  assert.deepEqual(await pool.candidates(), ['127.0.0.1']);
  assert.equal(calls.length, 0);
});

test('a lookup that fails is an error of that request, and the next one looks up again', async () => {
  let fail = true;
  const pool = createAddressPool('catalog', {
    lookup: async () => {
      if (fail) throw Object.assign(new Error('getaddrinfo ENOTFOUND catalog'), { code: 'ENOTFOUND' });
      return [{ address: '10.0.0.1', family: 4 }];
    },
  });
  await assert.rejects(pool.candidates(), { code: 'ENOTFOUND' });
  fail = false;
  assert.deepEqual(await pool.candidates(), ['10.0.0.1']);
});
