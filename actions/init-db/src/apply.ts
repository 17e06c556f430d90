/**
 * Applies files in order and records each outcome honestly: a success row only
 * after every statement of the file ran; on the first failing statement a
 * failure row (success = 0) with its number and the server's error, then a
 * Failure that names the file, the line and the statement. Consecutive files
 * share round trips (their bookkeeping rides along), so the server is never
 * left waiting for the client between them.
 */
import { relative } from 'node:path';
import type { Connection } from 'mysql2/promise';
import { redact, Failure } from '@switchyard/kit';
import { dbErrorText, ER_SUBQUERY_NO_1_ROW, sendBatch, startClock, type BatchError, type History, type Outcome, type RecordKey, type RecordRow } from './db';
import { isLiteralInsert } from './classify';
import { label, type MigrationFile, type RunInfo, type Statement } from './model';

export class MigrationFailedError extends Failure {
  override readonly name: string = 'MigrationFailedError';
  constructor(
    message: string,
    readonly file: MigrationFile,
    readonly statement: number,
    readonly ms: number,
    readonly serverError: string,
  ) {
    super(message);
  }
}

/** The first lines of a statement, indented, for an error report. */
export function excerpt(sql: string, lines = 6): string {
  const all = sql.split('\n');
  const shown = all.slice(0, lines).map((l) => `    ${l}`);
  if (all.length > lines) shown.push(`    … (${all.length - lines} more line${all.length - lines === 1 ? '' : 's'})`);
  return shown.join('\n');
}

/**
 * Statements that never commit implicitly. A file's trailing run of them (all of a
 * data-only file, the INSERTs after a CREATE TABLE) runs in one transaction together
 * with the file's history record: they are recorded exactly when they are committed,
 * and one commit is paid instead of one per statement.
 */
export const isPlainDml = (sql: string) => /^(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);

/** Statements that answer with rows (one result set or, for CALL and EXECUTE, possibly several). */
export const mayReturnRows = (sql: string) =>
  /^(SELECT|SHOW|CALL|EXECUTE|DESCRIBE|DESC|EXPLAIN|WITH|VALUES|TABLE|HANDLER|CHECK|CHECKSUM|ANALYZE|OPTIMIZE|REPAIR|\()/i.test(sql);

const span = (from: number, to: number, one: string, many: string) => (from === to ? `${one} ${from}` : `${many} ${from}–${to}`);

/** What a failure at statement `failed` left behind, given `committed` statements known committed. */
export function leftBehind(failed: number, committed: number): string {
  const done =
    committed > 0
      ? `${span(1, committed, 'Statement', 'Statements')} of this file ran and ${committed === 1 ? 'is' : 'are'} committed (each on its own: MySQL commits DDL at once).`
      : 'No statement of this file is committed.';
  const rolled =
    failed - 1 > committed
      ? ` ${span(committed + 1, failed - 1, 'Statement', 'Statements')} ran in one transaction with the failing one and ${failed - 1 - committed === 1 ? 'was' : 'were'} rolled back (on transactional tables such as InnoDB).`
      : '';
  return done + rolled;
}

/** The text sent for a statement (the online-DDL clauses appended, or as written). */
export type SqlFor = (stmt: Statement) => string;

/** The error a progress record carries until the file finishes: what the next run reads if this one never does. */
export const INTERRUPTED = 'interrupted: the run stopped before this file finished (runner cancelled or killed, or the connection to the server lost)';

/** Largest round trip (bytes of SQL) that files share or a long trailing transaction is cut into: far below any max_allowed_packet. */
const MAX_BATCH = 1 << 20;

/**
 * A file's statements in round trips: each statement that commits on its own (DDL) before the last
 * one gets its own (a cancel is checked between them); the last one that commits on its own and the
 * trailing transaction after it share one, cut at MAX_BATCH.
 */
export function roundTrips(statements: Statement[], tail: number, skip: number, maxBytes = MAX_BATCH): Statement[][] {
  const trips: Statement[][] = [];
  let bytes = 0;
  for (const s of statements.slice(skip)) {
    const current = trips.at(-1);
    if (s.index > tail && current && current[0]!.index >= tail && bytes + s.sql.length <= maxBytes) {
      current.push(s);
      bytes += s.sql.length;
    } else {
      trips.push([s]);
      bytes = s.sql.length;
    }
  }
  return trips;
}

/**
 * What each statement of a round trip is, so an error can be placed: the server stops a round trip
 * at its first error, and the driver says how many statements ended before it.
 */
type Part =
  | { role: 'statement'; index: number }
  /** The history write after statement `after` (0: before the first statement, when resuming). */
  | { role: 'progress'; after: number }
  /** The file's success record and COMMIT, or START TRANSACTION before statement `before`. */
  | { role: 'outcome' }
  | { role: 'start'; before: number }
  /** The file's start on the server's clock, and the lock check (startClock), before anything of it runs. */
  | { role: 'clock' }
  /** The success record of a file without statements. */
  | { role: 'empty' };

interface Piece {
  sql: string;
  part: Part;
}

/** One file of a run: its round trips, built before anything is sent, and how far it got. */
interface FileRun {
  file: MigrationFile;
  base: RecordKey & Omit<RecordRow, keyof Outcome>;
  /** Statements after `tail` (1-based) share the file's final transaction. */
  tail: number;
  /** Statements that commit on their own are ahead: the file keeps a progress record. */
  progress: boolean;
  trips: Piece[][];
  /** Statements known committed (after each of its round trips, and from an earlier run when resuming). */
  committed: number;
  /** When its first statement was sent or became next (performance.now()). */
  started: number;
}

export interface FileWork {
  file: MigrationFile;
  /** Statements 1..n already committed by an earlier, interrupted run of this unchanged file: not run again. */
  resumeAfter?: number;
}

/** Most files one round trip carries (a cancel interrupts the statement in flight; the next round trip is not sent). */
export const FILES_PER_TRIP = 20;

/**
 * Which of the files' round trips go together (indexes into `sizes`, [file, trip]): a file's first
 * round trip joins the one before when that one ends its file, up to `files` files and `maxBytes`
 * of SQL. A file's own round trips stay apart (a cancel is checked between them).
 */
export function composeTrips(sizes: number[][], files = FILES_PER_TRIP, maxBytes = MAX_BATCH): [number, number][][] {
  const out: [number, number][][] = [];
  let bytes = 0;
  sizes.forEach((trips, f) =>
    trips.forEach((size, t) => {
      const current = out.at(-1);
      const [pf, pt] = current?.at(-1) ?? [-1, -1];
      if (current && t === 0 && pt === sizes[pf]!.length - 1 && current.length < files && bytes + size <= maxBytes) {
        current.push([f, t]);
        bytes += size;
      } else {
        out.push([[f, t]]);
        bytes = size;
      }
    }),
  );
  return out;
}

/**
 * A file whose statements commit one by one (DDL) gets a progress record (success = 0,
 * "interrupted") once its first statement committed, and an update after each further one, so a run
 * that dies — the server killed, the runner gone — leaves a record of exactly which statements
 * committed. The record becomes the success (or the failure) when the file ends.
 */
function prepare(history: History, file: MigrationFile, run: RunInfo, sqlFor: SqlFor, skip: number, clock: string): FileRun {
  const base = {
    version: file.version ?? null,
    description: file.description,
    type: file.kind,
    script: file.script,
    checksum: file.checksum,
    appliedBy: run.appliedBy,
    runId: run.runId,
    runUrl: run.runUrl,
    phase: file.phase,
  };
  let tail = file.statements.length;
  while (tail > 0 && isPlainDml(file.statements[tail - 1]!.sql)) tail--;
  const inTransaction = tail < file.statements.length;
  const last = file.statements.length;
  // After the file's last statement that commits on its own, a trailing run of literal INSERTs
  // (isLiteralInsert) ends in a moment, as the progress write itself would: the record of that
  // statement rides in the final commit instead of a commit of its own (see the README's
  // "Performance"). Anything that may run long after it (a backfill UPDATE, INSERT … SELECT) keeps it.
  const quickTail = inTransaction && file.statements.slice(tail).every((s) => isLiteralInsert(s.sql));
  const recordAfter = (k: number) => k < tail || !quickTail;
  // A progress record exists when the outcome is written: written before the first statement that
  // runs (resuming), or after one that is not the last (statement 1 of 2+, unless a quick tail follows it).
  const progress = tail > skip && (skip > 0 || tail > 1 || (inTransaction && !quickTail));
  // The outcome's execution_ms is measured on the server, from the file's clock piece.
  const done = { executionMs: 0, success: true, failedStatement: null, committedStatements: null, error: null };
  const outcome = () => (progress ? history.updateSql(done, base, true) : history.insertSql({ ...base, ...done }, true));
  const startRecord = (committed: number) =>
    history.insertSql({ ...base, executionMs: 0, success: false, failedStatement: committed + 1, committedStatements: committed, error: INTERRUPTED });
  // Bookkeeping rides in the round trip of the statement it belongs to; the server stops a batch at
  // its first error. The progress record is written right after the first statement commits (a run
  // that dies before that has committed nothing of the file: the next run applies it from the start),
  // or, when resuming, before the first statement that runs; "committed" follows each statement
  // that commits on its own; the success record and COMMIT go with the last statement of the
  // final transaction.
  let before: Piece[] = [{ part: { role: 'clock' }, sql: clock }];
  if (progress && skip > 0) before.push({ part: { role: 'progress', after: skip }, sql: startRecord(skip) });
  const trips: Piece[][] = [];
  for (const trip of roundTrips(file.statements, tail, skip)) {
    let pieces = before;
    before = [];
    const add = (part: Part, sql: string) => pieces.push({ part, sql });
    for (const s of trip) {
      if (s.index === tail + 1) add({ role: 'start', before: s.index }, 'START TRANSACTION');
      add({ role: 'statement', index: s.index }, sqlFor(s));
      // The driver counts result sets, not statements (a CALL may answer with several): a statement
      // that may return rows ends its round trip, so every count before it stays exact, and its
      // bookkeeping opens the next one.
      if (mayReturnRows(s.sql)) {
        trips.push(pieces);
        pieces = [];
      }
      if (s.index === last) {
        // The file's outcome right after its last statement: in its transaction, or (no transaction)
        // as the record of the statement that committed last.
        if (inTransaction) {
          add({ role: 'outcome' }, outcome());
          add({ role: 'outcome' }, 'COMMIT');
        } else add({ role: 'progress', after: last }, outcome());
      } else if (progress && s.index <= tail && recordAfter(s.index)) {
        add({ role: 'progress', after: s.index }, s.index === 1 ? startRecord(1) : history.progressSql(s.index, base));
      }
    }
    if (pieces.length) trips.push(pieces);
  }
  // A file without statements (only comments): its record on its own.
  if (trips.length === 0) trips.push([...before, { part: { role: 'empty' }, sql: outcome() }]);
  return { file, base, tail, progress, trips, committed: skip, started: 0 };
}

export interface ApplyOptions {
  sqlFor?: SqlFor;
  /** Why the run is being cancelled (a signal), or undefined; checked before each round trip. */
  cancelled?: () => string | undefined;
  /** Told when a round trip is sent (true) and when it has ended (false). */
  running?: (inFlight: boolean) => void;
  /**
   * The migration lock: `check` runs before each round trip that starts a file (throws to stop);
   * a file that starts inside a round trip is checked by the server (`held`, an SQL condition),
   * which stops the round trip there with `lost()` as the error.
   */
  lock?: { check: () => Promise<void>; held: string; lost: () => Error };
  /** Told of each file as soon as the server has committed it (its round trip may go on). */
  applied?: (file: MigrationFile, ms: number) => void;
  /** Step-debug line as each statement starts. */
  debug?: (line: string) => void;
  cwd?: string;
}

/**
 * Applies files in order, in as few round trips as their statements allow (composeTrips): the
 * server runs the next file while the last one is being logged. Each file is recorded as
 * prepare's comment says; on the first error the files before it stay applied, and a
 * MigrationFailedError names the file, the statement and what stays committed.
 */
export async function applyFiles(conn: Connection, history: History, work: FileWork[], run: RunInfo, opts: ApplyOptions = {}): Promise<void> {
  const sqlFor = opts.sqlFor ?? ((s: Statement) => s.sql);
  const clock = startClock(opts.lock?.held);
  const runs = work.map((w) => prepare(history, w.file, run, sqlFor, w.resumeAfter ?? 0, clock));
  const sizes = runs.map((r) => r.trips.map((t) => t.reduce((n, p) => n + p.sql.length, 0)));
  for (const composed of composeTrips(sizes)) {
    type Flat = Piece & { run: FileRun; ends: boolean };
    const flat: Flat[] = composed.flatMap(([f, t]) => {
      const r = runs[f]!;
      const ends = t === r.trips.length - 1;
      return r.trips[t]!.map((p, i, all) => ({ ...p, run: r, ends: ends && i === all.length - 1 }));
    });
    const head = flat[0]!.run;
    const startsFile = composed[0]![1] === 0;
    const cancel = opts.cancelled?.();
    if (cancel && startsFile)
      throw new Failure(`${cancel} before ${label(head.file)} started: nothing of it ran`, { hint: 'run the job again: it goes on from there' });
    if (startsFile) await opts.lock?.check();
    if (startsFile) head.started = performance.now();
    // Statements as the server reaches them: the next one starts when the one before has ended.
    const starts = (k: number) => {
      const p = flat[k];
      if (p?.part.role === 'statement') {
        const s = p.run.file.statements[p.part.index - 1]!;
        opts.debug?.(`${label(p.run.file)} statement ${s.index} (line ${s.line}) starts`);
      }
    };
    let cursor = 0;
    const ended = (upTo: number) => {
      for (; cursor <= upTo && cursor < flat.length; cursor++) {
        const p = flat[cursor]!;
        const at = performance.now();
        if (p.ends) opts.applied?.(p.run.file, Math.round(at - p.run.started));
        const next = flat[cursor + 1];
        if (next && next.run !== p.run) next.run.started = at;
        starts(cursor + 1);
      }
    };
    try {
      // A round trip of bookkeeping only (after a statement that returned rows) still goes: it records what ran.
      const next = statementsOf(flat, head)[0];
      if (cancel && next) throw new CancelledError(`${cancel}: cancelled before statement ${next} ran`);
      if (opts.debug) {
        const files = [...new Set(flat.map((p) => label(p.run.file)))];
        opts.debug(
          `one round trip of ${flat.length} statements (bookkeeping included): ${files.length === 1 ? files[0] : `${files.length} files, ${files[0]} to ${files.at(-1)}`}`,
        );
        starts(0);
      }
      opts.running?.(true);
      try {
        await sendBatch(
          conn,
          flat.map((p) => p.sql),
          ended,
        );
      } finally {
        opts.running?.(false);
      }
      for (const p of flat) if (p.part.role === 'statement') p.run.committed = Math.max(p.run.committed, Math.min(p.part.index, p.run.tail));
    } catch (e) {
      // A statement that returns several result sets (CALL) ends its round trip: a count beyond the last piece is that statement.
      const completed = (e as BatchError).completed;
      const stopped = e instanceof CancelledError || completed === undefined ? undefined : flat[Math.min(completed, flat.length - 1)];
      await recordFailure(conn, history, stopped?.run ?? head, flat, stopped?.part, e, sqlFor, opts);
    }
  }
}

/** The statements (1-based) of file `r` in a round trip. */
const statementsOf = (flat: (Piece & { run: FileRun })[], r: FileRun): number[] =>
  flat.flatMap((p) => (p.run === r && p.part.role === 'statement' ? [p.part.index] : []));

/**
 * Where the round trip stopped in file `r` (`part`: the statement the server was at, or undefined:
 * before the first one), what stays committed, the failure record, and the error. Always throws.
 */
async function recordFailure(
  conn: Connection,
  history: History,
  r: FileRun,
  flat: (Piece & { run: FileRun })[],
  part: Part | undefined,
  e: unknown,
  sqlFor: SqlFor,
  opts: ApplyOptions,
): Promise<never> {
  const { file, base, tail, progress } = r;
  const last = file.statements.length;
  const mine = statementsOf(flat, r);
  const several = mine.length > 1;
  const cancel = opts.cancelled?.();
  const error = e instanceof CancelledError ? e.message : `${cancel ? `${cancel}: ` : ''}${dbErrorText(e, history.server)}`;
  // Roll back our transaction, or one the file opened (as the mysql client does on exit).
  await conn.query('ROLLBACK').catch(() => undefined);
  if (part?.role === 'clock') {
    // Stopped before anything of the file ran: nothing to record.
    if ((e as { errno?: number }).errno === ER_SUBQUERY_NO_1_ROW && opts.lock) throw opts.lock.lost();
    throw new Failure(
      redact(cancel ? `${cancel} before ${label(file)} started: nothing of it ran` : `${label(file)} did not start: ${error}. Nothing of it ran.`),
      {
        hint: 'run the job again: it goes on from there',
      },
    );
  }
  if (part?.role === 'empty' || last === 0)
    throw new Failure(redact(`${label(file)} has no statements, and recording it in ${history.table} failed: ${error}.`));
  if (part?.role === 'progress' && part.after === last)
    // Every statement committed; only the success record is missing.
    throw new Failure(
      redact(
        `${label(file)} ran, but recording it in ${history.table} failed: ${error}. ${span(1, tail, 'Statement', 'Statements')} stay${tail === 1 ? 's' : ''} committed. The history does not show the file as applied: check the schema before the next run.`,
      ),
    );
  // The file's first statement in this round trip (or, in one of bookkeeping only, the next to run).
  const first = file.statements[(mine[0] ?? Math.min(r.committed + 1, last)) - 1]!;
  let failure: { at: Statement; committed: number; error: string } = {
    at: first,
    committed: first.index > tail ? tail : Math.max(r.committed, first.index - 1),
    error,
  };
  if (part?.role === 'statement' || part?.role === 'start') {
    const k = part.role === 'statement' ? part.index : part.before;
    failure = { at: file.statements[k - 1]!, committed: k > tail ? tail : k - 1, error };
  } else if (part?.role === 'outcome') failure = { at: file.statements[last - 1]!, committed: tail, error: `recording the file as applied failed: ${error}` };
  else if (part?.role === 'progress' && part.after > 0)
    failure = {
      at: file.statements[part.after]!,
      committed: part.after,
      error: `statement ${part.after} committed, but recording its progress failed: ${error}`,
    };
  const { at: stmt, committed, error: text } = failure;
  const ms = Math.round(performance.now() - r.started);
  const sent = sqlFor(stmt);
  let recorded = `recorded as failed in ${history.table} (success = 0, statement ${stmt.index})`;
  const row = { executionMs: ms, success: false, failedStatement: stmt.index, committedStatements: committed, error: text.slice(0, 60_000) };
  try {
    if (!(progress && (await history.update(row, base)))) await history.record({ ...base, ...row });
  } catch (re) {
    recorded = progress
      ? several
        ? `not recorded (${dbErrorText(re, history.server)}), but its progress record in ${history.table}, written in the round trip of each statement that commits on its own, says how far the server got: statements ${first.index}–${mine.at(-1)!} were sent in one round trip`
        : `not recorded (${dbErrorText(re, history.server)}), but its progress record in ${history.table} says statement${committed === 1 ? '' : 's'} ${committed ? `1–${committed}` : 'none'} committed and statement ${stmt.index} was running`
      : `AND COULD NOT BE RECORDED in ${history.table} (${dbErrorText(re, history.server)}): check the schema by hand before the next run`;
  }
  const where = relative(opts.cwd ?? process.cwd(), file.path) || file.path;
  throw new MigrationFailedError(
    redact(
      [
        `${label(file)} failed at statement ${stmt.index} of ${file.statements.length} (${where}, line ${stmt.line}): ${text}`,
        excerpt(stmt.sql),
        ...(sent !== stmt.sql ? [onlineDdlNote(sent.slice(stmt.sql.length).replace(/^,?\s*/, ''), (e as { errno?: number }).errno)] : []),
        `${leftBehind(stmt.index, committed)} The failure is ${recorded}; the next run refuses to continue until the schema is checked and the run is repeated with repair: true.`,
      ].join('\n'),
    ),
    file,
    stmt.index,
    ms,
    text,
  );
}

/** A cancel noticed between statements. */
class CancelledError extends Error {}

/** What the appended online-DDL clauses mean for a failure: the server's refusal to lock or copy, or something else. */
export function onlineDdlNote(clauses: string, errno: number | undefined): string {
  if (errno === 1845 || errno === 1846)
    return `Sent with ${clauses} (online-ddl): the server refuses to run this statement without locking or copying the table, so nothing of it ran. Run it in a quiet window with online-ddl: off, or with an online schema-change tool (gh-ost, pt-online-schema-change), or rewrite it as an expand step the server can do online.`;
  return `Sent with ${clauses} appended (online-ddl).`;
}
