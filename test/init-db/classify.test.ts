import { describe, expect, it } from '@jest/globals';
import { InputError } from '@switchyard/kit';
import { classify, isLiteralInsert, lint, tokenize, widens, withOnlineDdl, worst } from '../../actions/init-db/src/classify';
import { phaseOf } from '../../actions/init-db/src/files';
import type { MigrationFile } from '../../actions/init-db/src/model';
import { selectPhase, unsafeExpandMessage } from '../../actions/init-db/src/plan';

describe('classify', () => {
  it('reads through comments, quoted names and executable comments', () => {
    expect(tokenize("ALTER /* x */ TABLE `My Table` -- c\n DROP COLUMN `a`, ADD b INT DEFAULT 'x,y'").map((t) => t.raw)).toEqual([
      'ALTER',
      'TABLE',
      'My Table',
      'DROP',
      'COLUMN',
      'a',
      ',',
      'ADD',
      'b',
      'INT',
      'DEFAULT',
      'x,y',
    ]);
    expect(classify('/*!50100 ALTER TABLE t DROP COLUMN a */').class).toBe('destructive');
  });

  it('takes the worst clause of an ALTER and names each finding', () => {
    const k = classify('ALTER TABLE products MODIFY COLUMN title VARCHAR(200) NOT NULL, DROP COLUMN name');
    expect(k.class).toBe('destructive');
    expect(k.reasons).toEqual([
      'makes products.title NOT NULL without a default: running code that writes no value (or NULL) fails',
      'changes column products.title (varchar(200)): a type change copies the table, writes wait',
      'drops column products.name: code that reads or writes it fails',
    ]);
    expect(worst(['additive', 'locking', 'data'])).toBe('locking');
  });

  it('compares MODIFY with the current column when it is known', () => {
    const cols = new Map([['t.name', { type: 'varchar(100)', nullable: false, hasDefault: false }]]);
    expect(classify('ALTER TABLE t MODIFY name VARCHAR(100) NULL', cols)).toMatchObject({ class: 'additive', reasons: ['lets t.name be NULL'] });
    expect(classify('ALTER TABLE t MODIFY name VARCHAR(50) NOT NULL', cols).class).toBe('incompatible');
    expect(classify('ALTER TABLE t MODIFY name VARCHAR(300) NOT NULL', cols).class).toBe('locking');
    expect(widens('int(11)', 'bigint')).toBe(true);
    expect(widens('bigint(20)', 'int')).toBe(false);
    expect(widens('int(10) unsigned', 'int')).toBe(false);
    expect(widens('varchar(10)', 'char(20)')).toBe(true);
    expect(widens('text', 'tinytext')).toBe(false);
    expect(widens('decimal(10,2)', 'decimal(12,2)')).toBe(true);
    expect(widens('varchar(10)', 'int')).toBe(false);
  });

  it('appends the online-DDL clauses where the server takes them, and leaves explicit ones alone', () => {
    expect(withOnlineDdl('ALTER TABLE t ADD COLUMN a INT', 'inplace')).toBe('ALTER TABLE t ADD COLUMN a INT, ALGORITHM=INPLACE, LOCK=NONE');
    expect(withOnlineDdl('ALTER TABLE t ADD COLUMN a INT', 'instant')).toBe('ALTER TABLE t ADD COLUMN a INT, ALGORITHM=INSTANT');
    expect(withOnlineDdl('CREATE INDEX i ON t (a)', 'inplace')).toBe('CREATE INDEX i ON t (a) ALGORITHM=INPLACE LOCK=NONE');
    expect(withOnlineDdl('ALTER TABLE t ADD COLUMN a INT, ALGORITHM=COPY', 'inplace')).toBe('ALTER TABLE t ADD COLUMN a INT, ALGORITHM=COPY');
    expect(classify('DROP INDEX i ON t').onlineDdl).toBe(false);
    expect(classify('CREATE TABLE t (a INT)').onlineDdl).toBe(false);
  });
});

const file = (script: string, phase: 'expand' | 'contract', sql = 'SELECT 1'): MigrationFile => ({
  kind: script.startsWith('V') ? 'versioned' : 'repeatable',
  script,
  path: `/m/${script}`,
  version: /^V(\d+)/.exec(script)?.[1],
  description: 'd',
  checksum: 'c',
  statements: [{ index: 1, line: 2, sql }],
  phase,
});

describe('literal inserts (they may share the final commit with the DDL before them)', () => {
  it('are INSERT or REPLACE … VALUES of literals and constant functions', () => {
    for (const sql of [
      "INSERT INTO t VALUES (1, 'a')",
      'insert ignore into `t` (id, name) values (1, \'x\'), (2, "y"), (-3, NULL)',
      'REPLACE INTO t (a, b) VALUE (1.5, DEFAULT)',
      'INSERT INTO t (id, at, k) VALUES (1, NOW(), UUID()), (2, CURRENT_TIMESTAMP, 1e3) -- seed',
      "INSERT INTO t VALUES (1, 'SELECT * FROM big')",
    ])
      expect([sql, isLiteralInsert(sql)]).toEqual([sql, true]);
  });
  it('are not queries, SET, upserts, subqueries, or calls that could wait', () => {
    for (const sql of [
      'INSERT INTO t SELECT id FROM big',
      'INSERT INTO t (id) VALUES ((SELECT MAX(id) FROM big))',
      'INSERT INTO t SET id = 1',
      'INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE n = n + 1',
      'INSERT INTO t VALUES (SLEEP(10))',
      'INSERT INTO t VALUES (my_function(1))',
      'INSERT INTO t VALUES (@x)',
      'UPDATE t SET n = 1 WHERE id = 1',
      'DELETE FROM t WHERE id = 1',
      'CREATE TABLE t (id INT)',
    ])
      expect([sql, isLiteralInsert(sql)]).toEqual([sql, false]);
  });
});

describe('phases', () => {
  it('the header marker, before the first statement only', () => {
    expect(phaseOf('migrations-dir', 'V1__a.sql', '-- Release 3\n-- init-db: contract\nDROP TABLE a;', 3)).toBe('contract');
    expect(phaseOf('migrations-dir', 'V1__a.sql', '# init-db: CONTRACT\nDROP TABLE a;', 2)).toBe('contract');
    expect(phaseOf('migrations-dir', 'V1__a.sql', 'DROP TABLE a;\n-- init-db: contract', 1)).toBe('expand');
    expect(phaseOf('migrations-dir', 'V1__a.sql', 'CREATE TABLE a (id INT);', 1)).toBe('expand');
    expect(() => phaseOf('migrations-dir', 'V1__a.sql', '-- init-db: later\nSELECT 1;', 2)).toThrow(InputError);
  });

  it('expand stops at the first contract file; contract takes the contract files that come first', () => {
    const pending = [file('V4__a.sql', 'expand'), file('V5__b.sql', 'contract'), file('V6__c.sql', 'expand'), file('R__v.sql', 'expand')];
    const expand = selectPhase(pending, 'expand');
    expect(expand.apply.map((f) => f.script)).toEqual(['V4__a.sql', 'R__v.sql']);
    expect(expand.waiting.map((w) => [w.file.script, w.why])).toEqual([
      ['V5__b.sql', 'contract migration: applied by phase contract, after the switch'],
      ['V6__c.sql', 'after V5 (V5__b.sql), which waits for phase contract'],
    ]);
    const contract = selectPhase(pending.slice(1), 'contract');
    expect(contract.apply.map((f) => f.script)).toEqual(['V5__b.sql']);
    expect(contract.waiting.map((w) => w.file.script)).toEqual(['V6__c.sql', 'R__v.sql']);
    expect(selectPhase(pending, 'contract').apply).toEqual([]);
    expect(selectPhase(pending, 'all').apply).toEqual(pending);
  });

  it('the refusal names file, statement, line, class, why and the fix', () => {
    const files = [file('V7__drop.sql', 'expand', 'ALTER TABLE products DROP COLUMN name')];
    const findings = lint(files);
    expect(findings).toEqual([
      {
        script: 'V7__drop.sql',
        statement: 1,
        line: 2,
        phase: 'expand',
        class: 'destructive',
        reason: 'drops column products.name: code that reads or writes it fails',
      },
    ]);
    const msg = unsafeExpandMessage(findings, files);
    expect(msg).toContain(
      '- V7 (V7__drop.sql) statement 1 (line 2): ALTER TABLE products DROP COLUMN name — destructive: drops column products.name: code that reads or writes it fails',
    );
    expect(msg).toContain('-- init-db: contract');
  });
});
