// Honesty checks against real servers: connect-timeout is waited out to
// its full length (the last wait is cut to the deadline and one more attempt
// is made there), a MariaDB error numbered in MariaDB's own range is not
// shown under the MySQL name the driver has for that number, and a failure of
// the bookkeeping that shares a statement's round trip is told apart from a
// failure of the statement.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { cleanTemps, dbName, dropDatabases, errors, freePort, rows, runInitDb, tempDir, url } from './support';

jest.setTimeout(60_000);

const DB = dbName('errors');
beforeAll(() => dropDatabases(DB));
afterAll(async () => {
  await dropDatabases(DB);
  cleanTemps();
});

describe('connect-timeout', () => {
  it('3s is waited out to the end, not given up early', async () => {
    const m = tempDir({ 'V1__a.sql': 'SELECT 1;' });
    const port = await freePort();
    const r = await runInitDb({ host: '127.0.0.1', port, user: 'u', password: 'p', database: 'x', 'migrations-dir': m.dir, 'connect-timeout': '3s' });
    expect(r.code).toBe(1);
    const spent = /gave up after (\d+) attempts in ([\d.]+)s: connect ECONNREFUSED/.exec(errors(r));
    expect(spent).not.toBeNull();
    expect(Number(spent![1])).toBeGreaterThan(2);
    expect(Number(spent![2])).toBeGreaterThanOrEqual(3.0);
    expect(Number(spent![2])).toBeLessThan(3.5);
  });
});

describe('server error names', () => {
  it('MariaDB 4161 is ER_UNKNOWN_DATA_TYPE, not the MySQL name the driver has for 4161', async () => {
    const m = tempDir({ 'V1__odd_type.sql': 'CREATE TABLE odd (id INT PRIMARY KEY, v NOSUCHTYPE);' });
    const r = await runInitDb({ 'database-url': url(DB), 'migrations-dir': m.dir, 'create-database': true });
    expect(r.code).toBe(1);
    expect(errors(r)).toContain("Unknown data type: 'NOSUCHTYPE' (ER_UNKNOWN_DATA_TYPE 4161)");
    expect(errors(r)).not.toContain('ER_INSTALL_COMPONENT_SET_UNUSED_VALUE');
    expect(await rows(DB, 'SELECT error FROM schema_history')).toEqual([{ error: "Unknown data type: 'NOSUCHTYPE' (ER_UNKNOWN_DATA_TYPE 4161)" }]);
  });
});

describe('the history write that shares a statement’s round trip fails', () => {
  const DROP = 'DROP TABLE schema_history, schema_history_lock';
  it('after the last statement: the file ran, the history does not show it, and the error says so', async () => {
    const db = `${DB}_a`;
    await dropDatabases(db);
    const m = tempDir({ 'V1__drops_history.sql': `${DROP};` });
    const r = await runInitDb({ 'database-url': url(db), 'migrations-dir': m.dir, 'create-database': true });
    expect(r.code).toBe(1);
    expect(errors(r)).toMatch(
      /^V1 \(V1__drops_history.sql\) ran, but recording it in schema_history failed: Table .*schema_history' doesn't exist \(ER_NO_SUCH_TABLE 1146\)\. Statement 1 stays committed/,
    );
    await dropDatabases(db);
  });
  it('between two statements: statement 1 counts as committed, statement 2 did not run', async () => {
    const db = `${DB}_b`;
    await dropDatabases(db);
    const m = tempDir({ 'V1__drops_history.sql': `${DROP};\nCREATE TABLE after_drop (id INT);` });
    const r = await runInitDb({ 'database-url': url(db), 'migrations-dir': m.dir, 'create-database': true });
    expect(r.code).toBe(1);
    const e = errors(r);
    expect(e).toMatch(
      /^V1 \(V1__drops_history.sql\) failed at statement 2 of 2 \(.*line 2\): statement 1 committed, but recording its progress failed: Table .* doesn't exist/,
    );
    expect(e).toContain('Statement 1 of this file ran and is committed');
    expect(e).toContain('not recorded (');
    expect(await rows(db, "SHOW TABLES LIKE 'after_drop'")).toEqual([]);
    await dropDatabases(db);
  });
});

describe('files that share a round trip', () => {
  it('a failure in the third of four: the two before stay applied and recorded, the third is placed exactly, the fourth never runs', async () => {
    const db = `${DB}_c`;
    await dropDatabases(db);
    const m = tempDir({
      'V1__one.sql': 'CREATE TABLE one (id INT);',
      'V2__two.sql': 'CREATE TABLE two (id INT);\nINSERT INTO two VALUES (2);',
      'V3__three.sql': 'CREATE TABLE three (id INT);\nINSERT INTO no_such_table VALUES (3);',
      'V4__four.sql': 'CREATE TABLE four (id INT);',
    });
    const r = await runInitDb({ 'database-url': url(db), 'migrations-dir': m.dir, 'create-database': true }, { env: { RUNNER_DEBUG: '1' } });
    expect(r.code).toBe(1);
    // All four went to the server in one round trip.
    expect(r.stdout).toMatch(/::debug::one round trip of \d+ statements \(bookkeeping included\): 4 files, V1 \(V1__one.sql\) to V4 \(V4__four.sql\)/);
    expect(r.stdout).toMatch(/✓ V1 \(V1__one.sql\): 1 statement\(s\) in \d+ ms/);
    expect(r.stdout).toMatch(/✓ V2 \(V2__two.sql\): 2 statement\(s\) in \d+ ms/);
    const e = errors(r);
    expect(e).toMatch(/^V3 \(V3__three.sql\) failed at statement 2 of 2 \(.*line 2\): Table .*no_such_table' doesn't exist \(ER_NO_SUCH_TABLE 1146\)/);
    expect(e).toContain('Statement 1 of this file ran and is committed');
    expect(r.outputs.applied).toBe('["V1__one.sql","V2__two.sql"]');
    expect(await rows(db, 'SELECT script, success, failed_statement, committed_statements FROM schema_history ORDER BY installed_rank')).toEqual([
      { script: 'V1__one.sql', success: 1, failed_statement: null, committed_statements: null },
      { script: 'V2__two.sql', success: 1, failed_statement: null, committed_statements: null },
      { script: 'V3__three.sql', success: 0, failed_statement: 2, committed_statements: 1 },
    ]);
    expect(await rows(db, 'SELECT id FROM two')).toEqual([{ id: 2 }]);
    expect(await rows(db, "SHOW TABLES LIKE 'four'")).toEqual([]);
    await dropDatabases(db);
  });

  it("records each file's own execution time, measured by the server", async () => {
    const db = `${DB}_d`;
    await dropDatabases(db);
    const m = tempDir({
      'V1__slow.sql': 'CREATE TABLE slow (id INT);\nDO SLEEP(0.6);\nINSERT INTO slow VALUES (1);',
      'V2__less_slow.sql': 'DO SLEEP(0.2);',
      'V3__data.sql': 'INSERT INTO slow SELECT SLEEP(0.3) + 2;',
    });
    const r = await runInitDb({ 'database-url': url(db), 'migrations-dir': m.dir, 'create-database': true });
    expect(errors(r)).toBe('');
    const ms = Object.fromEntries(
      (await rows<{ script: string; execution_ms: number }>(db, 'SELECT script, execution_ms FROM schema_history')).map((x) => [x.script, x.execution_ms]),
    );
    // Each from its own start: V2 does not count V1's 600 ms, nor V3 V2's.
    expect(ms['V1__slow.sql']).toBeGreaterThanOrEqual(600);
    expect(ms['V2__less_slow.sql']).toBeGreaterThanOrEqual(200);
    expect(ms['V2__less_slow.sql']).toBeLessThan(600);
    expect(ms['V3__data.sql']).toBeGreaterThanOrEqual(300);
    expect(ms['V3__data.sql']).toBeLessThan(800);
    await dropDatabases(db);
  });
});

describe('statements that answer with rows', () => {
  it('a CALL that returns two result sets and a SELECT: the counts stay exact, also for a failure after the CALL', async () => {
    const db = `${DB}_e`;
    await dropDatabases(db);
    const procedure = (name: string) => `DELIMITER $$\nCREATE PROCEDURE ${name}() BEGIN SELECT 1; SELECT 2; END$$\nDELIMITER ;\nCALL ${name}();`;
    const m = tempDir({
      'V1__one.sql': 'CREATE TABLE one (id INT);',
      'V2__chatty.sql': `${procedure('chatty')}\nDROP PROCEDURE chatty;`,
      'V3__select.sql': "SELECT 'hello';\nCREATE TABLE three (id INT);",
      'V4__fails_after_call.sql': `${procedure('chatty2')}\nINSERT INTO no_such_table VALUES (1);`,
      'V5__never.sql': 'CREATE TABLE five (id INT);',
    });
    const r = await runInitDb({ 'database-url': url(db), 'migrations-dir': m.dir, 'create-database': true });
    expect(r.code).toBe(1);
    expect(errors(r)).toMatch(/^V4 \(V4__fails_after_call.sql\) failed at statement 3 of 3 \(.*line 5\): Table .*no_such_table' doesn't exist/);
    expect(errors(r)).toContain('Statements 1–2 of this file ran and are committed');
    expect(r.outputs.applied).toBe('["V1__one.sql","V2__chatty.sql","V3__select.sql"]');
    expect(await rows(db, 'SELECT script, success, failed_statement, committed_statements FROM schema_history ORDER BY installed_rank')).toEqual([
      { script: 'V1__one.sql', success: 1, failed_statement: null, committed_statements: null },
      { script: 'V2__chatty.sql', success: 1, failed_statement: null, committed_statements: null },
      { script: 'V3__select.sql', success: 1, failed_statement: null, committed_statements: null },
      { script: 'V4__fails_after_call.sql', success: 0, failed_statement: 3, committed_statements: 2 },
    ]);
    expect(
      (
        await rows<{ t: string }>(
          db,
          "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME <> 'schema_history' AND TABLE_NAME <> 'schema_history_lock' ORDER BY 1",
          [db],
        )
      ).map((x) => x.t),
    ).toEqual(['one', 'three']);
    await dropDatabases(db);
  });
});
