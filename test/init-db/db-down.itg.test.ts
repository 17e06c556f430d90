// "The database is still starting" (normal in QA): the action is started
// while no server listens, and a second MariaDB of our own (own datadir,
// port and socket; the shared one is never touched) starts a few seconds
// later. The action keeps retrying until connect-timeout and then migrates.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import mysql from 'mysql2/promise';
import { cleanTemps, errors, freePort, runInitDb, tempDir, ThrowawayMariaDb } from './support';

jest.setTimeout(90_000);

const USER = 'initdb_late';
const PASSWORD = 'late-server-pw-7f3a';
const own = new ThrowawayMariaDb(USER, PASSWORD);
let port = 0;

beforeAll(async () => {
  await own.install();
  port = own.port;
});

afterAll(async () => {
  await own.remove();
  cleanTemps();
});

describe('database down at start', () => {
  it('retries until the server is up a few seconds later, then migrates', async () => {
    const m = tempDir({ 'V1__a.sql': 'CREATE TABLE a (id INT PRIMARY KEY);\nINSERT INTO a VALUES (1);' });
    const started = Date.now();
    const run = runInitDb({
      host: '127.0.0.1',
      port,
      user: USER,
      password: PASSWORD,
      database: 'initdb_test_late',
      'create-database': true,
      'migrations-dir': m.dir,
      'connect-timeout': '45s',
    });
    await new Promise((r) => setTimeout(r, 3000));
    await own.start(false);
    const r = await run;
    expect(errors(r)).toBe('');
    expect(r.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThan(3000);
    expect(r.stdout).toMatch(
      new RegExp(`connect to mysql://${USER}@127\\.0\\.0\\.1:${port}: attempt 1 failed \\(connect ECONNREFUSED 127\\.0\\.0\\.1:${port}\\); retrying in \\d+ms`),
    );
    expect(r.outputs).toMatchObject({ 'applied-count': '1', 'current-version': '1' });
    expect(r.stdout.replace(/^::add-mask::.*$/gm, '')).not.toContain(PASSWORD);
    expect(r.masks).toContain(PASSWORD);
    const c = await mysql.createConnection({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: 'initdb_test_late' });
    const [rows] = await c.query('SELECT id FROM a');
    await c.end();
    expect(rows).toEqual([{ id: 1 }]);
  });

  it('gives up at connect-timeout with a clear error when nothing ever listens', async () => {
    const m = tempDir({ 'V1__a.sql': 'SELECT 1;' });
    const closed = await freePort();
    const r = await runInitDb({
      host: '127.0.0.1',
      port: closed,
      user: USER,
      password: PASSWORD,
      database: 'x',
      'migrations-dir': m.dir,
      'connect-timeout': '2s',
    });
    expect(r.code).toBe(1);
    expect(errors(r)).toMatch(
      new RegExp(`^Cannot reach mysql://${USER}@127\\.0\\.0\\.1:${closed}: gave up after \\d+ attempts? in [\\d.]+m?s: connect ECONNREFUSED`),
    );
    expect(errors(r)).toContain('Hint: the server did not accept connections within connect-timeout');
  });
});
