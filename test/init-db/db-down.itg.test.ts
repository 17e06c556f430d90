// "The database is still starting" (normal in QA): the action is started
// while no server listens, and a second MariaDB of our own (own datadir,
// port and socket; the shared one is never touched) starts a few seconds
// later. The action keeps retrying until connect-timeout and then migrates.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import mysql from 'mysql2/promise';
import { cleanTemps, errors, runInitDb, tempDir } from './support';

jest.setTimeout(90_000);

const USER = 'initdb_late';
const PASSWORD = 'late-server-pw-7f3a';
let dir = '';
let port = 0;
let server: ChildProcess | undefined;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'initdb_test_mariadb-'));
  chownSync(dir, Number(spawnSync('id', ['-u', 'mysql']).stdout.toString().trim()), Number(spawnSync('id', ['-g', 'mysql']).stdout.toString().trim()));
  const install = spawnSync(
    'mariadb-install-db',
    ['--no-defaults', '--user=mysql', `--datadir=${join(dir, 'data')}`, '--auth-root-authentication-method=normal', '--skip-test-db'],
    { encoding: 'utf8' },
  );
  if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr}`);
  // Runs at each start, before connections are accepted: the user the action logs in as.
  writeFileSync(
    join(dir, 'init.sql'),
    `CREATE USER IF NOT EXISTS '${USER}'@'%' IDENTIFIED BY '${PASSWORD}';\nCREATE USER IF NOT EXISTS '${USER}'@'localhost' IDENTIFIED BY '${PASSWORD}';\nGRANT ALL ON *.* TO '${USER}'@'%';\nGRANT ALL ON *.* TO '${USER}'@'localhost';\n`,
  );
  chownSync(join(dir, 'init.sql'), Number(spawnSync('id', ['-u', 'mysql']).stdout.toString().trim()), 0);
  port = await freePort();
});

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
    clearTimeout(timer);
    if (server.exitCode === null) server.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
  cleanTemps();
});

function startServer(): ChildProcess {
  const child = spawn(
    '/usr/sbin/mariadbd',
    [
      '--no-defaults',
      '--user=mysql',
      `--datadir=${join(dir, 'data')}`,
      `--port=${port}`,
      '--bind-address=127.0.0.1',
      `--socket=${join(dir, 'mariadb.sock')}`,
      `--pid-file=${join(dir, 'mariadb.pid')}`,
      `--log-error=${join(dir, 'error.log')}`,
      `--init-file=${join(dir, 'init.sql')}`,
      '--skip-log-bin',
      '--innodb-buffer-pool-size=32M',
    ],
    { stdio: 'ignore' },
  );
  child.unref();
  return child;
}

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
    server = startServer();
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
