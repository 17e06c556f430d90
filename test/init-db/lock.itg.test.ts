// The migration lock against the real MariaDB: five bundled runs at once
// apply each migration exactly once; a waiting run names the holder's run id;
// lock-timeout is honoured.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { admin, cleanTemps, dbName, dropDatabases, errors, rows, runInitDb, tempDir, url } from './support';

jest.setTimeout(60_000);

const DB = dbName('lock');
beforeAll(() => dropDatabases(DB));
afterAll(async () => {
  await dropDatabases(DB);
  cleanTemps();
});

describe('migration lock', () => {
  it('5 concurrent runs apply each of 20 migrations exactly once', async () => {
    const files: Record<string, string> = {
      'V1__log.sql': 'CREATE TABLE applied_log (id INT AUTO_INCREMENT PRIMARY KEY, migration INT NOT NULL, connection_id BIGINT NOT NULL);',
    };
    // Each migration takes a little time, so the runs really overlap.
    for (let i = 2; i <= 20; i++)
      files[`V${i}__step_${i}.sql`] = `DO SLEEP(0.02);\nINSERT INTO applied_log (migration, connection_id) VALUES (${i}, CONNECTION_ID());`;
    const m = tempDir(files);
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        runInitDb(
          { 'database-url': url(DB), 'migrations-dir': m.dir, 'create-database': true, 'lock-timeout': '60s' },
          { env: { GITHUB_RUN_ID: String(2000 + i) } },
        ),
      ),
    );
    for (const r of results) expect(`${r.code} ${errors(r)}`).toBe('0 ');
    const log = await rows<{ migration: number; n: number }>(DB, 'SELECT migration, COUNT(*) AS n FROM applied_log GROUP BY migration ORDER BY migration');
    expect(log).toEqual(Array.from({ length: 19 }, (_, i) => ({ migration: i + 2, n: 1 })));
    const history = await rows<{ version: string; n: number }>(DB, 'SELECT version, COUNT(*) AS n FROM schema_history GROUP BY version HAVING n > 1');
    expect(history).toEqual([]);
    expect(await rows(DB, 'SELECT COUNT(*) AS n FROM schema_history')).toEqual([{ n: 20 }]);
    // One run applied everything (it held the lock throughout); the others found nothing to do.
    const counts = results.map((r) => Number(r.outputs['applied-count'])).sort((a, b) => a - b);
    expect(counts).toEqual([0, 0, 0, 0, 20]);
    // The runs that waited said who held the lock, by run id.
    const waiting = results.flatMap((r) => r.stdout.split('\n')).filter((l) => l.includes('waiting for the migration lock'));
    expect(waiting.some((l) => /held by run 200\d\/1 \(octocat, switchyard\/example \/ test \/ test\)/.test(l))).toBe(true);
    for (const line of waiting)
      expect(line).toMatch(
        /held by (run 200\d\/1 \(octocat, switchyard\/example \/ test \/ test\) on .* since .* UTC, connection \d+|connection \d+, which recorded no owner)|just released/,
      );
  });

  it('a waiting run prints the holder’s run id and gives up at lock-timeout, naming it', async () => {
    const m = tempDir({ 'V30__a.sql': 'CREATE TABLE a (id INT);' });
    // Another "run" holds the lock, recorded as an init-db run would record itself.
    const holder = await admin(DB);
    try {
      const name = `switchyard-init-db:${DB}.schema_history`;
      await holder.query('SELECT GET_LOCK(?, 0)', [name]);
      await holder.query(
        "REPLACE INTO schema_history_lock (lock_name, connection_id, run_id, actor, job, run_url, runner_host) VALUES (?, CONNECTION_ID(), '4242/3', 'mona', 'shop / deploy-uat / migrate', 'https://github.com/shop/shop/actions/runs/4242', 'runner-7')",
        [name],
      );
      const started = Date.now();
      const r = await runInitDb({ 'database-url': url(DB), 'migrations-dir': m.dir, 'lock-timeout': '3s' });
      expect(r.code).toBe(1);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(r.stdout).toMatch(
        /waiting for the migration lock switchyard-init-db:\S+: held by run 4242\/3 \(mona, shop \/ deploy-uat \/ migrate\) on runner-7 since .* UTC, connection \d+: https:\/\/github.com\/shop\/shop\/actions\/runs\/4242/,
      );
      expect(errors(r)).toMatch(/^Could not take the migration lock switchyard-init-db:\S+ within lock-timeout 3.0s: held by run 4242\/3 \(mona/);
      expect(errors(r)).toContain('A run that died frees it at once');
      expect(await rows(DB, "SHOW TABLES LIKE 'a'")).toEqual([]);

      // A holder that recorded nothing is named by its connection.
      await holder.query('DELETE FROM schema_history_lock');
      const anonymous = await runInitDb({ 'database-url': url(DB), 'migrations-dir': m.dir, 'lock-timeout': '1s' });
      expect(anonymous.code).toBe(1);
      expect(errors(anonymous)).toMatch(/held by connection \d+, which recorded no owner/);
    } finally {
      await holder.end();
    }
    // The holder's connection ended: the server freed the lock, no stale lock remains.
    const r = await runInitDb({ 'database-url': url(DB), 'migrations-dir': m.dir, 'lock-timeout': '5s' });
    expect(errors(r)).toBe('');
    expect(r.outputs['applied-count']).toBe('1');
  });

  it('a run whose lock connection is killed stops before the next migration (no two runs migrate at once)', async () => {
    const m = tempDir({ 'V40__slow.sql': 'DO SLEEP(1.5);\nCREATE TABLE slow_done (id INT);', 'V41__after.sql': 'CREATE TABLE after_kill (id INT);' });
    const run = runInitDb({ 'database-url': url(DB), 'migrations-dir': m.dir, 'lock-timeout': '10s' }, { env: { RUNNER_DEBUG: '1' } });
    const killer = await admin(DB);
    try {
      // Kill the lock connection once V40 is running (its DO SLEEP is in the process list).
      let owner: { connection_id: number }[] = [];
      let sleeping: unknown[] = [];
      for (let i = 0; i < 100 && (owner.length === 0 || sleeping.length === 0); i++) {
        await new Promise((r) => setTimeout(r, 30));
        [owner] = (await killer.query('SELECT connection_id FROM schema_history_lock')) as unknown as [{ connection_id: number }[]];
        [sleeping] = (await killer.query("SELECT id FROM information_schema.PROCESSLIST WHERE INFO LIKE 'DO SLEEP(1.5)%'")) as unknown as [unknown[]];
      }
      expect(owner).toHaveLength(1);
      await killer.query(`KILL ${Number(owner[0]!.connection_id)}`);
    } finally {
      await killer.end();
    }
    const r = await run;
    expect(r.code).toBe(1);
    expect(errors(r)).toMatch(/^Lost the migration lock \S+ \(its connection \d+ closed\); stopped before the next migration/);
    // V41 was in the round trip of V40's last statement: the server itself stopped it there.
    expect(r.stdout).toMatch(/::debug::one round trip of \d+ statements \(bookkeeping included\): 2 files, V40 \(V40__slow.sql\) to V41 \(V41__after.sql\)/);
    // V40 ran completely and is recorded; V41 never started.
    expect(r.outputs).toMatchObject({ applied: '["V40__slow.sql"]' });
    expect(await rows(DB, "SELECT script, success FROM schema_history WHERE version IN ('40', '41')")).toEqual([{ script: 'V40__slow.sql', success: 1 }]);
    expect(await rows(DB, "SHOW TABLES LIKE 'after_kill'")).toEqual([]);
  });
});
