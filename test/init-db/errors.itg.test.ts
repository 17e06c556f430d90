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
