import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { InputError } from '@switchyard/kit';
import { compareVersions, normalizeVersion, parseFileName, readMigrations, readSeeds } from '../../actions/init-db/src/files';
import type { HistoryRow, MigrationFile } from '../../actions/init-db/src/model';
import { composeTrips, isPlainDml, leftBehind, mayReturnRows, roundTrips } from '../../actions/init-db/src/apply';
import { driftMessage, failedMessage, makePlan, outOfOrderMessage } from '../../actions/init-db/src/plan';

const dirs: string[] = [];
function dir(files: Record<string, string>): string {
  const d = mkdtempSync(join(tmpdir(), 'initdb-unit-'));
  dirs.push(d);
  for (const [name, text] of Object.entries(files)) {
    if (name.endsWith('/')) mkdirSync(join(d, name));
    else writeFileSync(join(d, name), text);
  }
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('versions and file names', () => {
  it('compares versions numerically, part by part', () => {
    const sorted = ['1_10', '2', '1_2', '1', '1.9.1', '20261126093000', '10'].sort(compareVersions);
    expect(sorted).toEqual(['1', '1_2', '1.9.1', '1_10', '2', '10', '20261126093000']);
    expect(compareVersions('1_0', '1')).toBe(0);
    expect(compareVersions('01_02', '1.2')).toBe(0);
    expect(normalizeVersion('01_10_0')).toBe('1.10');
  });

  it('parses V and R names, and refuses others', () => {
    expect(parseFileName('V1_2__add_orders.sql')).toEqual({ kind: 'versioned', version: '1.2', description: 'add orders' });
    expect(parseFileName('V20261126__x.sql')).toEqual({ kind: 'versioned', version: '20261126', description: 'x' });
    expect(parseFileName('R__views.sql')).toEqual({ kind: 'repeatable', description: 'views' });
    for (const bad of ['v1__x.sql', 'V1_x.sql', 'V1__x.SQL', 'V__x.sql', 'V1.a__x.sql', 'R_x.sql', 'V1__x.sql.bak', 'init.sql'])
      expect(parseFileName(bad)).toBeUndefined();
  });
});

describe('reading migrations-dir', () => {
  it('orders versioned files numerically, then repeatables; ignores dotfiles and Markdown', () => {
    const d = dir({
      'V1_10__c.sql': 'SELECT 3;',
      'V1_2__b.sql': 'SELECT 2;',
      'V1__a.sql': 'SELECT 1;',
      'R__views.sql': 'SELECT 4;',
      '.gitkeep': '',
      'README.md': '# notes',
    });
    const files = readMigrations(d);
    expect(files.map((f) => f.script)).toEqual(['V1__a.sql', 'V1_2__b.sql', 'V1_10__c.sql', 'R__views.sql']);
    expect(files[2]).toMatchObject({ kind: 'versioned', version: '1.10', description: 'c', statements: [{ index: 1, line: 1, sql: 'SELECT 3' }] });
  });

  it('names the input and every malformed file', () => {
    const d = dir({ 'V1__ok.sql': '', 'v2__lower.sql': '', 'V3_single.sql': '' });
    expect(() => readMigrations(d)).toThrow(InputError);
    expect(() => readMigrations(d)).toThrow(
      /^Input 'migrations-dir': malformed migration file names in .*: "V3_single.sql", "v2__lower.sql"; expected V<version>__<description>.sql/,
    );
  });

  it('refuses two files with one version, naming both', () => {
    const d = dir({ 'V1__a.sql': '', 'V1_0__b.sql': '', 'V2__c.sql': '' });
    expect(() => readMigrations(d)).toThrow(
      `Input 'migrations-dir': two files have version 1: "V1_0__b.sql" and "V1__a.sql"; give each migration its own version`,
    );
  });

  it('refuses a missing directory, a file, sub-directories and unreadable SQL', () => {
    expect(() => readMigrations('/nonexistent/initdb')).toThrow(`Input 'migrations-dir': "/nonexistent/initdb" does not exist or cannot be read`);
    const d = dir({ 'V1__a.sql': '' });
    expect(() => readMigrations(join(d, 'V1__a.sql'))).toThrow('is not a directory');
    expect(() => readMigrations(dir({ 'old/': '' }))).toThrow('contains sub-directories ("old")');
    expect(() => readMigrations(dir({ 'V1__a.sql': "SELECT 'x;" }))).toThrow(`Input 'migrations-dir': V1__a.sql: line 1: unterminated string starting here`);
  });

  it('reads seeds: *.sql in name order, anything else refused', () => {
    expect(readSeeds(dir({ '02_carts.sql': 'SELECT 2', '01_products.sql': 'SELECT 1' })).map((f) => [f.kind, f.script])).toEqual([
      ['seed', '01_products.sql'],
      ['seed', '02_carts.sql'],
    ]);
    expect(() => readSeeds(dir({ 'data.csv': '' }))).toThrow(`Input 'seed-dir': `);
  });
});

const file = (script: string, checksum = 'c', kind: MigrationFile['kind'] = 'versioned'): MigrationFile => {
  const p = parseFileName(script);
  return {
    kind,
    script,
    path: `/m/${script}`,
    ...(p?.kind === 'versioned' ? { version: p.version } : {}),
    description: 'd',
    checksum,
    statements: [],
    phase: 'expand',
  };
};
let rank = 0;
const row = (script: string, over: Partial<HistoryRow> = {}): HistoryRow => {
  const p = parseFileName(script);
  return {
    rank: ++rank,
    version: p?.kind === 'versioned' ? p.version : null,
    description: 'd',
    type: p?.kind ?? 'seed',
    script,
    checksum: 'c',
    appliedAt: '2026-11-26 06:00:00',
    appliedBy: 'octocat',
    runId: '7/1',
    executionMs: 3,
    success: true,
    failedStatement: null,
    committedStatements: null,
    error: null,
    phase: 'expand',
    ...over,
  };
};

describe('plan', () => {
  it('on a fresh database: everything pending, versioned first', () => {
    const p = makePlan([file('V1__a.sql'), file('V2__b.sql'), file('R__v.sql', 'c', 'repeatable'), file('s.sql', 'c', 'seed')], []);
    expect(p.pending.map((f) => f.script)).toEqual(['V1__a.sql', 'V2__b.sql', 'R__v.sql', 's.sql']);
    expect(p.currentVersion).toBe('');
  });

  it('re-run: nothing pending; a new file: only it', () => {
    const files = [file('V1__a.sql'), file('V1_10__b.sql'), file('R__v.sql', 'r1', 'repeatable')];
    const history = [row('V1__a.sql'), row('V1_10__b.sql'), row('R__v.sql', { checksum: 'r1' })];
    expect(makePlan(files, history).pending).toEqual([]);
    expect(makePlan(files, history).currentVersion).toBe('1.10');
    expect(makePlan([...files, file('V2__c.sql')], history).pending.map((f) => f.script)).toEqual(['V2__c.sql']);
  });

  it('re-applies a repeatable or seed whose checksum changed (latest successful record counts)', () => {
    const history = [row('R__v.sql', { checksum: 'old' }), row('R__v.sql', { checksum: 'new' }), row('s.sql', { type: 'seed', checksum: 's1' })];
    expect(makePlan([file('R__v.sql', 'new', 'repeatable'), file('s.sql', 's1', 'seed')], history).pending).toEqual([]);
    expect(makePlan([file('R__v.sql', 'old', 'repeatable'), file('s.sql', 's2', 'seed')], history).pending.map((f) => f.script)).toEqual(['R__v.sql', 's.sql']);
  });

  it('finds drift in applied versioned files', () => {
    const p = makePlan([file('V1__a.sql', 'changed'), file('V2__b.sql')], [row('V1__a.sql')]);
    expect(p.drift.map((d) => d.file.script)).toEqual(['V1__a.sql']);
    expect(driftMessage(p.drift)).toContain('- V1__a.sql: applied at 2026-11-26 06:00:00 UTC by octocat (run 7/1)');
  });

  it('reports failed records with statement, error and what to do', () => {
    const p = makePlan(
      [file('V1__a.sql'), file('V2__b.sql')],
      [row('V1__a.sql'), row('V2__b.sql', { success: false, failedStatement: 3, error: 'boom (ER_X 1)' })],
    );
    expect(p.failed).toHaveLength(1);
    const m = failedMessage(p.failed, 'schema_history');
    expect(m).toContain('V2 (V2__b.sql) failed at statement 3 in run 7/1 by octocat');
    expect(m).toContain('statements 1–2 are committed.');
    const tail = failedMessage([row('V3__c.sql', { success: false, failedStatement: 4, committedStatements: 1, error: 'dup' })], 'h');
    expect(tail).toContain(
      'failed at statement 4 in run 7/1 by octocat at 2026-11-26 06:00:00 UTC: dup; statement 1 is committed (statements 2–3 were rolled back with the failing one).',
    );
    expect(m).toContain('repair: true');
    expect(m).toContain('deletes only the failed record(s) (success = 0) from schema_history');
    // a failed record never counts as applied
    expect(p.pending.map((f) => f.script)).toEqual(['V2__b.sql']);
  });

  it('refuses files older than the current version that never ran', () => {
    const p = makePlan([file('V1__a.sql'), file('V1_5__late.sql'), file('V2__b.sql')], [row('V1__a.sql'), row('V2__b.sql')]);
    expect(p.outOfOrder.map((f) => f.script)).toEqual(['V1_5__late.sql']);
    expect(outOfOrderMessage(p.outOfOrder, p.currentVersion)).toContain('above 2');
  });

  it('stops at target-version and notes applied versions without a file', () => {
    const p = makePlan([file('V1__a.sql'), file('V2__b.sql'), file('V3__c.sql')], [], { targetVersion: '2' });
    expect(p.pending.map((f) => f.script)).toEqual(['V1__a.sql', 'V2__b.sql']);
    expect(p.beyondTarget.map((f) => f.script)).toEqual(['V3__c.sql']);
    expect(makePlan([file('V1__a.sql')], [row('V1__a.sql'), row('V2__b.sql')]).missing.map((r) => r.script)).toEqual(['V2__b.sql']);
  });
});

describe('what a failure leaves behind', () => {
  it('knows plain DML (never an implicit commit) from everything else', () => {
    for (const sql of ['INSERT INTO t VALUES (1)', 'update t set a = 1', 'DELETE FROM t', 'REPLACE INTO t VALUES (1)']) expect(isPlainDml(sql)).toBe(true);
    for (const sql of [
      'CREATE TABLE t (id INT)',
      'ALTER TABLE t ADD c INT',
      'CALL p()',
      'START TRANSACTION',
      'COMMIT',
      'WITH x AS (SELECT 1) DELETE FROM t',
      '/*!40000 INSERT INTO t VALUES (1) */',
      'INSERTED_AT_IS_A_NAME',
    ])
      expect(isPlainDml(sql)).toBe(false);
  });
  it('says which statements stay committed and which were rolled back', () => {
    expect(leftBehind(1, 0)).toBe('No statement of this file is committed.');
    expect(leftBehind(2, 1)).toBe('Statement 1 of this file ran and is committed (each on its own: MySQL commits DDL at once).');
    expect(leftBehind(4, 3)).toBe('Statements 1–3 of this file ran and are committed (each on its own: MySQL commits DDL at once).');
    expect(leftBehind(4, 1)).toBe(
      'Statement 1 of this file ran and is committed (each on its own: MySQL commits DDL at once). Statements 2–3 ran in one transaction with the failing one and were rolled back (on transactional tables such as InnoDB).',
    );
    expect(leftBehind(3, 0)).toBe(
      'No statement of this file is committed. Statements 1–2 ran in one transaction with the failing one and were rolled back (on transactional tables such as InnoDB).',
    );
  });
  it('sends each statement that commits on its own in a round trip of its own, the last one with the trailing transaction', () => {
    const st = (...sqls: string[]) => sqls.map((sql, i) => ({ index: i + 1, line: i + 1, sql }));
    const ids = (trips: { index: number }[][]) => trips.map((t) => t.map((s) => s.index));
    // CREATE, CREATE, INSERT, INSERT: tail (last statement that commits on its own) is 2.
    const file = st('CREATE TABLE a (id INT)', 'CREATE TABLE b (id INT)', 'INSERT INTO b VALUES (1)', 'INSERT INTO b VALUES (2)');
    expect(ids(roundTrips(file, 2, 0))).toEqual([[1], [2, 3, 4]]);
    // Resumed after statement 2 (the transaction had failed): the transaction alone.
    expect(ids(roundTrips(file, 2, 2))).toEqual([[3, 4]]);
    // Only DDL: one round trip each; only data: one round trip.
    expect(ids(roundTrips(st('CREATE TABLE a (id INT)', 'DO SLEEP(0)', 'CREATE TABLE c (id INT)'), 3, 0))).toEqual([[1], [2], [3]]);
    expect(ids(roundTrips(st('INSERT INTO t VALUES (1)', 'UPDATE t SET x = 1 WHERE id = 1'), 0, 0))).toEqual([[1, 2]]);
    // A long transaction is cut into round trips of at most maxBytes of SQL (24 characters each here).
    expect(ids(roundTrips(file, 2, 0, 50))).toEqual([[1], [2, 3], [4]]);
  });
  it('lets consecutive files share a round trip: a file joins the one before it ends, up to a number of files and of bytes', () => {
    // Sizes (bytes of SQL) of each file's round trips: three one-trip files, one of three trips, two more one-trip files.
    const sizes = [[10], [10], [10], [10, 10, 10], [10], [10]];
    // The second file of three trips starts with its first (it joins), its later trips stay apart, the next files join its last.
    expect(composeTrips(sizes)).toEqual([
      [
        [0, 0],
        [1, 0],
        [2, 0],
        [3, 0],
      ],
      [[3, 1]],
      [
        [3, 2],
        [4, 0],
        [5, 0],
      ],
    ]);
    // At most 2 files a round trip.
    expect(composeTrips([[10], [10], [10]], 2)).toEqual([
      [
        [0, 0],
        [1, 0],
      ],
      [[2, 0]],
    ]);
    // At most 25 bytes a round trip; a trip larger than that is sent on its own.
    expect(composeTrips([[10], [10], [10], [40], [10]], 20, 25)).toEqual([
      [
        [0, 0],
        [1, 0],
      ],
      [[2, 0]],
      [[3, 0]],
      [[4, 0]],
    ]);
    expect(composeTrips([])).toEqual([]);
    expect(['CALL add_column()', 'SELECT 1', 'show tables', '(SELECT 1)', 'WITH x AS (SELECT 1) SELECT * FROM x'].every(mayReturnRows)).toBe(true);
    expect(['CREATE TABLE t (id INT)', 'INSERT INTO t SELECT 1', 'UPDATE t SET n = 1 WHERE id = 1', 'DO SLEEP(1)'].some(mayReturnRows)).toBe(false);
  });
});
