// The MySQL connection pool (mysql2, promise API) and the health probe.
import mysql from 'mysql2/promise';

export function createPool(config, { connectionLimit = 5 } = {}) {
  return mysql.createPool({
    ...config,
    connectionLimit,
    waitForConnections: true,
    queueLimit: 100,
    connectTimeout: 5_000,
    enableKeepAlive: true,
    decimalNumbers: true,
    supportBigNumbers: true,
    timezone: 'Z',
    dateStrings: false,
  });
}

/** Resolves when the database answers `SELECT 1` within `timeoutMs`; rejects otherwise. */
export async function ping(pool, timeoutMs = 2_000) {
  await pool.query({ sql: 'SELECT 1', timeout: timeoutMs });
}

/** Runs `fn(conn)` in a transaction: commit on success, rollback on any error. */
export async function transaction(pool, fn) {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    const result = await fn(conn);
    await conn.commit();
    return result;
  } catch (e) {
    await conn.rollback().catch(() => {});
    throw e;
  } finally {
    conn.release();
  }
}
