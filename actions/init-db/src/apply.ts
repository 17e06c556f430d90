/**
 * Applies one file, statement by statement, and records the outcome honestly:
 * a success row only after every statement ran; on the first failing
 * statement a failure row (success = 0) with its number and the server's
 * error, then a Failure that names the file, the line and the statement.
 */
import { relative } from 'node:path';
import type { Connection } from 'mysql2/promise';
import { redact, Failure } from '@switchyard/kit';
import { dbErrorText, sendBatch, type BatchError, type History, type RecordRow } from './db';
import { label, type MigrationFile, type RunInfo, type Statement } from './model';

export interface Applied {
  ms: number;
}

export class MigrationFailedError extends Failure {
  override readonly name: string = 'MigrationFailedError';
  constructor(
    message: string,
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

export interface ApplyOptions {
  sqlFor?: SqlFor;
  /** Statements 1..n already committed by an earlier, interrupted run of this unchanged file: not run again. */
  resumeAfter?: number;
  /** Why the run is being cancelled (a signal), or undefined; checked before each statement. */
  cancelled?: () => string | undefined;
  /** Told when a statement of the file is sent (true) and when it has ended (false). */
  running?: (inFlight: boolean) => void;
  /** Step-debug line before each statement. */
  debug?: (line: string) => void;
  cwd?: string;
}

/** The error a progress record carries until the file finishes: what the next run reads if this one never does. */
export const INTERRUPTED = 'interrupted: the run stopped before this file finished (runner cancelled or killed, or the connection to the server lost)';

/** Largest round trip of a file's trailing transaction (bytes of SQL): far below any max_allowed_packet. */
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
  | { role: 'start'; before: number };

/**
 * A file whose statements commit one by one (DDL) gets a progress record (success = 0,
 * "interrupted") once its first statement committed, and an update after each further one, so a run
 * that dies — the server killed, the runner gone — leaves a record of exactly which statements
 * committed. The record becomes the success (or the failure) when the file ends.
 */
export async function applyFile(conn: Connection, history: History, file: MigrationFile, run: RunInfo, opts: ApplyOptions = {}): Promise<Applied> {
  const started = performance.now();
  const sqlFor = opts.sqlFor ?? ((s: Statement) => s.sql);
  const skip = opts.resumeAfter ?? 0;
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
  let tail = file.statements.length; // statements after `tail` (1-based) share the final transaction
  while (tail > 0 && isPlainDml(file.statements[tail - 1]!.sql)) tail--;
  const inTransaction = tail < file.statements.length;
  const last = file.statements.length;
  // Statements that commit on their own are ahead: keep a progress record.
  const progress = tail > skip;
  const outcome = (row: Omit<RecordRow, keyof typeof base>) => (progress ? history.updateSql(row, base) : history.insertSql({ ...base, ...row }));
  // Bookkeeping rides in the round trip of the statement it belongs to; the server stops a batch at
  // its first error. The progress record is written right after the first statement commits (a run
  // that dies before that has committed nothing of the file: the next run applies it from the start),
  // or, when resuming, before the first statement that runs; "committed" follows each statement
  // that commits on its own; the success record and COMMIT go with the last statement of the
  // final transaction.
  const startRecord = (committed: number) =>
    history.insertSql({ ...base, executionMs: 0, success: false, failedStatement: committed + 1, committedStatements: committed, error: INTERRUPTED });
  let before: string[] = progress && skip > 0 ? [startRecord(skip)] : [];
  let committedSoFar = skip;
  let recordedWithLast = false;
  for (const trip of roundTrips(file.statements, tail, skip)) {
    const first = trip[0]!;
    const several = trip.length > 1;
    const parts: Part[] = [];
    try {
      const cancel = opts.cancelled?.();
      if (cancel) throw new CancelledError(`${cancel}: cancelled before statement ${first.index} ran`);
      const batch: string[] = [];
      const add = (part: Part, ...sqls: string[]) => sqls.forEach((sql) => (batch.push(sql), parts.push(part)));
      add({ role: 'progress', after: first.index - 1 }, ...before);
      before = [];
      for (const s of trip) {
        if (s.index === tail + 1) add({ role: 'start', before: s.index }, 'START TRANSACTION');
        add({ role: 'statement', index: s.index }, sqlFor(s));
        if (s.index === last) {
          // The file's outcome right after its last statement: in its transaction, or (no transaction)
          // as the record of the statement that committed last.
          const ms = Math.round(performance.now() - started);
          const done = { executionMs: ms, success: true, failedStatement: null, committedStatements: null, error: null };
          if (inTransaction) add({ role: 'outcome' }, outcome(done), 'COMMIT');
          else add({ role: 'progress', after: last }, s.index === 1 ? history.insertSql({ ...base, ...done }) : outcome(done));
          recordedWithLast = true;
        } else if (progress && s.index <= tail) {
          add({ role: 'progress', after: s.index }, s.index === 1 ? startRecord(1) : history.progressSql(s.index, base));
        }
      }
      opts.debug?.(
        several
          ? `${label(file)} statements ${first.index}–${trip.at(-1)!.index} (lines ${first.line}–${trip.at(-1)!.line}) start in one round trip`
          : `${label(file)} statement ${first.index} (line ${first.line}) starts`,
      );
      opts.running?.(true);
      try {
        await sendBatch(conn, batch);
      } finally {
        opts.running?.(false);
      }
      committedSoFar = Math.max(committedSoFar, Math.min(trip.at(-1)!.index, tail));
    } catch (e) {
      const cancel = opts.cancelled?.();
      const error = e instanceof CancelledError ? e.message : `${cancel ? `${cancel}: ` : ''}${dbErrorText(e, history.server)}`;
      // Roll back our transaction, or one the file opened (as the mysql client does on exit).
      await conn.query('ROLLBACK').catch(() => undefined);
      let failure: { at: Statement; committed: number; error: string } = {
        at: first,
        committed: first.index > tail ? tail : Math.max(committedSoFar, first.index - 1),
        error,
      };
      // Where the round trip stopped: the statements that ended before the error, as the driver counts them.
      const part = e instanceof CancelledError ? undefined : parts[(e as BatchError).completed ?? -1];
      if (part?.role === 'statement' || part?.role === 'start') {
        const k = part.role === 'statement' ? part.index : part.before;
        failure = { at: file.statements[k - 1]!, committed: k > tail ? tail : k - 1, error };
      } else if (part?.role === 'outcome')
        failure = { at: file.statements[last - 1]!, committed: tail, error: `recording the file as applied failed: ${error}` };
      else if (part?.role === 'progress' && part.after === last)
        // Every statement committed; only the success record is missing.
        throw new Failure(
          redact(
            `${label(file)} ran, but recording it in ${history.table} failed: ${error}. ${span(1, tail, 'Statement', 'Statements')} stay${tail === 1 ? 's' : ''} committed. The history does not show the file as applied: check the schema before the next run.`,
          ),
        );
      else if (part?.role === 'progress' && part.after > 0)
        failure = {
          at: file.statements[part.after]!,
          committed: part.after,
          error: `statement ${part.after} committed, but recording its progress failed: ${error}`,
        };
      const { at: stmt, committed, error: text } = failure;
      const ms = Math.round(performance.now() - started);
      const sent = sqlFor(stmt);
      let recorded = `recorded as failed in ${history.table} (success = 0, statement ${stmt.index})`;
      const row = { executionMs: ms, success: false, failedStatement: stmt.index, committedStatements: committed, error: text.slice(0, 60_000) };
      try {
        if (!(progress && (await history.update(row, base)))) await history.record({ ...base, ...row });
      } catch (re) {
        recorded = progress
          ? several
            ? `not recorded (${dbErrorText(re, history.server)}), but its progress record in ${history.table}, written in the round trip of each statement that commits on its own, says how far the server got: statements ${first.index}–${trip.at(-1)!.index} were sent in one round trip`
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
        stmt.index,
        ms,
        text,
      );
    }
  }
  if (!recordedWithLast) {
    // A file without statements (only comments): its record on its own.
    const ms = Math.round(performance.now() - started);
    try {
      await conn.query(outcome({ executionMs: ms, success: true, failedStatement: null, committedStatements: null, error: null }));
    } catch (e) {
      throw new Failure(redact(`${label(file)} has no statements, and recording it in ${history.table} failed: ${dbErrorText(e, history.server)}.`));
    }
  }
  return { ms: Math.round(performance.now() - started) };
}

/** A cancel noticed between statements. */
class CancelledError extends Error {}

/** What the appended online-DDL clauses mean for a failure: the server's refusal to lock or copy, or something else. */
export function onlineDdlNote(clauses: string, errno: number | undefined): string {
  if (errno === 1845 || errno === 1846)
    return `Sent with ${clauses} (online-ddl): the server refuses to run this statement without locking or copying the table, so nothing of it ran. Run it in a quiet window with online-ddl: off, or with an online schema-change tool (gh-ost, pt-online-schema-change), or rewrite it as an expand step the server can do online.`;
  return `Sent with ${clauses} appended (online-ddl).`;
}
