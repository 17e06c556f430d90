// init-db end to end: the bundled dist (as the runner runs it) against the
// real local MariaDB. One database walks through a release's life: fresh,
// re-run, new migration, comment-only edit, drift, a failure half-way
// through a file, the refusal that follows, and the repair path.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { admin, captured, cleanTemps, db, dbName, dropDatabases, errors, rows, runInitDb, tempDir, url } from './support';

jest.setTimeout(60_000);

const DB = dbName('life');
const FRESH = dbName('fresh');
const fixtures = join(import.meta.dirname, 'fixtures/shop');
let mig: ReturnType<typeof tempDir>;
let seed: ReturnType<typeof tempDir>;
const original = (name: string) => readFileSync(join(fixtures, 'migrations', name), 'utf8');

beforeAll(async () => {
  await dropDatabases(DB, FRESH);
  mig = tempDir();
  seed = tempDir();
  cpSync(join(fixtures, 'migrations'), mig.dir, { recursive: true });
  cpSync(join(fixtures, 'seed'), seed.dir, { recursive: true });
});
afterAll(async () => {
  await dropDatabases(DB, FRESH);
  cleanTemps();
});

const base = () => ({ 'database-url': url(DB), 'migrations-dir': mig.dir, 'seed-dir': seed.dir, 'connect-timeout': '10s', 'lock-timeout': '20s' });
type History = {
  version: string | null;
  script: string;
  type: string;
  success: number;
  failed_statement: number | null;
  error: string | null;
  applied_by: string;
  run_id: string;
  checksum: string;
};
const history = () => rows<History>(DB, 'SELECT * FROM schema_history ORDER BY installed_rank');

describe('a database through a release cycle', () => {
  it('fresh database: creates it, applies versioned (DELIMITER procedure and trigger included), repeatable and seeds, in order', async () => {
    const r = await runInitDb({ ...base(), 'create-database': true });
    expect(errors(r)).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs).toEqual({
      'current-version': '1.10',
      applied: JSON.stringify([
        'V1__create_catalog.sql',
        'V1_1__orders_and_procedure.sql',
        'V1_10__order_status.sql',
        'R__views.sql',
        '01_products.sql',
        '02_orders.sql',
      ]),
      'applied-count': '6',
      'pending-count': '0',
      'snapshot-id': '',
      lint: expect.stringContaining('"class":"additive"'),
    });
    const h = await history();
    expect(h.map((x) => [x.version, x.type, x.script, x.success])).toEqual([
      ['1', 'versioned', 'V1__create_catalog.sql', 1],
      ['1.1', 'versioned', 'V1_1__orders_and_procedure.sql', 1],
      ['1.10', 'versioned', 'V1_10__order_status.sql', 1],
      [null, 'repeatable', 'R__views.sql', 1],
      [null, 'seed', '01_products.sql', 1],
      [null, 'seed', '02_orders.sql', 1],
    ]);
    expect(h[0]).toMatchObject({ applied_by: 'octocat', run_id: '1000/1', failed_statement: null, error: null });
    // Strings with ; ' " ? and the DELIMITER-block procedure made it to the server intact.
    expect((await rows<{ n: string }>(DB, 'SELECT `name; with semicolon` AS n FROM categories ORDER BY id')).map((x) => x.n)).toEqual([
      'Tea; loose leaf',
      'Mugs "and" cups',
      "It's ? a question",
    ]);
    expect(await rows(DB, 'SELECT sku, total_cents, status FROM orders')).toEqual([{ sku: 'TEA-001', total_cents: 2400, status: 'new' }]);
    const c = await admin(DB);
    await expect(c.query('INSERT INTO orders (sku, quantity) VALUES (?, 0)', ['TEA-001'])).rejects.toThrow('quantity must be positive; got zero or less');
    await c.end();
    // Lock released, owner row removed.
    expect(await rows(DB, 'SELECT * FROM schema_history_lock')).toEqual([]);
    expect(await rows(DB, `SELECT IS_USED_LOCK('switchyard-init-db:${DB}.schema_history') AS h`)).toEqual([{ h: null }]);
    // Summary: a table of migrations with status and duration.
    expect(r.summary).toContain(`## init-db ${DB}: 6 applied`);
    expect(r.summary).toContain('| Migration | Type | Status | Duration | Statements | Note |');
    expect(r.summary).toMatch(/\| V1_1__orders_and_procedure.sql \| versioned \| ✅ applied \| \d+ms \| 3 \|/);
    expect(r.stdout).toContain('✓ V1.1 (V1_1__orders_and_procedure.sql): 3 statement(s)');
    // Per-statement step-debug lines only when the runner shows them (RUNNER_DEBUG=1, see faults.itg.test.ts).
    expect(r.stdout).not.toContain('::debug::');
  });

  it('re-run with nothing pending changes nothing', async () => {
    const before = await history();
    const r = await runInitDb(base());
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ 'current-version': '1.10', applied: '[]', 'applied-count': '0', 'pending-count': '0' });
    expect(r.stdout).toContain('Nothing to apply: the database is up to date');
    expect(await history()).toEqual(before);
    expect(r.summary).toContain(`## init-db ${DB}: up to date`);
    expect(r.summary).toContain('✔️ up to date');
  });

  it('a new migration: only it is applied', async () => {
    mig.write('V2__customers.sql', 'CREATE TABLE customers (id INT PRIMARY KEY, email VARCHAR(200) NOT NULL UNIQUE);\n');
    const r = await runInitDb(base());
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ 'current-version': '2', applied: '["V2__customers.sql"]', 'applied-count': '1' });
    expect((await history()).filter((x) => x.script === 'V2__customers.sql')).toHaveLength(1);
  });

  it('comment-only and whitespace edits to applied files are tolerated (documented rule)', async () => {
    const edited = `-- Reviewed 2026-11: added notes for the DBA.\r\n${original('V1__create_catalog.sql').replace(/\n/g, '   \r\n').replace('# stock-keeping unit', '# SKU, see docs/sku.md; unique').replace('INSERT INTO', '/* fixtures */ INSERT INTO')}`;
    mig.write('V1__create_catalog.sql', edited);
    const r = await runInitDb(base());
    expect(errors(r)).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs['applied-count']).toBe('0');
  });

  it('a changed statement in an applied file is drift: fails naming the file, applies nothing', async () => {
    mig.write('V1_10__order_status.sql', original('V1_10__order_status.sql').replace("DEFAULT 'new'", "DEFAULT 'created'"));
    mig.write('V3__loyalty.sql', 'CREATE TABLE loyalty (customer_id INT PRIMARY KEY);\n');
    const before = await history();
    const r = await runInitDb(base());
    expect(r.code).toBe(1);
    const e = errors(r);
    expect(e).toContain('An applied migration has changed since it ran (drift); nothing was applied');
    expect(e).toContain('- V1_10__order_status.sql: applied at');
    expect(e).toContain('Restore the file as it was applied and put the change in a new V<version>__ migration');
    expect(await history()).toEqual(before);
    expect(await rows(DB, "SHOW TABLES LIKE 'loyalty'")).toEqual([]);
    expect(r.outputs).toMatchObject({ 'applied-count': '0', 'current-version': '2' });
    mig.write('V1_10__order_status.sql', original('V1_10__order_status.sql'));
  });

  it('a statement failing half-way: history says so honestly, the next run refuses, repair clears it and re-applies', async () => {
    mig.write(
      'V4__addresses.sql',
      [
        'CREATE TABLE addresses (id INT PRIMARY KEY, customer_id INT NOT NULL);',
        '-- the next statement refers to a table that does not exist',
        'ALTER TABLE adresses ADD COLUMN city VARCHAR(100);',
        'CREATE TABLE never_created (id INT);',
      ].join('\n'),
    );
    const r = await runInitDb(base());
    expect(r.code).toBe(1);
    const e = errors(r);
    expect(e).toMatch(
      /^V4 \(V4__addresses.sql\) failed at statement 2 of 3 \(.*V4__addresses.sql, line 3\): Table '.*adresses' doesn't exist \(ER_NO_SUCH_TABLE 1146\)/,
    );
    expect(e).toContain('    ALTER TABLE adresses ADD COLUMN city VARCHAR(100)');
    expect(e).toContain('Statement 1 of this file ran and is committed');
    // V3 ran before V4 and is recorded; V4 is recorded as failed, never as applied.
    expect(r.outputs).toMatchObject({ applied: '["V3__loyalty.sql"]', 'applied-count': '1', 'current-version': '3', 'pending-count': '1' });
    const v4 = (await history()).filter((x) => x.script === 'V4__addresses.sql');
    expect(v4).toEqual([expect.objectContaining({ version: '4', success: 0, failed_statement: 2, error: expect.stringContaining('ER_NO_SUCH_TABLE 1146') })]);
    expect(await rows(DB, "SHOW TABLES LIKE 'addresses'")).toHaveLength(1);
    expect(await rows(DB, "SHOW TABLES LIKE 'never_created'")).toEqual([]);
    expect(r.summary).toContain('❌ failed');
    expect(r.summary).toContain('statement 2: Table');

    // The next run refuses, saying exactly what to check, even with new files around.
    mig.write('V5__later.sql', 'CREATE TABLE later_table (id INT);');
    const again = await runInitDb(base());
    expect(again.code).toBe(1);
    const refusal = errors(again);
    expect(refusal).toContain('refusing to continue past it');
    expect(refusal).toContain('V4 (V4__addresses.sql) failed at statement 2 in run 1000/1 by octocat');
    expect(refusal).toContain('statement 1 is committed.');
    expect(refusal).toContain('undo what the committed statements did');
    expect(refusal).toContain('run once with repair: true');
    expect(await rows(DB, "SHOW TABLES LIKE 'later_table'")).toEqual([]);

    // The operator undoes statement 1, fixes the file, and repairs.
    const c = await admin(DB);
    await c.query('DROP TABLE addresses');
    await c.end();
    mig.write(
      'V4__addresses.sql',
      'CREATE TABLE addresses (id INT PRIMARY KEY, customer_id INT NOT NULL);\nALTER TABLE addresses ADD COLUMN city VARCHAR(100);\n',
    );
    const dry = await runInitDb({ ...base(), repair: true, 'dry-run': true });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('repair: would clear the failed record of V4 (V4__addresses.sql)');
    expect((await history()).filter((x) => x.success === 0)).toHaveLength(1);
    const repaired = await runInitDb({ ...base(), repair: true });
    expect(errors(repaired)).toBe('');
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toContain('repair: clearing the failed record of V4 (V4__addresses.sql) (statement 2, run 1000/1');
    expect(repaired.outputs).toMatchObject({ applied: '["V4__addresses.sql","V5__later.sql"]', 'current-version': '5' });
    const h = await history();
    expect(h.filter((x) => x.script === 'V4__addresses.sql').map((x) => x.success)).toEqual([1]);
    expect(h.every((x) => x.success === 1)).toBe(true);
    // Repair clears failed records only: everything that was applied is still recorded.
    expect(h.map((x) => x.script)).toEqual(
      expect.arrayContaining(['V1__create_catalog.sql', 'V2__customers.sql', 'V3__loyalty.sql', 'R__views.sql', '01_products.sql']),
    );
  });

  it('a failure among a file’s trailing data statements rolls them back with it, and says so', async () => {
    mig.write(
      'V5_5__tags.sql',
      'CREATE TABLE tags (id INT PRIMARY KEY);\nINSERT INTO tags VALUES (1);\nINSERT INTO tags VALUES (2);\nINSERT INTO tags VALUES (1);\n',
    );
    const r = await runInitDb(base());
    expect(r.code).toBe(1);
    const e = errors(r);
    expect(e).toMatch(/^V5.5 \(V5_5__tags.sql\) failed at statement 4 of 4 \(.*line 4\): Duplicate entry '1' for key 'PRIMARY' \(ER_DUP_ENTRY 1062\)/);
    expect(e).toContain(
      'Statement 1 of this file ran and is committed (each on its own: MySQL commits DDL at once). Statements 2–3 ran in one transaction with the failing one and were rolled back',
    );
    expect(await rows(DB, 'SELECT * FROM tags')).toEqual([]);
    expect(await rows(DB, "SELECT success, failed_statement, committed_statements FROM schema_history WHERE script = 'V5_5__tags.sql'")).toEqual([
      { success: 0, failed_statement: 4, committed_statements: 1 },
    ]);
    const refusal = await runInitDb(base());
    expect(errors(refusal)).toContain('statement 1 is committed (statements 2–3 were rolled back with the failing one).');
    // Fixed by hand: the table stays, the file is made re-runnable.
    mig.write('V5_5__tags.sql', 'CREATE TABLE IF NOT EXISTS tags (id INT PRIMARY KEY);\nINSERT INTO tags VALUES (1);\nINSERT INTO tags VALUES (2);\n');
    const repaired = await runInitDb({ ...base(), repair: true });
    expect(errors(repaired)).toBe('');
    expect(repaired.outputs.applied).toBe('["V5_5__tags.sql"]');
    expect(await rows(DB, 'SELECT id FROM tags ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('dry-run lists pending migrations with each statement’s first line and changes nothing', async () => {
    mig.write('V6__reviews.sql', 'CREATE TABLE reviews (\n  id INT PRIMARY KEY\n);\nINSERT INTO reviews VALUES (1);');
    mig.write('R__views.sql', `${original('R__views.sql')}CREATE OR REPLACE VIEW busy_skus AS SELECT sku FROM order_totals WHERE orders > 1;\n`);
    const before = await history();
    const r = await runInitDb({ ...base(), 'dry-run': true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('would apply V6 (V6__reviews.sql): 2 statement(s)');
    expect(r.stdout).toContain('    1. line 1: CREATE TABLE reviews (');
    expect(r.stdout).toContain('    2. line 4: INSERT INTO reviews VALUES (1)');
    expect(r.stdout).toContain('would apply R__views.sql: 2 statement(s)');
    expect(r.outputs).toMatchObject({ 'pending-count': '2', 'applied-count': '0', applied: '[]', 'current-version': '5.5' });
    expect(r.summary).toContain(`## init-db ${DB}: dry run`);
    expect(r.summary).toContain('📝 would apply');
    expect(await history()).toEqual(before);
    expect(await rows(DB, "SHOW TABLES LIKE 'reviews'")).toEqual([]);
  });

  it('target-version stops there; the rest waits for a later run', async () => {
    mig.write('V7__ratings.sql', 'CREATE TABLE ratings (id INT PRIMARY KEY);');
    const r = await runInitDb({ ...base(), 'target-version': '6' });
    expect(r.code).toBe(0);
    expect(r.outputs).toMatchObject({ 'current-version': '6', applied: '["V6__reviews.sql","R__views.sql"]' });
    expect(r.summary).toContain('⏭️ above target');
    const rest = await runInitDb(base());
    expect(rest.outputs).toMatchObject({ 'current-version': '7', applied: '["V7__ratings.sql"]' });
  });

  it('refuses a migration that would run out of order', async () => {
    mig.write('V6_5__late.sql', 'CREATE TABLE late (id INT);');
    const r = await runInitDb(base());
    expect(r.code).toBe(1);
    expect(errors(r)).toContain("older than the database's current version 7 but never ran; nothing was applied:\n- V6_5__late.sql");
    mig.remove('V6_5__late.sql');
  });
});

describe('a missing database', () => {
  it('dry-run with create-database says it would create it, lists everything, and creates nothing', async () => {
    const m = tempDir({ 'V1__a.sql': 'CREATE TABLE a (id INT);', 'V2__b.sql': 'CREATE TABLE b (id INT);' });
    const r = await runInitDb({ 'database-url': url(FRESH), 'migrations-dir': m.dir, 'create-database': true, 'dry-run': true });
    expect(errors(r)).toBe('');
    expect(r.stdout).toContain(`Database ${FRESH} does not exist: it would be created`);
    expect(r.outputs).toMatchObject({ 'pending-count': '2', 'applied-count': '0', 'current-version': '' });
    expect(await rows(DB, 'SHOW DATABASES LIKE ?', [FRESH])).toEqual([]);
  });
});

describe('a custom history table', () => {
  it('keeps history and lock owner in the named tables', async () => {
    const m = tempDir({ 'V1__a.sql': 'CREATE TABLE custom_a (id INT);' });
    const r = await runInitDb({ 'database-url': url(FRESH), 'migrations-dir': m.dir, 'create-database': true, 'history-table': 'deploy_history' });
    expect(errors(r)).toBe('');
    expect(await rows(FRESH, 'SELECT script, success FROM deploy_history')).toEqual([{ script: 'V1__a.sql', success: 1 }]);
    expect(
      await rows(FRESH, "SELECT ENGINE AS engine FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'deploy_history_lock'", [FRESH]),
    ).toEqual([{ engine: 'MEMORY' }]);
    await dropDatabases(FRESH);
  });
});

describe('bad input and bad credentials', () => {
  it('fails on bad input naming the input, before touching the database', async () => {
    const dup = tempDir({ 'V1__a.sql': 'CREATE TABLE a (id INT);', 'V1_0__b.sql': 'CREATE TABLE b (id INT);' });
    const malformed = tempDir({ 'V1__a.sql': 'CREATE TABLE a (id INT);', 'V2-b.sql': '' });
    const cases: [Record<string, string>, string][] = [
      [{ 'migrations-dir': '/nonexistent/initdb-migrations' }, `Input 'migrations-dir': "/nonexistent/initdb-migrations" does not exist or cannot be read`],
      [{ 'migrations-dir': dup.dir }, `Input 'migrations-dir': two files have version 1: "V1_0__b.sql" and "V1__a.sql"`],
      [{ 'migrations-dir': malformed.dir }, `Input 'migrations-dir': malformed migration file name in`],
      [
        { 'migrations-dir': dup.dir, 'database-url': 'mysql//broken' },
        `Input 'database-url': "***" is not a valid URL: expected mysql://user:password@host:port/database`,
      ], // the whole URL is a secret
      [{ 'migrations-dir': dup.dir, 'database-url': `${url(FRESH)}?ssl-mode=sometimes` }, `Input 'database-url': ssl-mode="sometimes" is not one of`],
      [
        { 'migrations-dir': dup.dir, 'ssl-mode': 'sometimes' },
        `Input 'ssl-mode': "sometimes" is not one of auto, disabled, required, verify-ca, verify-identity`,
      ],
    ];
    for (const [over, message] of cases) {
      const r = await runInitDb({ 'database-url': url(FRESH), 'create-database': true, ...over });
      expect(r.code).toBe(1);
      expect(errors(r)).toContain(message);
      expect(r.stdout).not.toContain('connecting to');
    }
    expect(await rows(DB, 'SHOW DATABASES LIKE ?', [FRESH])).toEqual([]);
  });

  it('a missing database without create-database is a clear error', async () => {
    const m = tempDir({ 'V1__a.sql': 'SELECT 1;' });
    const r = await runInitDb({ 'database-url': url(FRESH), 'migrations-dir': m.dir });
    expect(r.code).toBe(1);
    expect(errors(r)).toContain(`Database ${FRESH} does not exist on mysql://${db().user}@127.0.0.1:${db().port}`);
    expect(errors(r)).toContain('set create-database: true');
  });

  it('wrong password: a clear error without retrying for a minute, and the password is nowhere in the output', async () => {
    const wrong = 'Wr0ng;pa$$ word/%!';
    const m = tempDir({ 'V1__a.sql': 'SELECT 1;' });
    const r = await runInitDb({ 'database-url': url(DB, wrong), 'migrations-dir': m.dir, 'connect-timeout': '60s' });
    expect(r.code).toBe(1);
    expect(r.durationMs).toBeLessThan(10_000);
    expect(errors(r)).toMatch(
      new RegExp(
        `^Cannot log in to mysql://${db().user}@127\\.0\\.0\\.1:${db().port}: Access denied for user '${db().user}'@'localhost' \\(using password: YES\\) \\(ER_ACCESS_DENIED_ERROR 1045\\)`,
      ),
    );
    expect(errors(r)).toContain('Hint: check the user and password');
    for (const text of [r.stdout.replace(/^::add-mask::.*$/gm, ''), r.stderr, r.summary, JSON.stringify(r.outputs)]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(encodeURIComponent(wrong));
    }
    expect(r.masks).toEqual(expect.arrayContaining([wrong, encodeURIComponent(wrong)]));
  });

  it('discrete inputs with TLS required against a server without TLS: a clear TLS error', async () => {
    const m = tempDir({ 'V1__a.sql': 'SELECT 1;' });
    const r = await runInitDb({
      host: '127.0.0.1',
      port: db().port,
      user: db().user,
      password: db().password,
      database: DB,
      'ssl-mode': 'verify-identity',
      'migrations-dir': m.dir,
      'connect-timeout': '5s',
    });
    expect(r.code).toBe(1);
    expect(errors(r)).toMatch(/^(TLS connection to|Cannot connect to) mysql:\/\/.*(ssl|SSL|TLS|secure)/);
  });
});

describe('secrets', () => {
  it('no captured log, annotation, output or summary of any run in this file contains the password', () => {
    expect(captured.length).toBeGreaterThan(20);
    const pw = db().password;
    for (const text of captured) {
      const withoutMaskCommands = text.replace(/^::add-mask::.*$/gm, '');
      expect(withoutMaskCommands).not.toContain(pw);
      expect(withoutMaskCommands).not.toContain(encodeURIComponent(pw));
    }
  });
});
