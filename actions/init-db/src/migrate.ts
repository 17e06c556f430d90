/**
 * One init-db run: read the files → (RDS: endpoint, wait available) → connect
 * → take the lock → read history → refuse on failed/drift/out-of-order →
 * (RDS: snapshot) → apply pending files in order → release. `RunState` is
 * filled as it goes, so outputs and the summary tell the truth even when the
 * run stops half-way.
 */
import type { RDSClient } from '@aws-sdk/client-rds';
import type { Connection, RowDataPacket } from 'mysql2/promise';
import { ConfigurationError, redact, runContext, runUrl, type Timing } from '@switchyard/kit';
import { applyFiles, MigrationFailedError } from './apply';
import { connect, currentColumns, dbErrorText, describeTarget, effectiveSslMode, History, ident, query, serverInfo } from './db';
import { compareVersions, readMigrations, readSeeds } from './files';
import type { Config } from './inputs';
import { lockName, MigrationLock, ownerFromContext } from './lock';
import { classify, lint, wantsColumns, withOnlineDdl, worst } from './classify';
import {
  label,
  type DbTarget,
  type LintFinding,
  type MigrationFile,
  type OnlineDdl,
  type Phase,
  type Row,
  type RunState,
  type Statement,
  type Status,
} from './model';
import {
  breaksLiveColour,
  driftMessage,
  failedMessage,
  makePlan,
  outOfOrderMessage,
  selectPhase,
  unsafeExpandMessage,
  type Plan,
  type PhasePlan,
} from './plan';
import { createRdsClient, createSnapshot, snapshotId, waitForInstance } from './rds';
import { firstLine } from './sql';

/** Runs `fn` inside a log group named after a phase (kit's core.group in the action). */
export type Group = <T>(name: string, fn: () => Promise<T>) => Promise<T>;

export interface Deps {
  log: (line: string) => void;
  warn: (line: string) => void;
  /** Aborted when the runner cancels the step (SIGINT/SIGTERM): the statement in flight is interrupted. */
  signal?: AbortSignal;
  /** Step-debug lines (core.debug in the action). */
  debug?: (line: string) => void;
  /** Log group per phase; default: no groups. */
  group?: Group;
  timing?: Timing;
  /** RDS client factory (tests pass a mocked one). */
  rdsClient?: () => Promise<RDSClient>;
  env?: NodeJS.ProcessEnv;
  /** Poll interval for RDS waits (ms). */
  rdsPollMs?: number;
}

export async function migrate(inputs: Config, state: RunState, deps: Deps): Promise<void> {
  const log = (line: string) => deps.log(redact(line));
  const group: Group = deps.group ?? ((_name, fn) => fn());
  const timing = deps.timing;
  const rdsPoll = { pollMs: deps.rdsPollMs, maxPollMs: deps.rdsPollMs };
  state.dryRun = inputs.dryRun;
  state.target = inputs.targetVersion;
  state.phase = inputs.phase;
  // Everything about the files is checked before any connection.
  const files = [...readMigrations(inputs.migrationsDir), ...(inputs.seedDir ? readSeeds(inputs.seedDir) : [])];
  const ctx = runContext(deps.env);
  const url = runUrl(ctx);

  let rds: RDSClient | undefined;
  let target: DbTarget = inputs.target;
  const conns = await group('Connect and lock', async () => {
    if (inputs.rdsInstanceId) {
      rds = await (deps.rdsClient ?? (() => createRdsClient({ region: inputs.awsRegion, endpointUrl: inputs.endpointUrl })))();
      log(`Looking up RDS instance ${inputs.rdsInstanceId}`);
      const ep = await waitForInstance(rds, inputs.rdsInstanceId, { timeoutMs: inputs.rdsTimeout, log, timing, ...rdsPoll });
      target = { ...target, host: ep.host, port: ep.port, rds: true };
      log(`RDS instance ${inputs.rdsInstanceId} is available at ${ep.host}:${ep.port} (${ep.engine})`);
    }
    const versions = files.filter((f) => f.kind === 'versioned').length;
    log(
      `${versions} versioned, ${files.length - versions} repeatable/seed file(s) read; connecting to ${describeTarget(target)} (TLS ${effectiveSslMode(target)})${inputs.dryRun ? ' for a dry run' : ''}`,
    );
    // Both take several statements a query (bookkeeping shares round trips). The lock gets its own
    // connection: it must outlive anything a migration does to the other one. Both are opened at once
    // (the lock's retries are not logged twice).
    const connectOpts = { withDatabase: false, timeoutMs: inputs.connectTimeout, timing, multipleStatements: true };
    const [main, side] = await Promise.allSettled([
      connect(target, { ...connectOpts, log }),
      inputs.dryRun ? Promise.resolve(undefined) : connect(target, { ...connectOpts, log: () => undefined }),
    ]);
    if (main.status === 'fulfilled' && side.status === 'fulfilled') return { conn: main.value, lockConn: side.value };
    if (main.status === 'fulfilled') await closeQuietly(main.value);
    if (side.status === 'fulfilled' && side.value) await closeQuietly(side.value);
    throw main.status === 'rejected' ? main.reason : (side as PromiseRejectedResult).reason;
  });
  const { conn, lockConn } = conns;
  const server = serverInfo(conn);
  let lock: MigrationLock | undefined;
  try {
    const { exists, connectionId } = await useDatabase(conn, inputs.database);
    const history = new History(conn, inputs.database, inputs.historyTable, server);
    if (!exists && !inputs.createDatabase)
      throw new ConfigurationError(`Database ${inputs.database} does not exist on ${describeTarget(target, false)} (or ${inputs.user} has no rights on it)`, {
        hint: 'create it, or set create-database: true (QA)',
      });
    lock = await group('Lock', async () => {
      if (!exists) {
        if (inputs.dryRun) log(`Database ${inputs.database} does not exist: it would be created`);
        else {
          await conn.query(`CREATE DATABASE IF NOT EXISTS ${ident(inputs.database)} CHARACTER SET utf8mb4`);
          await conn.query(`USE ${ident(inputs.database)}`);
          log(`Created database ${inputs.database}`);
        }
      }
      if (!lockConn) return undefined;
      const name = lockName(inputs.database, inputs.historyTable);
      const held = await MigrationLock.acquire(lockConn, {
        name,
        ownerTable: `${ident(inputs.database)}.${ident(`${inputs.historyTable}_lock`)}`,
        owner: ownerFromContext(ctx, url),
        timeoutMs: inputs.lockTimeout,
        log,
        timing,
      });
      log(`Holding the migration lock ${name} (connection ${held.connectionId}) for run ${ctx.runId}/${ctx.runAttempt}`);
      try {
        await history.ensure();
      } catch (e) {
        await held.release();
        throw e;
      }
      return held;
    });

    const resume = new Map<MigrationFile, number>();
    const phase = await group('Plan', async () => {
      // Read under the lock: another run may have created the database and migrated it meanwhile.
      let rows = exists || lock ? await history.read() : [];
      if (inputs.repair) {
        const failed = rows.filter((r) => !r.success);
        // An unchanged file whose record says some statements committed resumes after them.
        for (const r of failed) {
          const f = files.find((x) => x.kind === r.type && x.script === r.script);
          if (f && f.checksum === r.checksum && (r.committedStatements ?? 0) > 0) {
            resume.set(f, r.committedStatements!);
            log(
              `repair: ${label(f)} is unchanged since it stopped: ${inputs.dryRun ? 'would resume' : 'resuming'} at statement ${r.committedStatements! + 1} (statements 1–${r.committedStatements} stay committed and do not run again)`,
            );
          }
        }
        if (failed.length === 0) log('repair: no failed record to clear');
        for (const r of failed)
          log(
            `repair: ${inputs.dryRun ? 'would clear' : 'clearing'} the failed record of ${label({ kind: r.type, version: r.version, script: r.script })} (statement ${r.failedStatement}, run ${r.runId}: ${r.error ?? ''})`,
          );
        if (!inputs.dryRun && failed.length) {
          await history.deleteFailed();
          rows = await history.read();
        } else rows = rows.filter((r) => r.success);
      }

      const plan = makePlan(files, rows, { targetVersion: inputs.targetVersion });
      state.currentVersion = plan.currentVersion;
      state.pending = plan.pending;
      refuse(plan, inputs.historyTable);
      // Classify every pending statement before anything is applied (current columns only when a MODIFY/CHANGE wants them).
      const columns = exists && wantsColumns(plan.pending) ? await currentColumns(conn, inputs.database) : undefined;
      state.lint = lint(plan.pending, columns);
      const phased = selectPhase(plan.pending, inputs.phase);
      state.rows = planRows(plan, state.lint, phased);
      for (const m of plan.missing)
        deps.warn(
          `V${m.version} (${m.script}) was applied here (at ${m.appliedAt} UTC by ${m.appliedBy}) but is not in ${inputs.migrationsDir}: the database is ahead of these files (an older release?)`,
        );
      log(
        `Current version: ${plan.currentVersion || 'none'}; ${plan.applied.length} applied, ${plan.pending.length} pending${plan.beyondTarget.length ? `, ${plan.beyondTarget.length} above target-version ${inputs.targetVersion}` : ''}`,
      );
      reportLint(state.lint, plan.pending, inputs.onlineDdl, log, deps.warn);
      const unsafe = state.lint.filter(breaksLiveColour);
      if (unsafe.length && inputs.phase === 'expand') throw new ConfigurationError(unsafeExpandMessage(unsafe, plan.pending));
      if (unsafe.length && inputs.phase === 'all')
        deps.warn(
          `${unsafeExpandMessage(unsafe, plan.pending).split('\n').slice(1, -1).join('\n')}\nApplied anyway (phase all, one stack); in blue-green, phase expand refuses these.`,
        );
      if (inputs.dryRun) {
        dryRunListing(plan, inputs.phase, log);
        if (rds && inputs.snapshotBefore && phased.apply.length) log(`would create snapshot ${snapshotName(inputs, plan, ctx)} first`);
      } else if (plan.pending.length === 0) log('Nothing to apply: the database is up to date');
      else if (phased.apply.length === 0)
        log(`Nothing to apply in phase ${inputs.phase}: ${phased.waiting.map((w) => `${label(w.file)} (${w.why})`).join('; ')}`);
      for (const w of phased.waiting) if (!inputs.dryRun && phased.apply.length) log(`${label(w.file)} waits: ${w.why}`);
      return { plan, apply: phased.apply };
    });
    if (!lock || phase.apply.length === 0) return;
    const held = lock;
    const { plan } = phase;
    const mode = inputs.onlineDdl;
    const sqlFor = mode === 'off' ? undefined : (s: Statement) => (classify(s.sql).onlineDdl ? withOnlineDdl(s.sql, mode) : s.sql);

    if (rds && inputs.snapshotBefore) {
      const client = rds;
      await group('Snapshot', async () => {
        const id = snapshotName(inputs, plan, ctx);
        state.snapshotId = await createSnapshot(client, inputs.rdsInstanceId, id, {
          timeoutMs: inputs.rdsTimeout,
          log,
          tags: {
            'switchyard:run-id': `${ctx.runId}/${ctx.runAttempt}`,
            'switchyard:repository': ctx.repository || 'local',
            'switchyard:database': inputs.database,
          },
          timing,
          ...rdsPoll,
        });
        log(`Snapshot ${state.snapshotId} is available`);
      });
    }

    await group('Apply', async () => {
      const run = { appliedBy: ctx.actor, runId: `${ctx.runId}/${ctx.runAttempt}`, runUrl: url };
      // A cancel (the runner's SIGINT/SIGTERM) interrupts the statement in flight from the lock's connection.
      const signal = deps.signal;
      const cancelled = () => (signal?.aborted ? `cancelled (${String(signal.reason)})` : undefined);
      const mainId = connectionId ?? Number((await query<RowDataPacket>(conn, 'SELECT CONNECTION_ID() AS id'))[0]?.id);
      // KILL QUERY only while a round trip of files is in flight (never the failure record written after
      // it), again every 100 ms, so a kill that reaches the server just before the statement is repeated.
      let inFlight = false;
      let killer: NodeJS.Timeout | undefined;
      const onAbort = () => {
        const kill = () => void (inFlight && held.killQuery(mainId));
        kill();
        killer = setInterval(kill, 100);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        await applyFiles(
          conn,
          history,
          phase.apply.map((file) => ({ file, resumeAfter: resume.get(file) })),
          run,
          {
            sqlFor,
            cancelled,
            debug: deps.debug,
            running: (r) => (inFlight = r),
            lock: { check: () => held.assertHeld(conn), held: held.heldSql(conn), lost: () => held.lostError() },
            applied: (file, ms) => {
              const row = state.row(file);
              if (row) Object.assign(row, { status: 'applied', ms });
              state.applied.push(file.script);
              if (file.version && (!state.currentVersion || compareVersions(file.version, state.currentVersion) > 0)) state.currentVersion = file.version;
              log(`✓ ${label(file)}: ${file.statements.length} statement(s) in ${ms} ms`);
            },
          },
        ).catch((e: unknown) => {
          const row = e instanceof MigrationFailedError ? state.row(e.file) : undefined;
          if (e instanceof MigrationFailedError && row) Object.assign(row, { status: 'failed', ms: e.ms, note: `statement ${e.statement}: ${e.serverError}` });
          throw e;
        });
      } finally {
        signal?.removeEventListener('abort', onAbort);
        clearInterval(killer);
      }
      log(
        `Applied ${state.applied.length} file(s)${inputs.phase === 'all' ? '' : ` in phase ${inputs.phase}`}; current version ${state.currentVersion || 'none'}`,
      );
    });
  } finally {
    // Every statement has ended: the lock is released while the other connection closes.
    await Promise.all([lock ? lock.release() : lockConn && closeQuietly(lockConn), closeQuietly(conn)]);
  }
}

/** USE the database (and learn the connection's id in the same round trip); not `exists` when it does not exist (or the user may not see it). */
async function useDatabase(conn: Connection, database: string): Promise<{ exists: boolean; connectionId?: number }> {
  try {
    const [results] = await conn.query<RowDataPacket[][]>(`USE ${ident(database)};\nSELECT CONNECTION_ID() AS id`);
    return { exists: true, connectionId: Number(results[1]?.[0]?.id) };
  } catch (e) {
    if ((e as { code?: string }).code === 'ER_BAD_DB_ERROR') return { exists: false };
    throw new ConfigurationError(`Cannot use database ${database}: ${dbErrorText(e, serverInfo(conn))}`, { hint: 'check the user’s grants on this database' });
  }
}

async function closeQuietly(conn: Connection): Promise<void> {
  await conn.end().catch(() => conn.destroy());
}

function refuse(plan: Plan, historyTable: string): void {
  if (plan.failed.length) throw new ConfigurationError(failedMessage(plan.failed, historyTable));
  if (plan.drift.length) throw new ConfigurationError(driftMessage(plan.drift));
  if (plan.outOfOrder.length) throw new ConfigurationError(outOfOrderMessage(plan.outOfOrder, plan.currentVersion));
}

function snapshotName(inputs: Config, plan: Plan, ctx: { runId: string; runAttempt: string }): string {
  const to = plan.pending.filter((f) => f.version).at(-1)?.version ?? plan.currentVersion;
  return snapshotId(inputs.rdsInstanceId, to, ctx.runId, ctx.runAttempt);
}

function planRows(plan: Plan, findings: LintFinding[], phased: PhasePlan): Row[] {
  const row = (f: MigrationFile, status: Status, extra: Partial<Row> = {}): Row => ({
    script: f.script,
    kind: f.kind,
    version: f.version ?? '',
    status,
    statements: f.statements.length,
    phase: f.phase,
    class: '',
    ...extra,
  });
  const classOf = (f: MigrationFile) => worst(findings.filter((x) => x.script === f.script).map((x) => x.class));
  return [
    ...plan.applied.map(({ file, row: r }) =>
      row(file, 'up to date', { note: `applied ${r.appliedAt} UTC by ${r.appliedBy} (run ${r.runId}) in ${r.executionMs} ms` }),
    ),
    ...phased.apply.map((f) => row(f, 'pending', { class: classOf(f) })),
    ...phased.waiting.map(({ file, why }) => row(file, 'other phase', { class: classOf(file), note: why })),
    ...plan.beyondTarget.map((f) => row(f, 'beyond target')),
    ...plan.drift.map(({ file }) => row(file, 'pending', { note: 'changed since applied (drift)' })),
    ...plan.outOfOrder.map((f) => row(f, 'pending', { note: 'older than the current version' })),
  ];
}

/** Logs each pending file's classes, and each statement that is not additive; warns of locking ones. */
function reportLint(findings: LintFinding[], pending: MigrationFile[], onlineDdl: OnlineDdl, log: (l: string) => void, warn: (l: string) => void): void {
  if (pending.length === 0) return;
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.class, (counts.get(f.class) ?? 0) + 1);
  log(`Zero-downtime lint of ${findings.length} pending statement(s): ${[...counts].map(([c, n]) => `${n} ${c}`).join(', ')}`);
  for (const file of pending) {
    const mine = findings.filter((f) => f.script === file.script);
    const notable = mine.filter((f) => f.class !== 'additive' && f.class !== 'data');
    if (notable.length === 0) continue;
    log(`  ${label(file)} [${file.phase}]: ${worst(mine.map((f) => f.class))}`);
    for (const f of notable) log(`    ${f.statement}. line ${f.line}: ${f.class} — ${f.reason}`);
  }
  for (const f of findings.filter((x) => x.class === 'locking'))
    if (onlineDdl === 'off')
      warn(
        `${f.script} statement ${f.statement} (line ${f.line}) may lock or copy its table while it runs: ${f.reason}. With online-ddl: inplace the server refuses such a plan instead of taking the lock.`,
      );
}

/** The dry run's listing: what each phase would apply, in order. */
function dryRunListing(plan: Plan, phase: Phase, log: (l: string) => void): void {
  const listFile = (f: MigrationFile) => {
    log(`would apply ${label(f)}: ${f.statements.length} statement(s)`);
    for (const s of f.statements) log(`    ${s.index}. line ${s.line}: ${firstLine(s.sql)}`);
  };
  if (phase === 'all') {
    plan.pending.forEach(listFile);
    const expand = selectPhase(plan.pending, 'expand');
    if (expand.waiting.length) {
      const contract = selectPhase(
        expand.waiting.map((w) => w.file),
        'contract',
      );
      log(`In blue-green: phase expand would apply ${names(expand.apply)}; phase contract then ${names(contract.apply)}`);
    }
    return;
  }
  const first = selectPhase(plan.pending, phase);
  log(`phase ${phase} would apply ${names(first.apply)}:`);
  first.apply.forEach(listFile);
  const other = phase === 'expand' ? 'contract' : 'expand';
  const next = selectPhase(
    first.waiting.map((w) => w.file),
    other,
  );
  log(
    `then phase ${other} would apply ${names(next.apply)}${next.waiting.length ? `; still waiting after that: ${names(next.waiting.map((w) => w.file))}` : ''}`,
  );
}

const names = (files: MigrationFile[]) => (files.length ? files.map(label).join(', ') : 'nothing');
