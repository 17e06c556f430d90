/**
 * The migration lock: a MySQL named lock (GET_LOCK) held for the whole run on
 * its own connection. The server frees it when that connection ends, so a
 * killed run never leaves a stuck lock. Beside it, a one-row-per-lock table
 * records who holds it (run id, actor, job, runner, connection id), so a
 * waiting run can say whom it waits for; the row counts only while its
 * connection id is the lock's holder (IS_USED_LOCK), so a stale row is never
 * believed.
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { formatDuration, Failure, waitFor, WaitTimeoutError, type RunContext, type Timing } from '@switchyard/kit';
import { query, utc } from './db';

/** The lock's name: per database and history table, at most 64 characters (MySQL's limit). */
export function lockName(database: string, historyTable: string): string {
  const plain = `switchyard-init-db:${database}.${historyTable}`;
  return plain.length <= 64 ? plain : `switchyard-init-db:${createHash('sha256').update(plain).digest('hex').slice(0, 40)}`;
}

export interface LockOwner {
  runId: string;
  actor: string;
  runUrl: string;
  job: string;
}

export function ownerFromContext(ctx: RunContext, url: string): LockOwner {
  return { runId: `${ctx.runId}/${ctx.runAttempt}`, actor: ctx.actor, runUrl: url, job: [ctx.repository, ctx.workflow, ctx.job].filter(Boolean).join(' / ') };
}

export interface LockOptions {
  name: string;
  /** Table beside the history table that names the holder, as SQL (`db`.`table`). */
  ownerTable: string;
  owner: LockOwner;
  timeoutMs: number;
  log: (line: string) => void;
  /** Longest single GET_LOCK wait between holder reports (ms). */
  sliceMs?: number;
  timing?: Timing;
}

/** The owner table (the lock connection sends it with our row: it takes several statements a query). */
function ownerTableSql(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${table} (
  lock_name VARCHAR(64) NOT NULL PRIMARY KEY,
  connection_id BIGINT UNSIGNED NOT NULL,
  run_id VARCHAR(100) NOT NULL,
  actor VARCHAR(100) NOT NULL,
  job VARCHAR(300) NOT NULL,
  run_url VARCHAR(500) NOT NULL,
  runner_host VARCHAR(255) NOT NULL,
  acquired_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
) ENGINE=MEMORY DEFAULT CHARSET=utf8mb4 COMMENT='Switchyard init-db: who holds the migration lock (valid while connection_id holds it)'`;
}

/** Who holds the lock now, as a sentence for the log; '' when nobody does. */
export async function describeHolder(conn: Connection, name: string, ownerTable: string): Promise<string> {
  const [used] = await query<RowDataPacket>(conn, 'SELECT IS_USED_LOCK(?) AS holder', [name]);
  const holder = used?.holder as number | string | null | undefined;
  if (holder === null || holder === undefined) return '';
  let rows: RowDataPacket[];
  try {
    rows = await query<RowDataPacket>(
      conn,
      `SELECT run_id, actor, job, run_url, runner_host, UNIX_TIMESTAMP(acquired_at) AS since FROM ${ownerTable} WHERE lock_name = ? AND connection_id = ?`,
      [name, holder],
    );
  } catch {
    rows = []; // no owner table yet: the holder is not a Switchyard run that got this far
  }
  const o = rows[0];
  if (!o) return `held by connection ${holder}, which recorded no owner (not an init-db run, or one that just took it); see SHOW PROCESSLIST`;
  return `held by run ${o.run_id} (${o.actor}${o.job ? `, ${o.job}` : ''}) on ${o.runner_host} since ${utc(o.since)} UTC, connection ${holder}${o.run_url ? `: ${o.run_url}` : ''}`;
}

export class MigrationLock {
  private keepAlive: NodeJS.Timeout | undefined;
  /** Set when the lock connection reports an error or closes: the server has freed the lock. */
  private lost = false;
  private lastCheck = 0;
  private constructor(
    private readonly conn: Connection,
    readonly name: string,
    readonly connectionId: number,
    private readonly ownerTable: string,
  ) {}

  /** Waits for the lock up to timeoutMs, printing the holder whenever it changes; then records us as owner. */
  static async acquire(conn: Connection, opts: LockOptions): Promise<MigrationLock> {
    const slice = opts.sliceMs ?? 2000;
    const now = opts.timing?.now ?? Date.now;
    const deadline = now() + opts.timeoutMs;
    let lastHolder = '';
    let attempt = 0;
    let connectionId = 0;
    try {
      await waitFor<true>(
        async () => {
          // First a try without waiting, so a busy lock is reported at once; then waits of up to
          // `slice` (short while the holder has not recorded itself yet), reporting between them.
          const want = attempt++ === 0 ? 0 : lastHolder.startsWith('held by run') ? slice : Math.min(slice, 250);
          const wait = Math.max(0, Math.min(want, deadline - now())) / 1000;
          const [row] = await query<RowDataPacket>(conn, 'SELECT GET_LOCK(?, ?) AS got, CONNECTION_ID() AS id', [opts.name, wait]);
          const got = row?.got as number | string | null | undefined;
          if (got === null || got === undefined) throw new Failure(`GET_LOCK(${opts.name}) returned NULL: the server refused the lock`);
          connectionId = Number(row?.id);
          if (Number(got) === 1) return { done: true, value: true };
          lastHolder = (await describeHolder(conn, opts.name, opts.ownerTable)) || 'just released';
          return { done: false, progress: lastHolder };
        },
        {
          label: `waiting for the migration lock ${opts.name}`,
          timeoutMs: opts.timeoutMs,
          initialMs: 1,
          maxMs: 1,
          factor: 1,
          log: opts.log,
          ...opts.timing,
          now,
        },
      );
    } catch (e) {
      if (e instanceof WaitTimeoutError) {
        throw new Failure(`Could not take the migration lock ${opts.name} within lock-timeout ${formatDuration(opts.timeoutMs)}: ${lastHolder}`, {
          hint: 'another run is migrating this database; it keeps the lock until it ends. A run that died frees it at once (the server drops its connection), so a long wait means a long migration or a hung session: check that run, or SHOW PROCESSLIST for the connection',
        });
      }
      throw e;
    }
    const lock = new MigrationLock(conn, opts.name, connectionId, opts.ownerTable);
    // The owner table and our row in one round trip (the lock connection takes several statements).
    await conn.query(
      `${ownerTableSql(opts.ownerTable)};\nREPLACE INTO ${opts.ownerTable} (lock_name, connection_id, run_id, actor, job, run_url, runner_host) VALUES (?, CONNECTION_ID(), ?, ?, ?, ?, ?)`,
      [
        opts.name,
        opts.owner.runId.slice(0, 100),
        opts.owner.actor.slice(0, 100),
        opts.owner.job.slice(0, 300),
        opts.owner.runUrl.slice(0, 500),
        hostname().slice(0, 255),
      ],
    );
    conn.on('error', () => (lock.lost = true));
    conn.on('end', () => (lock.lost = true));
    lock.lastCheck = performance.now();
    // Keep the idle lock connection from timing out during a long migration.
    lock.keepAlive = setInterval(() => void conn.query('SELECT 1').catch(() => undefined), 60_000);
    lock.keepAlive.unref();
    return lock;
  }

  /**
   * Fails when the lock is no longer ours, before another migration starts. A dropped lock
   * connection is noticed at once (its close event); the server is also asked (IS_USED_LOCK)
   * whenever `everyMs` has passed since it last was, so short migrations cost no round trip.
   * Files that start inside a round trip are checked by the server itself (`heldSql`).
   */
  async assertHeld(via: Connection, everyMs = 2000): Promise<void> {
    let ours = !this.lost;
    if (ours && performance.now() - this.lastCheck >= everyMs) {
      const [row] = await query<RowDataPacket>(via, `SELECT ${this.heldSql(via)} AS ours`);
      ours = Number(row?.ours) === 1;
      this.lastCheck = performance.now();
    }
    if (!ours) throw this.lostError();
  }

  /** An SQL condition, true while our connection holds the lock (any connection may evaluate it). */
  heldSql(via: Connection): string {
    return via.format('IS_USED_LOCK(?) <=> ?', [this.name, this.connectionId]);
  }

  lostError(): Failure {
    return new Failure(
      `Lost the migration lock ${this.name} (its connection ${this.connectionId} closed); stopped before the next migration so no two runs migrate at once. Re-run the job.`,
    );
  }

  /** Interrupts the statement running on another of our connections (a cancelled run). Never throws. */
  async killQuery(connectionId: number): Promise<void> {
    await this.conn.query(`KILL QUERY ${Number(connectionId)}`).catch(() => undefined);
  }

  /** Removes our owner row, releases the lock and closes its connection. Never throws. */
  async release(): Promise<void> {
    if (this.keepAlive) clearInterval(this.keepAlive);
    try {
      await this.conn.query(`DELETE FROM ${this.ownerTable} WHERE lock_name = ? AND connection_id = CONNECTION_ID();\nSELECT RELEASE_LOCK(?)`, [
        this.name,
        this.name,
      ]);
    } catch {
      /* the connection is gone: the server has freed the lock already */
    }
    await this.conn.end().catch(() => this.conn.destroy());
  }
}
