import { existsSync } from 'node:fs';
import { addSecret, InputError, Inputs as Reader, show, type InputSource } from '@switchyard/kit';
import { normalizeVersion, VERSION_PATTERN } from './files';
import { ONLINE_DDL, PHASES, SSL_MODES, type DbTarget, type LintFinding, type OnlineDdl, type Phase, type SslMode } from './model';

/**
 * init-db's inputs, typed; names are action.yml's in camelCase. The connection
 * fields hold the effective values: from `database-url` when it is given, else
 * from the discrete inputs.
 */
export interface Inputs {
  databaseUrl: string;
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  sslMode: SslMode;
  sslCa: string;
  rdsInstanceId: string;
  awsRegion: string;
  endpointUrl: string;
  snapshotBefore: boolean;
  rdsTimeout: number;
  migrationsDir: string;
  seedDir: string;
  historyTable: string;
  targetVersion: string;
  dryRun: boolean;
  createDatabase: boolean;
  repair: boolean;
  phase: Phase;
  onlineDdl: OnlineDdl;
  connectTimeout: number;
  lockTimeout: number;
}

/** What the action sets; names are action.yml's outputs. */
export interface Outputs {
  'current-version': string;
  applied: string[];
  'applied-count': number;
  'pending-count': number;
  'snapshot-id': string;
  lint: LintFinding[];
}

const IDENTIFIER = /^[A-Za-z0-9_$]{1,59}$/; // room for the `_lock` table beside it
const DATABASE = /^[A-Za-z0-9_$-]{1,64}$/;

/** The URL with its password replaced, safe to show in an error. */
function redactedUrl(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}

/** Registers every form of the database URL and its password as secrets. Runs before any validation. */
export function maskConnectionSecrets(url: string, password: string): void {
  addSecret(password);
  if (!url) return;
  addSecret(url);
  addSecret(url.trim());
  const raw = /^[a-z][a-z0-9+.-]*:\/\/[^:@/]*:([^@/]*)@/i.exec(url)?.[1];
  if (raw) {
    addSecret(raw);
    try {
      addSecret(decodeURIComponent(raw));
    } catch {
      /* not valid percent-encoding: the raw form is masked */
    }
  }
  try {
    const u = new URL(url);
    addSecret(u.href);
    addSecret(u.password);
    addSecret(decodeURIComponent(u.password));
  } catch {
    /* reported by parseDatabaseUrl */
  }
}

/** What a database URL holds: the connection fields of a target, and the TLS mode when it names one. */
export type UrlParts = Pick<DbTarget, 'host' | 'port' | 'user' | 'password' | 'database'> & { sslMode?: SslMode | undefined };

/** The inputs, and the database target the run connects to, built from them once. */
export type Config = Inputs & { readonly target: DbTarget };

/** Parses `mysql://user:pass@host:port/db?ssl-mode=…`; errors name `database-url` and never show the password. */
export function parseDatabaseUrl(raw: string): UrlParts {
  const input = 'database-url';
  const shown = show(redactedUrl(raw));
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new InputError(input, `${shown} is not a valid URL: expected mysql://user:password@host:port/database`);
  }
  if (u.protocol !== 'mysql:' && u.protocol !== 'mariadb:') throw new InputError(input, `${shown} has protocol ${u.protocol}; expected mysql: (or mariadb:)`);
  if (!u.hostname) throw new InputError(input, `${shown} has no host`);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new InputError(input, `${shown} names no database: add /<database> after the host`);
  if (!DATABASE.test(database)) throw new InputError(input, `database ${show(database)} is not a plain database name (letters, digits, _ $ -)`);
  if (!u.username) throw new InputError(input, `${shown} has no user name`);
  let sslMode: SslMode | undefined;
  for (const [key, value] of u.searchParams) {
    if (key === 'ssl-mode' || key === 'sslmode' || key === 'ssl') {
      const v = value.toLowerCase();
      const mode = v === 'true' ? 'verify-identity' : v === 'false' ? 'disabled' : v;
      if (!(SSL_MODES as readonly string[]).includes(mode))
        throw new InputError(input, `${key}=${show(value)} is not one of ${SSL_MODES.join(', ')} (or true/false)`);
      sslMode = mode as SslMode;
    } else {
      throw new InputError(input, `unknown parameter ${show(key)}: only ssl-mode is understood (use the ssl-ca input for a CA bundle)`);
    }
  }
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database,
    sslMode,
  };
}

export function getInputs(source?: InputSource): Config {
  const r = new Reader(source);
  // Secrets first: nothing, not even an input error, is printed before they are masked.
  const databaseUrl = r.raw('database-url');
  const passwordInput = r.raw('password');
  maskConnectionSecrets(databaseUrl, passwordInput);

  const rdsInstanceId = r.string('rds-instance-id', {
    pattern: /^[A-Za-z][A-Za-z0-9-]{0,62}$/,
    patternHint: 'an RDS DB instance identifier (letters, digits, hyphens)',
  });
  let sslMode = r.enum('ssl-mode', SSL_MODES, { default: 'auto' });
  let conn: UrlParts;
  if (databaseUrl) {
    for (const name of ['host', 'user', 'password', 'database'] as const) {
      if (r.raw(name)) throw new InputError(name, 'is set together with database-url: give one or the other');
    }
    if (rdsInstanceId)
      throw new InputError(
        'rds-instance-id',
        'is set together with database-url: the instance endpoint comes from RDS; give user, password and database instead',
      );
    conn = parseDatabaseUrl(databaseUrl);
    if (conn.sslMode) {
      if (r.raw('ssl-mode') && r.raw('ssl-mode') !== 'auto' && r.raw('ssl-mode') !== conn.sslMode) {
        throw new InputError('ssl-mode', `${show(r.raw('ssl-mode'))} contradicts ssl-mode=${conn.sslMode} in database-url`);
      }
      sslMode = conn.sslMode;
    }
  } else {
    const host = r.string('host');
    if (!host && !rdsInstanceId) throw new InputError('database-url', 'is required (or give host, or rds-instance-id, with user, password and database)');
    if (host && rdsInstanceId) throw new InputError('host', 'is set together with rds-instance-id: the endpoint comes from RDS');
    if (host && !/^[A-Za-z0-9.:_-]+$/.test(host)) throw new InputError('host', `${show(host)} is not a host name or address`);
    conn = {
      host,
      port: r.int('port', { default: 3306, min: 1, max: 65535 }),
      user: r.string('user', { required: true }),
      password: passwordInput,
      database: r.string('database', { required: true, pattern: DATABASE, patternHint: 'a database name (letters, digits, _ $ -)' }),
    };
  }

  const migrationsDir = r.string('migrations-dir', { required: true });
  const historyTable = r.string('history-table', {
    default: 'schema_history',
    pattern: IDENTIFIER,
    patternHint: 'a table name (letters, digits, _ $; at most 59 characters)',
  });
  const targetVersion = r.string('target-version', { pattern: VERSION_PATTERN, patternHint: 'a version such as 3, 1.2 or 1_10' });
  const snapshotBefore = r.bool('snapshot-before', { default: false });
  if (snapshotBefore && !rdsInstanceId)
    throw new InputError('snapshot-before', 'is true but rds-instance-id is not set: snapshots are taken of an RDS instance');
  const sslCa = r.string('ssl-ca');
  if (sslCa && !existsSync(sslCa)) throw new InputError('ssl-ca', `${show(sslCa)} does not exist: give the path of a PEM CA bundle`);
  if (sslCa && (sslMode === 'disabled' || sslMode === 'required'))
    throw new InputError('ssl-ca', `is set but ssl-mode is ${sslMode}, which does not verify the server: use verify-ca or verify-identity`);
  const endpointUrl = r.string('endpoint-url');
  if (endpointUrl) r.url('endpoint-url');
  // With rds-instance-id, host and port are '' and 3306 until the lookup fills them in.
  const target: DbTarget = { ...conn, sslMode, sslCa, rds: false };
  return {
    target,
    databaseUrl,
    host: conn.host,
    port: conn.port,
    user: conn.user,
    password: conn.password,
    database: conn.database,
    sslMode,
    sslCa,
    rdsInstanceId,
    awsRegion: r.string('aws-region'),
    endpointUrl,
    snapshotBefore,
    rdsTimeout: r.duration('rds-timeout', { default: '30m', min: 1000 }),
    migrationsDir,
    seedDir: r.string('seed-dir'),
    historyTable,
    targetVersion: targetVersion ? normalizeVersion(targetVersion) : '',
    dryRun: r.bool('dry-run', { default: false }),
    createDatabase: r.bool('create-database', { default: false }),
    repair: r.bool('repair', { default: false }),
    phase: r.enum('phase', PHASES, { default: 'all' }),
    onlineDdl: r.enum('online-ddl', ONLINE_DDL, { default: 'off' }),
    connectTimeout: r.duration('connect-timeout', { default: '60s', min: 1000 }),
    lockTimeout: r.duration('lock-timeout', { default: '10m' }),
  };
}
