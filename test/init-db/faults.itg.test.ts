// Faults in the middle of a multi-statement migration, on real servers:
// - the action cancelled as the runner cancels it (SIGTERM) while a statement runs;
// - a MariaDB of our own (own datadir, port and socket; the shared one on :3306
//   is never touched) killed with SIGKILL between two statements of a file.
// Each time: the history says exactly which statements committed, the lock is
// free, the next run refuses saying what to check and how to resume, and
// repair + re-run finishes without running any statement twice (a second
// CREATE TABLE of the same table would fail).
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import mysql from 'mysql2/promise';
import { admin, cleanTemps, dbName, dropDatabases, errors, rows, runInitDb, tempDir, ThrowawayMariaDb, url } from './support';

jest.setTimeout(90_000);

type H = { script: string; success: number; failed_statement: number | null; committed_statements: number | null; error: string | null };
const HISTORY = 'SELECT script, success, failed_statement, committed_statements, error FROM schema_history ORDER BY installed_rank';

describe('the action cancelled (SIGTERM) in the middle of a statement', () => {
  const DB = dbName('cancel');
  beforeAll(() => dropDatabases(DB));
  afterAll(async () => {
    await dropDatabases(DB);
    cleanTemps();
  });

  // The server answers KILL QUERY of a running SLEEP by ending it early without an error, so statement 2
  // counts as done (it has no effect either way), and the cancel stops the file before statement 3.
  it('stops within the sleeping statement, records 1–2 committed and 3 not run, frees the lock; the next run refuses; repair resumes at 3', async () => {
    const m = tempDir({
      'V1__first.sql': 'CREATE TABLE c1 (id INT);',
      'V2__slow.sql': 'CREATE TABLE c2a (id INT);\nDO SLEEP(5);\nCREATE TABLE c2b (id INT);',
      'V3__after.sql': 'CREATE TABLE c3 (id INT);',
    });
    const base = { 'database-url': url(DB), 'migrations-dir': m.dir, 'create-database': true };
    // Step-debug lines (RUNNER_DEBUG=1) say when each statement starts.
    const r = await runInitDb(base, {
      env: { RUNNER_DEBUG: '1' },
      signalWhen: { output: /V2 \(V2__slow.sql\) statement 2 \(line 2\) starts/, signal: 'SIGTERM' },
    });
    expect(r.code).toBe(1);
    expect(r.durationMs).toBeLessThan(4500); // the 5 s statement was interrupted, not waited for
    expect(r.stdout).toContain('::debug::V2 (V2__slow.sql) statement 1 (line 1) starts');
    const e = errors(r);
    expect(e).toMatch(/^V2 \(V2__slow.sql\) failed at statement 3 of 3 \(.*line 3\): cancelled \(SIGTERM\): cancelled before statement 3 ran/);
    expect(e).toContain('Statements 1–2 of this file ran and are committed');
    expect(r.outputs.applied).toBe('["V1__first.sql"]');
    expect(await rows<H>(DB, HISTORY)).toEqual([
      { script: 'V1__first.sql', success: 1, failed_statement: null, committed_statements: null, error: null },
      {
        script: 'V2__slow.sql',
        success: 0,
        failed_statement: 3,
        committed_statements: 2,
        error: 'cancelled (SIGTERM): cancelled before statement 3 ran',
      },
    ]);
    expect(await rows(DB, "SHOW TABLES LIKE 'c2b'")).toEqual([]);
    expect(await rows(DB, 'SELECT * FROM schema_history_lock')).toEqual([]);
    expect(await rows(DB, `SELECT IS_USED_LOCK('switchyard-init-db:${DB}.schema_history') AS h`)).toEqual([{ h: null }]);

    const refused = await runInitDb(base);
    expect(refused.code).toBe(1);
    expect(errors(refused)).toContain('V2 (V2__slow.sql) failed at statement 3 in run 1000/1 by octocat');
    expect(errors(refused)).toContain('statements 1–2 are committed.');
    expect(errors(refused)).toContain('To resume, leave the file unchanged and run once with repair: true');
    expect(await rows(DB, "SHOW TABLES LIKE 'c3'")).toEqual([]);

    const repaired = await runInitDb({ ...base, repair: true });
    expect(errors(repaired)).toBe('');
    expect(repaired.durationMs).toBeLessThan(4500); // the sleep (statement 2) does not run again
    expect(repaired.stdout).toContain('repair: V2 (V2__slow.sql) is unchanged since it stopped: resuming at statement 3 (statements 1–2 stay committed');
    expect(repaired.outputs.applied).toBe('["V2__slow.sql","V3__after.sql"]');
    expect((await rows<H>(DB, HISTORY)).map((h) => [h.script, h.success])).toEqual([
      ['V1__first.sql', 1],
      ['V2__slow.sql', 1],
      ['V3__after.sql', 1],
    ]);
    expect(
      (
        await rows<{ t: string }>(DB, "SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME LIKE 'c%' ORDER BY 1", [DB])
      ).map((x) => x.t),
    ).toEqual(['c1', 'c2a', 'c2b', 'c3']);
  });
});

describe('the action cancelled (SIGTERM) while files share a round trip', () => {
  const DB = dbName('cancel_trip');
  beforeAll(() => dropDatabases(DB));
  afterAll(async () => {
    await dropDatabases(DB);
    cleanTemps();
  });

  it('interrupts the statement in flight: the file before stays applied, the interrupted one is recorded exactly, the one after never runs', async () => {
    // V2 waits for a row lock the test holds, inside the round trip that carries V1 to V3.
    const holder = await admin();
    try {
      await holder.query(`CREATE DATABASE ${DB}`);
      await holder.query(`CREATE TABLE ${DB}.held (id INT PRIMARY KEY, n INT)`);
      await holder.query(`INSERT INTO ${DB}.held VALUES (1, 1)`);
      await holder.query('START TRANSACTION');
      await holder.query(`SELECT n FROM ${DB}.held WHERE id = 1 FOR UPDATE`);
      const m = tempDir({
        'V1__first.sql': 'CREATE TABLE t1 (id INT);',
        'V2__waits.sql': 'UPDATE held SET n = 2 WHERE id = 1;',
        'V3__after.sql': 'CREATE TABLE t3 (id INT);',
      });
      const r = await runInitDb(
        { 'database-url': url(DB), 'migrations-dir': m.dir },
        { env: { RUNNER_DEBUG: '1' }, signalWhen: { output: /V2 \(V2__waits.sql\) statement 1 \(line 1\) starts/, signal: 'SIGTERM' } },
      );
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/::debug::one round trip of \d+ statements \(bookkeeping included\): 3 files, V1 \(V1__first.sql\) to V3 \(V3__after.sql\)/);
      const e = errors(r);
      expect(e).toMatch(/^V2 \(V2__waits.sql\) failed at statement 1 of 1 \(.*line 1\): cancelled \(SIGTERM\): Query execution was interrupted/);
      expect(e).toContain('No statement of this file is committed.');
      expect(r.outputs.applied).toBe('["V1__first.sql"]');
      expect(await rows<H>(DB, HISTORY)).toEqual([
        { script: 'V1__first.sql', success: 1, failed_statement: null, committed_statements: null, error: null },
        {
          script: 'V2__waits.sql',
          success: 0,
          failed_statement: 1,
          committed_statements: 0,
          error: expect.stringMatching(/^cancelled \(SIGTERM\): Query execution was interrupted/),
        },
      ]);
      expect(await rows(DB, "SHOW TABLES LIKE 't3'")).toEqual([]);
      expect(await rows(DB, `SELECT IS_USED_LOCK('switchyard-init-db:${DB}.schema_history') AS h`)).toEqual([{ h: null }]);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
    }
    expect(await rows(DB, 'SELECT n FROM held')).toEqual([{ n: 1 }]);
  });
});

describe('the progress record of a DDL, seen from outside while its file runs', () => {
  const DB = dbName('progress');
  beforeAll(() => dropDatabases(DB));
  afterAll(async () => {
    await dropDatabases(DB);
    cleanTemps();
  });

  it('a backfill after the DDL: the history says the DDL committed while the backfill runs; literal inserts share the final commit', async () => {
    const m = tempDir({
      'V1__backfill.sql': 'CREATE TABLE bf (id INT PRIMARY KEY, n INT);\nINSERT INTO bf VALUES (1, 0);\nUPDATE bf SET n = SLEEP(1.5) + 1 WHERE id = 1;',
      'V2__seed.sql': 'CREATE TABLE seed (id INT);\nINSERT INTO seed VALUES (1), (2);',
    });
    const run = runInitDb({ 'database-url': url(DB), 'migrations-dir': m.dir, 'create-database': true }, { env: { RUNNER_DEBUG: '1' } });
    const probe = await admin();
    let seen: unknown[] = [];
    try {
      for (let i = 0; i < 100 && seen.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 30));
        const [running] = (await probe.query("SELECT id FROM information_schema.PROCESSLIST WHERE INFO LIKE 'UPDATE bf SET n = SLEEP%'")) as unknown as [
          unknown[],
        ];
        if (running.length)
          [seen] = (await probe.query(`SELECT committed_statements, failed_statement, success FROM ${DB}.schema_history`)) as unknown as [unknown[]];
      }
    } finally {
      await probe.end();
    }
    expect(seen).toEqual([{ committed_statements: 1, failed_statement: 2, success: 0 }]);
    const r = await run;
    expect(errors(r)).toBe('');
    // One round trip: V1 with its progress record (8 statements: clock, CREATE, record, START, INSERT,
    // UPDATE, outcome, COMMIT), V2 without one (6: its INSERT of literals shares the final commit).
    expect(r.stdout).toContain('::debug::one round trip of 14 statements (bookkeeping included): 2 files, V1 (V1__backfill.sql) to V2 (V2__seed.sql)');
    expect(await rows(DB, 'SELECT script, success, committed_statements FROM schema_history ORDER BY installed_rank')).toEqual([
      { script: 'V1__backfill.sql', success: 1, committed_statements: null },
      { script: 'V2__seed.sql', success: 1, committed_statements: null },
    ]);
    expect(await rows(DB, 'SELECT n FROM bf')).toEqual([{ n: 1 }]);
  });
});

describe('the database server killed (SIGKILL) between two statements of a migration', () => {
  const USER = 'initdb_fault';
  const PASSWORD = 'fault-server-pw-2c9d';
  const DB = 'initdb_test_killed';
  const own = new ThrowawayMariaDb(USER, PASSWORD);
  let port = 0;
  const start = () => own.start();
  const stop = (signal: NodeJS.Signals) => own.stop(signal);
  const query = async <T>(sql: string, values: unknown[] = []): Promise<T[]> => {
    const c = await mysql.createConnection({ host: '127.0.0.1', port, user: USER, password: PASSWORD, database: DB });
    try {
      return (await c.query(sql, values))[0] as T[];
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    await own.install();
    port = own.port;
    await start();
  });
  afterAll(async () => {
    await own.remove();
    cleanTemps();
  });

  it('history says statements 1–2 committed; after the restart the lock is free, the next run refuses, repair resumes at 3', async () => {
    const m = tempDir({
      'V1__three_tables.sql': 'CREATE TABLE k1 (id INT);\nCREATE TABLE k2 (id INT);\nDO SLEEP(10);\nCREATE TABLE k3 (id INT);',
    });
    const base = {
      'database-url': own.url(DB),
      'migrations-dir': m.dir,
      'create-database': true,
      'connect-timeout': '30s',
    };
    let killed: Promise<void> | undefined;
    const r = await runInitDb(base, {
      env: { RUNNER_DEBUG: '1' },
      onOutput: (chunk) => {
        if (!killed && /V1 \(V1__three_tables.sql\) statement 3 \(line 3\) starts/.test(chunk)) killed = stop('SIGKILL');
      },
    });
    await killed;
    expect(killed).toBeDefined();
    expect(r.code).toBe(1);
    const e = errors(r);
    expect(e).toMatch(/^V1 \(V1__three_tables.sql\) failed at statement 3 of 4 /);
    expect(e).toContain('its progress record in schema_history says statements 1–2 committed and statement 3 was running');

    await start(); // crash recovery on the same datadir
    expect(await query<H>(HISTORY)).toEqual([
      {
        script: 'V1__three_tables.sql',
        success: 0,
        failed_statement: 3,
        committed_statements: 2,
        error: expect.stringMatching(/^interrupted: the run stopped before this file finished/),
      },
    ]);
    expect(await query(`SELECT IS_USED_LOCK('switchyard-init-db:${DB}.schema_history') AS h`)).toEqual([{ h: null }]);
    expect(await query('SELECT * FROM schema_history_lock')).toEqual([]);

    const refused = await runInitDb(base);
    expect(refused.code).toBe(1);
    expect(errors(refused)).toContain('V1 (V1__three_tables.sql) failed at statement 3 in run 1000/1');
    expect(errors(refused)).toContain('statements 1–2 are committed.');
    expect(errors(refused)).toContain('A run that was cut off (interrupted or cancelled) left its file unfinished');

    const repaired = await runInitDb({ ...base, repair: true });
    expect(errors(repaired)).toBe('');
    expect(repaired.stdout).toContain('repair: V1 (V1__three_tables.sql) is unchanged since it stopped: resuming at statement 3');
    expect(await query<{ script: string; success: number }>('SELECT script, success FROM schema_history')).toEqual([
      { script: 'V1__three_tables.sql', success: 1 },
    ]);
    expect((await query<{ t: string }>('SHOW TABLES LIKE ?', ['k%'])).map((x) => Object.values(x)[0])).toEqual(['k1', 'k2', 'k3']);
  });
});
