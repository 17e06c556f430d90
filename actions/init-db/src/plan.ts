/**
 * Compares the files with the history table and decides, before anything is
 * applied: what is pending, what already ran, and what must stop the run
 * (a failed record, drift, a version that would run out of order).
 */
import { compareVersions } from './files';
import { label, type HistoryRow, type LintFinding, type MigrationFile, type Phase } from './model';
import { firstLine } from './sql';

export interface Drift {
  file: MigrationFile;
  row: HistoryRow;
}

export interface Plan {
  /** History rows with success = 0: the run must refuse until they are repaired. */
  failed: HistoryRow[];
  /** Applied versioned files whose content changed since. */
  drift: Drift[];
  /** Versioned files older than the newest applied version that never ran. */
  outOfOrder: MigrationFile[];
  /** Applied versions with no file in migrations-dir (a newer release ran here, or a file was deleted). */
  missing: HistoryRow[];
  /** To apply, in order: versioned (by version), then repeatables, then seeds. */
  pending: MigrationFile[];
  /** Versioned files above target-version, left for later. */
  beyondTarget: MigrationFile[];
  /** Versioned files already applied, with their record. */
  applied: Drift[];
  /** Highest successfully applied version before this run ('' when none). */
  currentVersion: string;
}

const maxVersion = (versions: string[]) => versions.reduce((a, v) => (a === '' || compareVersions(v, a) > 0 ? v : a), '');

export function makePlan(files: MigrationFile[], history: HistoryRow[], opts: { targetVersion?: string } = {}): Plan {
  const failed = history.filter((r) => !r.success);
  const ok = history.filter((r) => r.success);
  const byVersion = new Map<string, HistoryRow>();
  for (const r of ok) if (r.type === 'versioned' && r.version !== null) byVersion.set(r.version, r);
  // Repeatables and seeds: the latest successful record of each script counts.
  const latest = new Map<string, HistoryRow>();
  for (const r of ok) if (r.type !== 'versioned') latest.set(`${r.type}:${r.script}`, r);

  const currentVersion = maxVersion([...byVersion.keys()]);
  const drift: Drift[] = [];
  const applied: Drift[] = [];
  const outOfOrder: MigrationFile[] = [];
  const pending: MigrationFile[] = [];
  const beyondTarget: MigrationFile[] = [];
  const fileVersions = new Set<string>();
  for (const file of files) {
    if (file.kind !== 'versioned') continue;
    const v = file.version!;
    fileVersions.add(v);
    const row = byVersion.get(v);
    if (row) {
      (row.checksum === file.checksum ? applied : drift).push({ file, row });
    } else if (currentVersion && compareVersions(v, currentVersion) < 0) {
      outOfOrder.push(file);
    } else if (opts.targetVersion && compareVersions(v, opts.targetVersion) > 0) {
      beyondTarget.push(file);
    } else {
      pending.push(file);
    }
  }
  for (const file of files) {
    if (file.kind === 'versioned') continue;
    const row = latest.get(`${file.kind}:${file.script}`);
    if (!row || row.checksum !== file.checksum) pending.push(file);
  }
  const missing = [...byVersion.values()].filter((r) => !fileVersions.has(r.version!));
  return { failed, drift, outOfOrder, missing, pending, beyondTarget, applied, currentVersion };
}

/** The refusal for failed records: what happened, what to check, how to go on. */
export function failedMessage(rows: HistoryRow[], historyTable: string): string {
  const lines = rows.map((r) => {
    const stmt = r.failedStatement ?? 0;
    const committed = r.committedStatements ?? Math.max(0, stmt - 1);
    const done =
      committed === 0 ? 'none of its statements is committed' : committed === 1 ? 'statement 1 is committed' : `statements 1–${committed} are committed`;
    const rolled =
      stmt - 1 > committed
        ? ` (${stmt - 1 - committed === 1 ? `statement ${stmt - 1} was` : `statements ${committed + 1}–${stmt - 1} were`} rolled back with the failing one)`
        : '';
    return `- ${label({ kind: r.type, version: r.version, script: r.script })} failed at statement ${stmt} in run ${r.runId} by ${r.appliedBy} at ${r.appliedAt} UTC: ${r.error ?? 'unknown error'}; ${done}${rolled}.`;
  });
  return [
    `${rows.length === 1 ? 'A migration' : `${rows.length} migrations`} failed in an earlier run and the database may be half-migrated; refusing to continue past it:`,
    ...lines,
    ...(rows.some((r) => r.error?.startsWith('interrupted') || /cancelled/.test(r.error ?? ''))
      ? [
          `A run that was cut off (interrupted or cancelled) left its file unfinished: the statements counted as committed did commit; the one it was running had not completed (a server kill can leave a DDL statement done, so check that one). To resume, leave the file unchanged and run once with repair: true: it goes on from the first statement that did not commit, and nothing runs twice.`,
        ]
      : []),
    `Check the schema against the statements of that file: undo what the committed statements did (or make them safe to run again), fix the file, then run once with repair: true. Repair deletes only the failed record(s) (success = 0) from ${historyTable}; a changed file then runs again from its first statement, an unchanged one resumes after its committed statements.`,
  ].join('\n');
}

export function driftMessage(drift: Drift[]): string {
  return [
    `${drift.length === 1 ? 'An applied migration has changed since it ran' : `${drift.length} applied migrations have changed since they ran`} (drift); nothing was applied:`,
    ...drift.map(
      ({ file, row }) =>
        `- ${file.script}: applied at ${row.appliedAt} UTC by ${row.appliedBy} (run ${row.runId}) with checksum ${row.checksum.slice(0, 12)}…, the file now has ${file.checksum.slice(0, 12)}…`,
    ),
    'Comments and whitespace outside strings do not count, so a statement, string or identifier was changed. Restore the file as it was applied and put the change in a new V<version>__ migration.',
  ].join('\n');
}

export function outOfOrderMessage(files: MigrationFile[], currentVersion: string): string {
  return [
    `${files.length === 1 ? 'A migration is' : `${files.length} migrations are`} older than the database's current version ${currentVersion} but never ran; nothing was applied:`,
    ...files.map((f) => `- ${f.script}`),
    `Give ${files.length === 1 ? 'it a version' : 'them versions'} above ${currentVersion} (rename the file${files.length === 1 ? '' : 's'}), so every database applies migrations in one order.`,
  ].join('\n');
}

/** What a run of one phase applies now, and what stays pending for the other phase. */
export interface PhasePlan {
  apply: MigrationFile[];
  waiting: { file: MigrationFile; why: string }[];
}

/**
 * Splits the pending files by phase, keeping the one version order: `expand` applies the
 * versioned expand files up to the first contract file (it and everything after it wait);
 * `contract` applies the contract files that come first (everything before them is applied,
 * so their expand side is live) up to the next expand file; `all` applies everything.
 * Repeatable and seed files go with the phase their header names.
 */
export function selectPhase(pending: MigrationFile[], phase: Phase): PhasePlan {
  if (phase === 'all') return { apply: pending, waiting: [] };
  const apply: MigrationFile[] = [];
  const waiting: PhasePlan['waiting'] = [];
  let blocker: MigrationFile | undefined;
  for (const f of pending.filter((p) => p.kind === 'versioned')) {
    if (!blocker && f.phase === phase) apply.push(f);
    else {
      if (!blocker) blocker = f;
      const why =
        f === blocker
          ? f.phase === 'contract'
            ? 'contract migration: applied by phase contract, after the switch'
            : 'expand migration: applied by phase expand, before the next deploy'
          : `after ${label(blocker)}, which ${blocker.phase === 'contract' ? 'waits for phase contract' : 'waits for phase expand'}`;
      waiting.push({ file: f, why });
    }
  }
  for (const f of pending.filter((p) => p.kind !== 'versioned')) {
    if (f.phase === phase) apply.push(f);
    else waiting.push({ file: f, why: `${f.phase} file: applied by phase ${f.phase}` });
  }
  return { apply, waiting };
}

/** Findings that an expand migration must not contain: they break the colour that is still live. */
export const breaksLiveColour = (f: LintFinding) => f.phase === 'expand' && (f.class === 'destructive' || f.class === 'incompatible');

/** The expand-phase refusal: each statement, why, and the fix. */
export function unsafeExpandMessage(findings: LintFinding[], files: MigrationFile[]): string {
  const scripts = [...new Set(findings.map((f) => f.script))];
  const lines = findings.map((f) => {
    const file = files.find((x) => x.script === f.script);
    const stmt = file?.statements[f.statement - 1];
    return `- ${file ? label(file) : f.script} statement ${f.statement} (line ${f.line}): ${stmt ? firstLine(stmt.sql, 80) : ''} — ${f.class}: ${f.reason}`;
  });
  return [
    `${scripts.length === 1 ? 'An expand migration' : `${scripts.length} expand migrations`} would break the colour that is still live; refusing phase expand before applying anything:`,
    ...lines,
    `Fix: an expand migration may only add (tables, nullable columns or columns with a default, indexes, backfills). Split ${scripts.length === 1 ? 'it' : 'each'}: keep the additions, and move the drop / rename / NOT NULL into a new migration whose first line is -- init-db: contract; phase contract applies it after the switch, once no running colour uses the old schema. (If the file already is that contract step, add the marker.)`,
  ].join('\n');
}
