// Helpers for init-db's integration tests: migration directories in temp
// dirs, test databases named initdb_test_* (dropped afterwards), and running
// the bundled action through testkit.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { retry } from '@switchyard/kit';
import { actionDir, infra, runBundledAction, type RunOptions, type RunResult } from '@switchyard/testkit';

export const db = () => infra().mysql;

/** A database name unique to this test process. */
export const dbName = (label: string) => `initdb_test_${label}_${process.pid}`;

export async function admin(database?: string): Promise<mysql.Connection> {
  const m = db();
  return mysql.createConnection({
    host: m.host,
    port: m.port,
    user: m.user,
    password: m.password,
    ...(database ? { database } : {}),
    multipleStatements: true,
  });
}

export async function dropDatabases(...names: string[]): Promise<void> {
  const c = await admin();
  try {
    for (const n of names) await c.query(`DROP DATABASE IF EXISTS \`${n}\``);
  } finally {
    await c.end();
  }
}

export async function rows<T = Record<string, unknown>>(database: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const c = await admin(database);
  try {
    const [r] = await c.query(sql, values);
    return r as T[];
  } finally {
    await c.end();
  }
}

const temps: string[] = [];
/** A temp directory with files (name → content); `write` adds or replaces later. */
export function tempDir(files: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'initdb-itg-'));
  temps.push(dir);
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  const remove = (name: string) => rmSync(join(dir, name), { force: true });
  for (const [n, t] of Object.entries(files)) write(n, t);
  return { dir, write, remove, sub: (name: string) => (mkdirSync(join(dir, name), { recursive: true }), join(dir, name)) };
}
export const cleanTemps = () => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));

/** Every run's captured text, for the password grep. */
export const captured: string[] = [];

export async function runInitDb(inputs: Record<string, string | number | boolean>, opts: RunOptions = {}): Promise<RunResult> {
  const r = await runBundledAction(actionDir('init-db'), { timeoutMs: 90_000, ...opts, inputs });
  captured.push(r.stdout, r.stderr, r.summary, JSON.stringify(r.outputs), JSON.stringify(r.state), JSON.stringify(r.annotations));
  return r;
}

/** The database URL of the shared MariaDB for a database. */
export function url(database: string, password = db().password): string {
  const m = db();
  return `mysql://${m.user}:${encodeURIComponent(password)}@${m.host}:${m.port}/${database}`;
}

/** The step's error annotations, joined. */
export const errors = (r: RunResult) =>
  r.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('\n');

/**
 * A MariaDB server of a test's own (own datadir, port on 127.0.0.1 and socket), never the
 * shared one on :3306: for tests that start it late or kill it. `start()` waits until it
 * accepts `user`; `stop(signal)` waits until it has exited.
 */
export class ThrowawayMariaDb {
  readonly dir = mkdtempSync(join(tmpdir(), 'initdb_test_mariadb-'));
  port = 0;
  private server: ChildProcess | undefined;
  constructor(
    readonly user: string,
    readonly password: string,
  ) {}

  /** Creates the datadir and picks a free port. */
  async install(): Promise<void> {
    const id = (flag: string) => Number(spawnSync('id', [flag, 'mysql']).stdout.toString().trim());
    chownSync(this.dir, id('-u'), id('-g'));
    const install = spawnSync(
      'mariadb-install-db',
      ['--no-defaults', '--user=mysql', `--datadir=${join(this.dir, 'data')}`, '--auth-root-authentication-method=normal', '--skip-test-db'],
      { encoding: 'utf8' },
    );
    if (install.status !== 0) throw new Error(`mariadb-install-db failed: ${install.stderr}`);
    // Runs at each start, before connections are accepted: the user the action logs in as.
    const u = this.user;
    const p = this.password;
    writeFileSync(
      join(this.dir, 'init.sql'),
      `CREATE USER IF NOT EXISTS '${u}'@'%' IDENTIFIED BY '${p}';\nCREATE USER IF NOT EXISTS '${u}'@'localhost' IDENTIFIED BY '${p}';\nGRANT ALL ON *.* TO '${u}'@'%';\nGRANT ALL ON *.* TO '${u}'@'localhost';\n`,
    );
    chownSync(join(this.dir, 'init.sql'), id('-u'), 0);
    this.port = await freePort();
  }

  /** Starts mariadbd; with `wait`, returns once it accepts the user. */
  async start(wait = true): Promise<void> {
    this.server = spawn(
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        '--user=mysql',
        `--datadir=${join(this.dir, 'data')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${join(this.dir, 'mariadb.sock')}`,
        `--pid-file=${join(this.dir, 'mariadb.pid')}`,
        `--log-error=${join(this.dir, 'error.log')}`,
        `--init-file=${join(this.dir, 'init.sql')}`,
        '--skip-log-bin',
        '--innodb-buffer-pool-size=32M',
      ],
      { stdio: 'ignore' },
    );
    if (!wait) return;
    await retry(async () => (await mysql.createConnection({ host: '127.0.0.1', port: this.port, user: this.user, password: this.password })).end(), {
      label: 'own mariadbd up',
      timeoutMs: 30_000,
      initialMs: 100,
      maxMs: 500,
    });
  }

  /** Stops it with this signal (SIGKILL: as a crash) and waits for the exit; SIGTERM falls back to SIGKILL after 15 s. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const s = this.server;
    if (!s || s.exitCode !== null || s.signalCode !== null) return;
    const exited = new Promise((r) => s.once('exit', r));
    s.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 15_000)))]);
    clearTimeout(timer);
    if (s.exitCode === null && s.signalCode === null) {
      s.kill('SIGKILL');
      await exited;
    }
  }

  async remove(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  url(database: string): string {
    return `mysql://${this.user}:${this.password}@127.0.0.1:${this.port}/${database}`;
  }
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const p = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return p;
}
