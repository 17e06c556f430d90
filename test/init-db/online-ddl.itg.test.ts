// The zero-downtime classes against the MariaDB we run: each statement of the
// table below is classified (with the current columns read from
// information_schema, as the action does) and then sent to a fresh copy of
// the same two tables with ALGORITHM=INPLACE, LOCK=NONE appended, as
// `online-ddl: inplace` sends it. The third column is the server's own answer:
// 'ok', or the error number it refuses with (1845/1846: it would have to lock
// or copy the table). The class is a static estimate; the answer is the
// server's word. Ends with the bundled action refusing a copying ALTER.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Connection } from 'mysql2/promise';
import { classify, withOnlineDdl } from '../../actions/init-db/src/classify';
import { currentColumns } from '../../actions/init-db/src/db';
import type { StatementClass } from '../../actions/init-db/src/model';
import { admin, cleanTemps, dbName, dropDatabases, errors, rows, runInitDb, tempDir, url } from './support';

jest.setTimeout(60_000);

const DB = dbName('online');
const TABLES = `CREATE TABLE p (id INT PRIMARY KEY) ENGINE=InnoDB;
INSERT INTO p VALUES (1);
CREATE TABLE t (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, qty INT NOT NULL DEFAULT 0, note VARCHAR(50) NULL,
  body TEXT NULL, price DECIMAL(10,2) NOT NULL DEFAULT 0, code CHAR(8) NULL, KEY t_name (name)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO t (name) VALUES ('x'), ('y');`;

// statement → [class, server's answer with ALGORITHM=INPLACE, LOCK=NONE ('' for statements it is not appended to)]
const TABLE: [string, StatementClass, string][] = [
  ['CREATE TABLE t2 (id INT PRIMARY KEY)', 'additive', ''],
  ['CREATE OR REPLACE VIEW v AS SELECT id, name FROM t', 'additive', ''],
  ['CREATE TRIGGER t_bi BEFORE INSERT ON t FOR EACH ROW SET NEW.qty = NEW.qty', 'additive', ''],
  ['CREATE INDEX t_qty ON t (qty)', 'additive', 'ok'],
  ['CREATE UNIQUE INDEX t_code ON t (code)', 'additive', 'ok'],
  ['CREATE FULLTEXT INDEX t_body ON t (body)', 'locking', '1846'],
  ['ALTER TABLE t ADD COLUMN title VARCHAR(200) NULL', 'additive', 'ok'],
  ['ALTER TABLE t ADD COLUMN title VARCHAR(200) NULL AFTER id', 'additive', 'ok'],
  ["ALTER TABLE t ADD COLUMN status VARCHAR(20) NOT NULL DEFAULT 'new'", 'additive', 'ok'],
  ['ALTER TABLE t ADD COLUMN flag INT NOT NULL', 'incompatible', 'ok'],
  ['ALTER TABLE t ADD INDEX t_note (note)', 'additive', 'ok'],
  ['ALTER TABLE t ADD UNIQUE KEY t_code2 (code)', 'additive', 'ok'],
  ['ALTER TABLE t ADD FULLTEXT INDEX t_ft (body)', 'locking', '1846'],
  ['ALTER TABLE t ADD CONSTRAINT t_p FOREIGN KEY (qty) REFERENCES p (id)', 'locking', '1846'],
  ['ALTER TABLE t ADD CONSTRAINT t_qty_pos CHECK (qty >= 0)', 'incompatible', '1845'],
  ['ALTER TABLE t ALTER COLUMN qty SET DEFAULT 5', 'additive', 'ok'],
  ['ALTER TABLE t ALTER COLUMN qty DROP DEFAULT', 'incompatible', 'ok'],
  ['ALTER TABLE t MODIFY COLUMN name VARCHAR(100) NULL', 'additive', 'ok'],
  ['ALTER TABLE t MODIFY COLUMN note VARCHAR(50) NOT NULL', 'incompatible', '1265'],
  ['ALTER TABLE t MODIFY COLUMN note VARCHAR(200) NULL', 'locking', '1846'],
  ['ALTER TABLE t MODIFY COLUMN note VARCHAR(20) NULL', 'incompatible', '1846'],
  ['ALTER TABLE t MODIFY COLUMN qty BIGINT NOT NULL DEFAULT 0', 'locking', '1846'],
  ['ALTER TABLE t MODIFY COLUMN price DECIMAL(12,2) NOT NULL DEFAULT 0', 'locking', '1846'],
  ['ALTER TABLE t CHANGE COLUMN note remark VARCHAR(50) NULL', 'incompatible', 'ok'],
  ['ALTER TABLE t RENAME COLUMN note TO remark', 'incompatible', 'ok'],
  ['ALTER TABLE t RENAME TO t_renamed', 'incompatible', '1845'],
  ['ALTER TABLE t DROP COLUMN note', 'destructive', 'ok'],
  ['ALTER TABLE t DROP INDEX t_name', 'destructive', 'ok'],
  ['ALTER TABLE t DROP PRIMARY KEY, ADD PRIMARY KEY (id, name)', 'locking', 'ok'],
  ['ALTER TABLE t ENGINE=InnoDB', 'locking', 'ok'],
  ['ALTER TABLE t FORCE', 'locking', 'ok'],
  ['ALTER TABLE t CONVERT TO CHARACTER SET latin1', 'locking', '1846'],
  // MariaDB 10.11 answers ALGORITHM/LOCK on DROP INDEX with a syntax error (1064), so they are not appended there.
  ['DROP INDEX t_name ON t', 'destructive', ''],
  ['RENAME TABLE t TO t_renamed', 'incompatible', ''],
  ['DROP TABLE t', 'destructive', ''],
  ['TRUNCATE TABLE t', 'destructive', ''],
  ['DELETE FROM t', 'destructive', ''],
  ['UPDATE t SET qty = 1', 'destructive', ''],
  ['DELETE FROM t WHERE id = 1', 'data', ''],
  ['UPDATE t SET note = name WHERE note IS NULL', 'data', ''],
  ["INSERT INTO t (name) VALUES ('z')", 'data', ''],
];

let c: Connection;
beforeAll(async () => {
  await dropDatabases(DB);
  const root = await admin();
  await root.query(`CREATE DATABASE \`${DB}\``);
  await root.end();
  c = await admin(DB);
});
afterAll(async () => {
  await c?.end();
  await dropDatabases(DB);
  cleanTemps();
});

const fresh = () => c.query(`DROP VIEW IF EXISTS v; DROP TABLE IF EXISTS t, t2, t_renamed, p; ${TABLES}`);

describe(`${TABLE.length} statements: class, and MariaDB's answer to ALGORITHM=INPLACE, LOCK=NONE`, () => {
  it('has at least 30 statements covering every class', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(30);
    expect(new Set(TABLE.map(([, k]) => k))).toEqual(new Set(['additive', 'data', 'locking', 'incompatible', 'destructive']));
  });

  it('each statement gets its class and the server answers as recorded', async () => {
    const [[version]] = (await c.query('SELECT VERSION() AS v')) as unknown as [[{ v: string }]];
    expect(version!.v).toMatch(/^10\.11\..*MariaDB/);
    const seen: [string, StatementClass, string][] = [];
    for (const [sql] of TABLE) {
      await fresh();
      const k = classify(sql, await currentColumns(c, DB));
      let answer = '';
      if (k.onlineDdl) {
        try {
          await c.query(withOnlineDdl(sql, 'inplace'));
          answer = 'ok';
        } catch (e) {
          answer = String((e as { errno?: number }).errno);
        }
      }
      seen.push([sql, k.class, answer]);
    }
    expect(seen).toEqual(TABLE);
  });
});

describe('online-ddl: inplace through the action', () => {
  it('a copying ALTER is refused by the server; nothing of it ran, the failure says why', async () => {
    await fresh();
    const m = tempDir({
      'V1__add_flag.sql': 'ALTER TABLE t ADD COLUMN flag INT NULL;',
      'V2__widen_note.sql': 'ALTER TABLE t MODIFY COLUMN note VARCHAR(200) NULL;',
    });
    const r = await runInitDb({ 'database-url': url(DB), 'migrations-dir': m.dir, 'online-ddl': 'inplace' });
    expect(r.code).toBe(1);
    const e = errors(r);
    expect(e).toMatch(
      /^V2 \(V2__widen_note.sql\) failed at statement 1 of 1 .*ALGORITHM=INPLACE is not supported. Reason: Cannot change column type. Try ALGORITHM=COPY \(ER_ALTER_OPERATION_NOT_SUPPORTED_REASON 1846\)/,
    );
    expect(e).toContain('Sent with ALGORITHM=INPLACE, LOCK=NONE (online-ddl): the server refuses to run this statement without locking or copying the table');
    expect(r.outputs.applied).toBe('["V1__add_flag.sql"]');
    // V2 failed at its first statement: its own failure record, V1's success record untouched.
    expect(await rows(DB, 'SELECT script, success, failed_statement, committed_statements FROM schema_history ORDER BY installed_rank')).toEqual([
      { script: 'V1__add_flag.sql', success: 1, failed_statement: null, committed_statements: null },
      { script: 'V2__widen_note.sql', success: 0, failed_statement: 1, committed_statements: 0 },
    ]);
    expect(
      await rows(DB, "SELECT COLUMN_TYPE AS type FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 't' AND COLUMN_NAME = 'note'", [DB]),
    ).toEqual([{ type: 'varchar(50)' }]);
    // The lint named the copying statement before anything ran.
    expect(r.stdout).toContain('V2 (V2__widen_note.sql) [expand]: locking');
    expect(r.stdout).toContain('1. line 1: locking — changes the type of t.note from varchar(50) to varchar(200): the table is copied, writes wait');
  });
});
