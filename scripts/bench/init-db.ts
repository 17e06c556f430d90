// init-db benchmark on the local MariaDB (issue targets in brackets), side by side in one run
// with postgrator 8 (a well-known Node SQL migration tool, driven by mysql2 as its docs show),
// both given the same 200 small migrations (CREATE TABLE + INSERT each), each in its own node
// process from spawn to exit (start-up included), NODE_EXTRA_CA_CERTS unset as on a runner:
//  (a) apply 200 migrations to an empty database, init-db time / postgrator time     [ratio ≤ 0.9]
//      (init-db classifies every statement first, and keeps a progress record per DDL file)
//  (b) re-run with nothing pending, init-db wall time including start-up             [≤ 0.5 s]
//  (c) where the time goes: the server's and the driver's share alone, in this process, 20 files
//      at a time in turn (so a busy moment hits every variant alike): init-db's applyFiles, the
//      queries postgrator sends, the file's statements with no history at all, and init-db's
//      design before round trips were shared and literal INSERTs shared the DDL record's commit
//      (one file a round trip, a commit of its own for the progress record)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { actionDir, infra, repoRoot, runBundledAction } from '@switchyard/testkit';
import { applyFiles, FILES_PER_TRIP } from '../../actions/init-db/src/apply';
import { connect, History, serverInfo } from '../../actions/init-db/src/db';
import { readMigrations } from '../../actions/init-db/src/files';
import type { MigrationFile } from '../../actions/init-db/src/model';

const N = 200;
// `pnpm bench init-db --rounds=15`: more rounds for a busy machine (a round's pair varies ±10 % with the disk).
const ROUNDS = Number(process.argv.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 11);
// The load average, and (Linux) the share of the last minute in which some task waited for a CPU.
const pressure = () =>
  existsSync('/proc/pressure/cpu') ? ` (CPU pressure ${/avg60=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1] ?? '?'} %)` : '';
const load = () =>
  `${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}${pressure()}`;
const loadBefore = load();
const m = infra().mysql;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const env = { ...process.env } as Record<string, string>;
delete env.NODE_EXTRA_CA_CERTS;

const work = mkdtempSync(join(tmpdir(), 'initdb-bench-'));
const ours = join(work, 'init-db');
const theirs = join(work, 'postgrator');
mkdirSync(ours);
mkdirSync(theirs);
for (let i = 1; i <= N; i++) {
  const sql = `-- migration ${i}\nCREATE TABLE bench_${i} (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL);\nINSERT INTO bench_${i} VALUES (1, 'row ${i}');\n`;
  writeFileSync(join(ours, `V${i}__bench_${i}.sql`), sql);
  writeFileSync(join(theirs, `${String(i).padStart(3, '0')}.do.bench_${i}.sql`), sql);
}

const admin = await mysql.createConnection({ host: m.host, port: m.port, user: m.user, password: m.password });
const fresh = async (name: string) => {
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\``);
};

// postgrator in its own process, as its README wires it to mysql2.
const postgratorScript = `
import Postgrator from 'postgrator';
import mysql from 'mysql2/promise';
const [dir, database] = process.argv.slice(1);
const conn = await mysql.createConnection({ host: ${JSON.stringify(m.host)}, port: ${m.port}, user: ${JSON.stringify(m.user)}, password: process.env.BENCH_DB_PASSWORD, database, multipleStatements: true });
const p = new Postgrator({ migrationPattern: dir + '/*', driver: 'mysql', database, schemaTable: 'schemaversion', execQuery: async (q) => { const [rows, fields] = await conn.query(q); return { rows, fields }; } });
const applied = await p.migrate();
await conn.end();
console.log(applied.length);
`;
function runPostgrator(database: string): Promise<{ ms: number; out: string }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', postgratorScript, theirs, database], {
    cwd: repoRoot,
    env: { ...env, BENCH_DB_PASSWORD: m.password },
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 ? resolve({ ms: performance.now() - t0, out: out.trim() }) : reject(new Error(`postgrator failed (${code}): ${out}`)),
    ),
  );
}
async function runOurs(database: string): Promise<{ ms: number; applied: string }> {
  const r = await runBundledAction(actionDir('init-db'), {
    inputs: { 'database-url': `mysql://${m.user}:${encodeURIComponent(m.password)}@${m.host}:${m.port}/${database}`, 'migrations-dir': ours },
    env,
  });
  if (r.code !== 0) throw new Error(`init-db failed: ${r.stdout}`);
  return { ms: r.durationMs, applied: r.outputs['applied-count'] ?? '' };
}

const applyOurs: number[] = [];
const applyTheirs: number[] = [];
const noopOurs: number[] = [];
const noopTheirs: number[] = [];
const share: string[] = [];
try {
  for (let round = 0; round < ROUNDS; round++) {
    const a = `initdb_test_bench_ours_${round}`;
    const b = `initdb_test_bench_postgrator_${round}`;
    await fresh(a);
    await fresh(b);
    // Alternate who goes first, so neither always meets a warmer (or busier) server.
    const applyBoth = [
      async () => {
        const o = await runOurs(a);
        if (o.applied !== String(N)) throw new Error(`init-db applied ${o.applied}, expected ${N}`);
        applyOurs.push(o.ms);
      },
      async () => {
        const t = await runPostgrator(b);
        if (t.out !== String(N)) throw new Error(`postgrator applied ${t.out}, expected ${N}`);
        applyTheirs.push(t.ms);
      },
    ];
    if (round % 2) applyBoth.reverse();
    for (const f of applyBoth) await f();
    for (let i = 0; i < 3; i++) {
      const again = await runOurs(a);
      if (again.applied !== '0') throw new Error('init-db re-run applied something');
      noopOurs.push(again.ms);
      noopTheirs.push((await runPostgrator(b)).ms);
    }
    await admin.query(`DROP DATABASE \`${a}\``);
    await admin.query(`DROP DATABASE \`${b}\``);
  }
  await serverShare();
} finally {
  await admin.end();
  rmSync(work, { recursive: true, force: true });
}

/** Part (c): each variant on its own database and connection (opened as init-db opens its own), file by file in turn. */
async function serverShare(): Promise<void> {
  const files = readMigrations(ours);
  const run = { appliedBy: 'bench', runId: '1/1', runUrl: '' };
  type Variant = { name: string; send: (group: MigrationFile[], from: number) => Promise<unknown>; ms: number[] };
  const each = (send: (f: MigrationFile, i: number) => Promise<unknown>) => async (group: MigrationFile[], from: number) => {
    for (const [k, f] of group.entries()) await send(f, from + k);
  };
  const open = async (name: string) => {
    const database = `initdb_test_bench_share_${name}`;
    await fresh(database);
    const conn = await connect(
      { host: m.host, port: m.port, user: m.user, password: m.password, database, sslMode: 'disabled', sslCa: '', rds: false },
      { withDatabase: true, timeoutMs: 10_000, log: () => undefined, multipleStatements: true },
    );
    const history = new History(conn, database, 'schema_history', serverInfo(conn));
    await history.ensure();
    return { conn, history, database };
  };
  const text = (f: MigrationFile) => f.statements.map((s) => s.sql).join(';\n');
  const [a, b, c, d] = await Promise.all(['applyfile', 'postgrator', 'bare', 'noprogress'].map(open));
  await b!.conn.query('CREATE TABLE schemaversion (version BIGINT PRIMARY KEY, name TEXT, md5 TEXT, run_at TIMESTAMP)');
  const variants: Variant[] = [
    {
      name: `init-db's applyFiles (${FILES_PER_TRIP} files a round trip; the INSERT after each CREATE shares the commit of its record: 2 commits a file)`,
      send: (group) =>
        applyFiles(
          a!.conn,
          a!.history,
          group.map((file) => ({ file })),
          run,
        ),
      ms: [],
    },
    {
      name: "postgrator's queries (the file, then its version row: 2 round trips a file)",
      send: each(async (f, i) => {
        await b!.conn.query(text(f));
        await b!.conn.query('INSERT INTO schemaversion (version, name, md5, run_at) VALUES (?, ?, ?, NOW())', [i + 1, f.description, f.checksum.slice(0, 32)]);
      }),
      ms: [],
    },
    { name: 'the statements alone (no history at all)', send: each((f) => c!.conn.query(text(f))), ms: [] },
    {
      name: 'before: one file a round trip, the progress record after the CREATE committed on its own (3 commits a file)',
      send: each((f) => {
        const [ddl, ...rest] = f.statements.map((s) => s.sql);
        const key = { version: f.version ?? null, description: f.description, type: f.kind, script: f.script, checksum: f.checksum, phase: f.phase };
        const row = { ...key, appliedBy: 'bench', runId: '1/1', runUrl: '', failedStatement: null, committedStatements: null, error: null };
        const started = d!.history.insertSql({ ...row, executionMs: 0, success: false, failedStatement: 2, committedStatements: 1, error: 'interrupted' });
        const done = d!.history.updateSql({ executionMs: 0, success: true, failedStatement: null, committedStatements: null, error: null }, key);
        return d!.conn.query([ddl, started, 'START TRANSACTION', ...rest, done, 'COMMIT'].join(';\n'));
      }),
      ms: [],
    },
  ];
  try {
    for (let from = 0; from < files.length; from += FILES_PER_TRIP) {
      const group = files.slice(from, from + FILES_PER_TRIP);
      for (const v of (from / FILES_PER_TRIP) % 2 ? [...variants].reverse() : variants) {
        const t0 = performance.now();
        await v.send(group, from);
        v.ms.push(performance.now() - t0);
      }
    }
  } finally {
    for (const x of [a, b, c, d]) await x!.conn.end();
    for (const x of [a, b, c, d]) await admin.query(`DROP DATABASE \`${x!.database}\``);
  }
  const sum = (xs: number[]) => xs.reduce((p, q) => p + q, 0);
  const theirs = sum(variants[1]!.ms);
  share.push(`(c) where the time goes: ${N} files, each variant in turn ${FILES_PER_TRIP} files at a time, server and driver only (no process start):`);
  for (const v of variants)
    share.push(
      `    ${sum(v.ms).toFixed(0).padStart(5)} ms, ${(sum(v.ms) / N).toFixed(2)} ms a file, ${(sum(v.ms) / theirs).toFixed(2)} of postgrator's: ${v.name}`,
    );
}

const ratio = median(applyOurs) / median(applyTheirs);
const ratios = applyOurs.map((o, i) => o / applyTheirs[i]!);
console.log(
  `(a) apply ${N} migrations (median of ${ROUNDS}, whole process): init-db ${median(applyOurs).toFixed(0)} ms, postgrator 8.0.0 ${median(applyTheirs).toFixed(0)} ms → ratio ${ratio.toFixed(2)}   [target ≤ 0.9, lint and progress records on]`,
);
console.log(
  `    fastest run: init-db ${Math.min(...applyOurs).toFixed(0)} ms, postgrator ${Math.min(...applyTheirs).toFixed(0)} ms → ratio ${(Math.min(...applyOurs) / Math.min(...applyTheirs)).toFixed(2)} (less sensitive to a busy machine)`,
);
console.log(`    per round (same round, alternating who goes first): ${ratios.map((r) => r.toFixed(2)).join(' ')}; median ${median(ratios).toFixed(2)}`);
console.log(`    all runs, init-db: ${applyOurs.map((x) => x.toFixed(0)).join(' ')} ms; postgrator: ${applyTheirs.map((x) => x.toFixed(0)).join(' ')} ms`);
console.log(
  `(b) re-run with nothing pending (median of ${noopOurs.length}, wall incl. start-up): init-db ${median(noopOurs).toFixed(0)} ms (postgrator ${median(noopTheirs).toFixed(0)} ms) (node ${process.version})   [target ≤ 500 ms]`,
);
console.log(`    load average (1, 5, 15 min) before: ${loadBefore}, after: ${load()} on ${availableParallelism()} cores`);
for (const line of share) console.log(line);
