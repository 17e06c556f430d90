// The shop's migrations and QA seed through the real init-db action (its
// bundled dist, run as the runner runs it), release after release: what the
// pipeline does to each environment's database.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import mysql from 'mysql2/promise';
import { actionDir, infra, repoRoot, runBundledAction } from '@switchyard/testkit';

const database = `shop_test_mig_${randomBytes(3).toString('hex')}`;
const work = mkdtempSync(join(tmpdir(), 'shop-test-releases-'));
const workspace = (release: string) =>
  release === 'first'
    ? join(repoRoot, 'workflows-examples')
    : execFileSync(process.execPath, [join(repoRoot, 'workflows-examples/releases/materialize.mjs'), release, join(work, release)], {
        encoding: 'utf8',
      }).trim();

afterAll(async () => {
  const { mysql: m } = infra();
  const c = await mysql.createConnection({ host: m.host, port: m.port, user: m.user, password: m.password });
  await c.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await c.end();
  rmSync(work, { recursive: true, force: true });
});

it('init-db applies release 1, then 2 (expand, migrate), then 3 (contract), with the QA seed each time', async () => {
  const { mysql: m } = infra();
  const url = `mysql://${m.user}:${encodeURIComponent(m.password)}@${m.host}:${m.port}/${database}`;
  const run = (release: string) =>
    runBundledAction(actionDir('init-db'), {
      cwd: workspace(release),
      inputs: { 'database-url': url, 'create-database': 'true', 'migrations-dir': 'db/migrations', 'seed-dir': 'db/seed/qa' },
    });

  const first = await run('first');
  expect([first.code, first.outputs['current-version']]).toEqual([0, '3']);
  expect(JSON.parse(first.outputs.applied!)).toEqual([
    'V1__create_products.sql',
    'V2__create_carts.sql',
    'V3__create_orders.sql',
    'R__cart_summary_view.sql',
    'products.sql',
  ]);
  // Only the ::add-mask:: commands (which tell the runner to mask it) may carry the password.
  expect(
    first.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n'),
  ).not.toContain(m.password);
  expect(first.masks).toContain(m.password);

  const again = await run('first');
  expect([again.code, again.outputs['applied-count']]).toEqual([0, '0']);

  const second = await run('second');
  expect([second.code, second.outputs['current-version']]).toEqual([0, '5']);
  expect(JSON.parse(second.outputs.applied!)).toEqual(['V4__products_title_expand.sql', 'V5__products_title_backfill.sql']);

  const third = await run('third');
  expect([third.code, third.outputs['current-version']]).toEqual([0, '6']);
  expect(JSON.parse(third.outputs.applied!)).toEqual(['V6__products_title_contract.sql', 'products.sql']);

  const c = await mysql.createConnection({ host: m.host, port: m.port, user: m.user, password: m.password, database });
  try {
    const [cols] = await c.query('SHOW COLUMNS FROM products');
    expect((cols as Array<{ Field: string }>).map((x) => x.Field)).toEqual(['id', 'sku', 'title', 'price_cents', 'stock', 'created_at', 'updated_at']);
    const [rows] = await c.query("SELECT title FROM products WHERE sku = 'MUG-001'");
    expect(rows).toEqual([{ title: 'Switchyard mug' }]);
    const [triggers] = await c.query('SHOW TRIGGERS');
    expect(triggers).toEqual([]);
  } finally {
    await c.end();
  }
}, 90_000);
