// Helpers for init-db's integration tests: migration directories in temp
// dirs, test databases named initdb_test_* (dropped afterwards), and running
// the bundled action through testkit.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
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
