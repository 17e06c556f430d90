/**
 * init-db's model: the database target, the migration files and their
 * statements, the history rows, and what a run reports. Every other module
 * imports its types from here; this module imports nothing of init-db.
 */

export const SSL_MODES = ['auto', 'disabled', 'required', 'verify-ca', 'verify-identity'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/**
 * The one shape of a database connection: built once from the inputs, and for
 * RDS completed with the endpoint the lookup found (`rds: true`).
 */
export interface DbTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  sslMode: SslMode;
  sslCa: string;
  /** The endpoint came from RDS: `auto` TLS means verify-identity with the Amazon RDS CA bundle. */
  rds: boolean;
}

/** What the server said of itself at the handshake. */
export interface ServerInfo {
  version: string;
  mariadb: boolean;
}

export interface Statement {
  /** 1-based position in the file. */
  index: number;
  /** 1-based line where the statement starts (its first non-comment character). */
  line: number;
  /** The statement as sent to the server: without the delimiter, leading comments and surrounding whitespace. */
  sql: string;
}

export type MigrationKind = 'versioned' | 'repeatable' | 'seed';

export interface MigrationFile {
  kind: MigrationKind;
  /** File name, the key in the history table (seeds: as in seed-dir). */
  script: string;
  path: string;
  /** Normalised version ("1.10") for versioned files, else undefined. */
  version?: string;
  description: string;
  checksum: string;
  statements: Statement[];
  phase: MigrationPhase;
}

export interface HistoryRow {
  rank: number;
  version: string | null;
  description: string;
  type: string;
  script: string;
  checksum: string;
  appliedAt: string;
  appliedBy: string;
  runId: string;
  executionMs: number;
  success: boolean;
  failedStatement: number | null;
  /** For a failed file: statements 1..n that stay committed (the rest of those before the failure were rolled back). */
  committedStatements: number | null;
  error: string | null;
  /** Phase of the file when it was applied ('' in rows written before phases were recorded). */
  phase: string;
}

/** Who applies, for the history table. */
export interface RunInfo {
  appliedBy: string;
  runId: string;
  runUrl: string;
}

/** Label of a file in messages: "V3 (V3__add_orders.sql)" or "R__views.sql". */
export const label = (f: { kind: string; version?: string | null; script: string }) =>
  f.kind === 'versioned' && f.version ? `V${f.version} (${f.script})` : f.script;

export type Status = 'applied' | 'failed' | 'pending' | 'would apply' | 'up to date' | 'beyond target' | 'other phase';

/** One line of the summary table. */
export interface Row {
  script: string;
  kind: MigrationKind;
  version: string;
  status: Status;
  statements: number;
  phase: MigrationPhase;
  /** Worst class of its pending statements ('' when not pending). */
  class: StatementClass | '';
  ms?: number;
  note?: string;
}

/** What a run found and did, filled as it goes, so outputs and the summary tell the truth even when it stops half-way. */
export class RunState {
  currentVersion = '';
  applied: string[] = [];
  pending: MigrationFile[] = [];
  snapshotId = '';
  rows: Row[] = [];
  dryRun = false;
  target = '';
  phase: Phase = 'all';
  /** Every pending statement's class (the `lint` output). */
  lint: LintFinding[] = [];
  row(file: MigrationFile): Row | undefined {
    return this.rows.find((r) => r.script === file.script && r.kind === file.kind);
  }
}

/** The `phase` input: which migrations a run applies. */
export const PHASES = ['all', 'expand', 'contract'] as const;
export type Phase = (typeof PHASES)[number];

/** The `online-ddl` input: clauses appended to ALTER TABLE and CREATE INDEX. */
export const ONLINE_DDL = ['off', 'inplace', 'instant'] as const;
export type OnlineDdl = (typeof ONLINE_DDL)[number];

/** Blue-green phase of a migration: expand (the default) or contract (marked `-- init-db: contract` in its header). */
export type MigrationPhase = 'expand' | 'contract';

/** Zero-downtime classes of a statement, from harmless to worst (see classify.ts). */
export type StatementClass = 'additive' | 'data' | 'locking' | 'incompatible' | 'destructive';

/** One pending statement's class: the `lint` output holds one per statement. */
export interface LintFinding {
  script: string;
  statement: number;
  line: number;
  phase: MigrationPhase;
  class: StatementClass;
  /** Why, in a few words ("drops column products.name: code that reads or writes it fails"). */
  reason: string;
}
