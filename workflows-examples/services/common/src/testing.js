// Test helpers for the services' own tests (node:test). They run against a
// real MySQL/MariaDB: SHOP_TEST_DATABASE_URL=mysql://user:password@host:port
// names a server where the user may create databases; each test file gets a
// fresh `shop_test_<name>_<random>` database with the migrations applied and
// drops it at the end.
//
// Migrations are applied here in the same order init-db applies them
// (V-files by numeric version, then R-files by name), each file sent whole
// to the server (multi-statement), which is enough for these plain files.
// The pipeline itself applies them with the init-db action.
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import mysql from 'mysql2/promise';

export function testServerConfig(env = process.env) {
  const raw = env.SHOP_TEST_DATABASE_URL;
  if (!raw)
    throw new Error(
      'SHOP_TEST_DATABASE_URL is not set: point it at a MySQL/MariaDB server, e.g. mysql://root:pw@127.0.0.1:3306 (the tests create and drop shop_test_* databases)',
    );
  const u = new URL(raw);
  return { host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
}

const V_FILE = /^V(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const R_FILE = /^R__(.+)\.sql$/;

const versionParts = (v) => v.split(/[._]/).map(Number);
function compareVersions(a, b) {
  const pa = versionParts(a);
  const pb = versionParts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** The migration files of a directory in apply order: `{ file, version? }[]`; `upTo` stops after that version. */
export function listMigrations(dir, { upTo } = {}) {
  const names = readdirSync(dir);
  const versioned = names
    .map((file) => ({ file, m: V_FILE.exec(file) }))
    .filter((x) => x.m)
    .map(({ file, m }) => ({ file, version: m[1] }))
    .sort((a, b) => compareVersions(a.version, b.version))
    .filter((x) => upTo === undefined || compareVersions(x.version, String(upTo)) <= 0);
  const repeatable = names
    .filter((f) => R_FILE.test(f))
    .sort()
    .map((file) => ({ file }));
  return [...versioned, ...repeatable];
}

/**
 * Creates a fresh database and applies `migrationsDirs` (one or more
 * directories, merged) and `seedDirs`. Returns its pool config and `drop()`.
 */
export async function createTestDatabase(label, { migrationsDirs = [], seedDirs = [], upTo } = {}) {
  const server = testServerConfig();
  const database = `shop_test_${label.replace(/[^a-z0-9_]/gi, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = await mysql.createConnection({ ...server, multipleStatements: true });
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.changeUser({ database });
  const applyDir = async (dir, opts) => {
    for (const { file } of listMigrations(dir, opts)) await admin.query(readFileSync(join(dir, file), 'utf8'));
  };
  const applyFile = async (path) => admin.query(readFileSync(path, 'utf8'));
  try {
    for (const dir of migrationsDirs) await applyDir(dir, { upTo });
    for (const dir of seedDirs)
      for (const file of readdirSync(dir)
        .filter((f) => f.endsWith('.sql'))
        .sort())
        await applyFile(join(dir, file));
  } catch (e) {
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``).catch(() => {});
    await admin.end();
    throw e;
  }
  return {
    database,
    config: { ...server, database },
    applyFile,
    query: (sql, params) => admin.query(sql, params),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
      await admin.end();
    },
  };
}

/** Listens on an ephemeral port; returns the base URL and close(). */
export async function listen(server) {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** fetch + JSON: `{ status, body }`. */
export async function call(base, method, path, body) {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}
