// Blue-green phases with the bundled action on the real MariaDB: expand applies
// expand migrations and leaves the contract one waiting; contract applies it
// once everything before it is applied; history records each file's phase;
// dry-run shows both phases; an unmarked destructive migration is refused by
// phase expand before anything is applied (and only warned of by phase all).
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { cleanTemps, dbName, dropDatabases, errors, rows, runInitDb, tempDir, url } from './support';

jest.setTimeout(60_000);

const DB = dbName('phases');
const ALL = dbName('phases_all');
beforeAll(() => dropDatabases(DB, ALL));
afterAll(async () => {
  await dropDatabases(DB, ALL);
  cleanTemps();
});

const V1 =
  "CREATE TABLE products (id INT PRIMARY KEY, sku VARCHAR(20) NOT NULL, name VARCHAR(100) NOT NULL);\nINSERT INTO products VALUES (1, 'TEA', 'Tea');\n";
const V2 =
  '-- expand: title beside name\nALTER TABLE products ADD COLUMN title VARCHAR(100) NULL, MODIFY COLUMN name VARCHAR(100) NULL;\nUPDATE products SET title = name WHERE title IS NULL;\n';
const V3 = '-- Release 3.\n-- init-db: contract\nALTER TABLE products MODIFY COLUMN title VARCHAR(100) NOT NULL, DROP COLUMN name;\n';
type H = { script: string; phase: string; success: number };
const history = (db = DB) => rows<H>(db, 'SELECT script, phase, success FROM schema_history ORDER BY installed_rank');

describe('phases', () => {
  const m = tempDir({ 'V1__products.sql': V1, 'V2__title_expand.sql': V2, 'V3__title_contract.sql': V3 });
  const base = (phase: string) => ({ 'database-url': url(DB), 'migrations-dir': m.dir, 'create-database': true, phase });

  it('dry-run shows what each phase would apply', async () => {
    const r = await runInitDb({ ...base('expand'), 'dry-run': true });
    expect(errors(r)).toBe('');
    expect(r.stdout).toContain('phase expand would apply V1 (V1__products.sql), V2 (V2__title_expand.sql):');
    expect(r.stdout).toContain('then phase contract would apply V3 (V3__title_contract.sql)');
    const all = await runInitDb({ ...base('all'), 'dry-run': true });
    expect(all.stdout).toContain(
      'In blue-green: phase expand would apply V1 (V1__products.sql), V2 (V2__title_expand.sql); phase contract then V3 (V3__title_contract.sql)',
    );
  });

  it('expand applies the expand migrations; the contract one waits; history says expand', async () => {
    const r = await runInitDb(base('expand'));
    expect(errors(r)).toBe('');
    expect(r.outputs).toMatchObject({ applied: '["V1__products.sql","V2__title_expand.sql"]', 'pending-count': '1', 'current-version': '2' });
    expect(r.stdout).toContain('V3 (V3__title_contract.sql) waits: contract migration: applied by phase contract, after the switch');
    expect(r.summary).toContain('phase **expand**');
    expect(r.summary).toMatch(/\| V3__title_contract.sql \| versioned \| ⏸️ other phase \|.*\| contract \| 🔴 destructive \|/);
    expect(await history()).toEqual([
      { script: 'V1__products.sql', phase: 'expand', success: 1 },
      { script: 'V2__title_expand.sql', phase: 'expand', success: 1 },
    ]);
    const lint = JSON.parse(r.outputs.lint!) as { script: string; class: string; phase: string }[];
    expect(lint.filter((f) => f.script === 'V3__title_contract.sql')).toEqual([expect.objectContaining({ class: 'destructive', phase: 'contract' })]);
    // products is created in this same run, so V2's MODIFY cannot be compared with a current column:
    // a possible type change, warned of as locking (online-ddl.itg shows the known-column case).
    expect(lint.filter((f) => f.script === 'V2__title_expand.sql').map((f) => f.class)).toEqual(['locking', 'data']);
    expect(r.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toEqual([
      expect.stringMatching(
        /^V2__title_expand.sql statement 1 \(line 2\) may lock or copy its table while it runs: .*With online-ddl: inplace the server refuses/,
      ),
    ]);

    const again = await runInitDb(base('expand'));
    expect(again.outputs['applied-count']).toBe('0');
    expect(again.stdout).toContain(
      'Nothing to apply in phase expand: V3 (V3__title_contract.sql) (contract migration: applied by phase contract, after the switch)',
    );
  });

  it('contract applies the contract migration; history says contract', async () => {
    const r = await runInitDb(base('contract'));
    expect(errors(r)).toBe('');
    expect(r.outputs).toMatchObject({ applied: '["V3__title_contract.sql"]', 'pending-count': '0', 'current-version': '3' });
    expect(r.stdout).toContain('Applied 1 file(s) in phase contract');
    expect((await history()).map((h) => h.phase)).toEqual(['expand', 'expand', 'contract']);
    expect(await rows(DB, 'SELECT id, title FROM products')).toEqual([{ id: 1, title: 'Tea' }]);
  });

  it('contract does not jump over a pending expand migration', async () => {
    m.write('V4__stock_expand.sql', 'ALTER TABLE products ADD COLUMN stock INT NULL;');
    m.write('V5__stock_contract.sql', '-- init-db: contract\nALTER TABLE products DROP COLUMN sku;');
    const r = await runInitDb(base('contract'));
    expect(errors(r)).toBe('');
    expect(r.outputs['applied-count']).toBe('0');
    expect(r.stdout).toContain(
      'Nothing to apply in phase contract: V4 (V4__stock_expand.sql) (expand migration: applied by phase expand, before the next deploy); V5 (V5__stock_contract.sql) (after V4 (V4__stock_expand.sql), which waits for phase expand)',
    );
  });

  it('expand refuses an unmarked destructive migration before applying anything, naming file, statement, why and the fix', async () => {
    m.write(
      'V6__drop_name_unmarked.sql',
      '-- forgot the marker\nALTER TABLE products ADD COLUMN note VARCHAR(10) NULL;\nALTER TABLE products RENAME COLUMN title TO label;\n',
    );
    const before = await history();
    const r = await runInitDb(base('expand'));
    expect(r.code).toBe(1);
    const e = errors(r);
    expect(e).toMatch(/^An expand migration would break the colour that is still live; refusing phase expand before applying anything:/);
    expect(e).toContain(
      '- V6 (V6__drop_name_unmarked.sql) statement 2 (line 3): ALTER TABLE products RENAME COLUMN title TO label — incompatible: renames column products.title to label: running code uses the old name',
    );
    expect(e).toContain('move the drop / rename / NOT NULL into a new migration whose first line is -- init-db: contract');
    expect(await history()).toEqual(before);
    expect(await rows(DB, "SHOW COLUMNS FROM products LIKE 'stock'")).toEqual([]);
    expect(r.outputs.lint).toContain('"class":"incompatible"');
    m.remove('V6__drop_name_unmarked.sql');
  });

  it('phase all (one stack) applies it anyway, with a warning', async () => {
    const q = tempDir({ 'V1__products.sql': V1, 'V2__drop_sku.sql': 'ALTER TABLE products DROP COLUMN sku;' });
    const r = await runInitDb({ 'database-url': url(ALL), 'migrations-dir': q.dir, 'create-database': true });
    expect(errors(r)).toBe('');
    expect(r.outputs['applied-count']).toBe('2');
    const warning = r.annotations.find((a) => a.level === 'warning')?.message ?? '';
    expect(warning).toContain('- V2 (V2__drop_sku.sql) statement 1 (line 1): ALTER TABLE products DROP COLUMN sku — destructive: drops column products.sku');
    expect(warning).toContain('Applied anyway (phase all, one stack); in blue-green, phase expand refuses these.');
    expect((await history(ALL)).map((h) => h.phase)).toEqual(['expand', 'expand']);
  });

  it('an unknown phase marker is an input error naming the file', async () => {
    const q = tempDir({ 'V1__x.sql': '-- init-db: contarct\nSELECT 1;' });
    const r = await runInitDb({ 'database-url': url(ALL), 'migrations-dir': q.dir });
    expect(r.code).toBe(1);
    expect(errors(r)).toContain(`Input 'migrations-dir': V1__x.sql: header "-- init-db: contarct" names phase "contarct"; write -- init-db: contract`);
  });
});
