/**
 * `docker stack deploy` done right: record every service's spec, deploy
 * detached, watch every service ourselves until converged, failed, or the
 * deadline, and on failure roll the whole stack back (docker/cli#595).
 */
import { errorMessage, formatDuration, waitFor, WaitTimeoutError, type Poll, type Timing } from '@switchyard/kit';
import type { Docker } from '@switchyard/docker/cli';
import { assessStack, canonical, specFingerprint, type ServiceStatus, type StackAssessment } from './converge';
import { removeServices, removeStackNetworks, rollbackService, snapshotStack, stackPsText, stackServices, taskLogTail, type SwarmService } from './swarm';

export interface Baseline {
  /** Service name → what it was before this deploy. */
  byName: Map<string, { id: string; spec: string; fingerprint: string; updateStartedAt: string | undefined }>;
}

/** Records every service's spec and UpdateStatus before deploying. */
export async function recordBaseline(docker: Docker, stack: string): Promise<Baseline> {
  const services = await stackServices(docker, stack);
  return {
    byName: new Map(
      services.map((s) => [
        s.Spec.Name,
        { id: s.ID, spec: canonical(s.Spec), fingerprint: specFingerprint(s.Spec), updateStartedAt: s.UpdateStatus?.StartedAt },
      ]),
    ),
  };
}

/** Services this deploy created or whose spec it changed. */
export function changedServices(baseline: Baseline, after: SwarmService[]): SwarmService[] {
  return after.filter((s) => {
    const before = baseline.byName.get(s.Spec.Name);
    return !before || before.id !== s.ID || before.spec !== canonical(s.Spec);
  });
}

export interface WatchOptions {
  stack: string;
  phase: 'deploy' | 'rollback';
  timeoutMs: number;
  pendingGraceMs: number;
  /** Only these services (by name); default all of the stack. */
  only?: Set<string>;
  baseline: Baseline;
  log: (line: string) => void;
  /** Clock and sleep (tests inject them). */
  timing?: Timing;
  /** Poll backoff (defaults: 200 ms growing to 1 s, so convergence is seen within about a second). */
  initialMs?: number;
  maxMs?: number;
}

export interface WatchResult {
  outcome: 'converged' | 'failed' | 'timeout';
  assessment: StackAssessment;
  /** When convergence (or failure) was seen, ms since epoch. */
  at: number;
}

/**
 * Polls services and tasks until every watched service converged, one
 * failed, or the deadline passed. Prints one line per service whose state
 * changed ("service shop_web: 1/2 running and healthy"), not one per poll.
 */
export async function watchStack(docker: Docker, opts: WatchOptions): Promise<WatchResult> {
  const now = opts.timing?.now ?? Date.now;
  const firstSeen = new Map<string, number>();
  const last = new Map<string, string>();
  const updateBaseline = new Map<string, string | undefined>();
  let latest: StackAssessment | undefined;
  let readFailures = 0;
  const poll = async (): Promise<Poll<WatchResult>> => {
    let snap: Awaited<ReturnType<typeof snapshotStack>>;
    try {
      snap = await snapshotStack(docker, opts.stack);
      readFailures = 0;
    } catch (e) {
      // A dropped ssh connection or a busy manager: keep polling a few times before giving up.
      if (++readFailures > 5) throw e;
      return { done: false, progress: `cannot read the stack's state (attempt ${readFailures} of 5 failed: ${errorMessage(e).split('\n').slice(-1)[0]})` };
    }
    const services = snap.services.filter((s) => !opts.only || opts.only.has(s.Spec.Name));
    for (const s of services) {
      const b = opts.baseline.byName.get(s.Spec.Name);
      updateBaseline.set(s.ID, b && b.id === s.ID ? b.updateStartedAt : undefined);
    }
    const a = assessStack(services, snap.tasks, updateBaseline, { phase: opts.phase, now: now(), firstSeen, pendingGraceMs: opts.pendingGraceMs });
    latest = a;
    for (const s of a.services) {
      const line = `${s.progress}${s.state === 'failed' ? ` — FAILED: ${s.reason}` : s.state === 'converged' ? ' — converged' : ''}`;
      if (last.get(s.name) !== line) {
        opts.log(`service ${s.name}: ${line}`);
        last.set(s.name, line);
      }
    }
    if (a.failed.length) return { done: true, value: { outcome: 'failed', assessment: a, at: now() } };
    if (a.converged) return { done: true, value: { outcome: 'converged', assessment: a, at: now() } };
    return { done: false, progress: a.summary };
  };
  try {
    return await waitFor(poll, {
      ...opts.timing,
      label: `stack ${opts.stack}${opts.phase === 'rollback' ? ' rollback' : ''}`,
      timeoutMs: opts.timeoutMs,
      initialMs: opts.initialMs ?? 200,
      maxMs: opts.maxMs ?? 1000,
      factor: 1.5,
      log: opts.log,
    });
  } catch (e) {
    if (e instanceof WaitTimeoutError && latest) return { outcome: 'timeout', assessment: latest, at: now() };
    throw e;
  }
}

export interface RollbackPlan {
  /** Services to hand to `docker service rollback` (their PreviousSpec is the recorded one). */
  rollback: SwarmService[];
  /** Services this deploy created: removed. */
  remove: SwarmService[];
  /** Services already back on the recorded spec (Swarm's own failure_action: rollback): only waited for. */
  already: SwarmService[];
  /** Services we cannot return to the recorded spec, with why. */
  impossible: { service: SwarmService; why: string }[];
}

/** Pure: what to do with each changed service to return the stack to its recorded state. */
export function planRollback(baseline: Baseline, changed: SwarmService[]): RollbackPlan {
  const plan: RollbackPlan = { rollback: [], remove: [], already: [], impossible: [] };
  for (const s of changed) {
    const before = baseline.byName.get(s.Spec.Name);
    if (!before || before.id !== s.ID) plan.remove.push(s);
    else if (canonical(s.Spec) === before.spec) plan.already.push(s);
    else if (s.PreviousSpec && specFingerprint(s.PreviousSpec) === before.fingerprint) plan.rollback.push(s);
    else plan.impossible.push({ service: s, why: 'its previous spec is not the one recorded before this deploy (changed by someone else meanwhile?)' });
  }
  return plan;
}

export interface DeployOptions {
  stack: string;
  /** Compose files for `-c`, in order (the pin override last). */
  files: string[];
  withRegistryAuth: boolean;
  prune: boolean;
  timeoutMs: number;
  pendingGraceMs: number;
  rollbackOnFailure: boolean;
  log: (line: string) => void;
  /** Runs a titled block of work (a collapsible log group on the runner). */
  group?: <T>(title: string, fn: () => Promise<T>) => Promise<T>;
  /** Clock and sleep (tests inject them). */
  timing?: Timing;
}

export interface DeployResult {
  ok: boolean;
  /** Final state of every service (after a rollback, the rolled-back state). */
  services: ServiceStatus[];
  /** Names of services this deploy created or changed. */
  changed: string[];
  /** ms from starting the deploy until convergence was seen. */
  convergedMs: number | undefined;
  /** When convergence was seen (ms since epoch). */
  convergedAt: number | undefined;
  rolledBack: boolean;
  /** Failure reason (one line per failed service). */
  reason: string;
  /** Diagnostics after a failure: `docker stack ps` and log tails. */
  diagnostics: string;
}

/** The `docker stack deploy` arguments. */
export function deployArgs(o: Pick<DeployOptions, 'stack' | 'files' | 'withRegistryAuth' | 'prune'>, detachFlag: boolean): string[] {
  return [
    'stack',
    'deploy',
    ...o.files.flatMap((f) => ['--compose-file', f]),
    ...(o.withRegistryAuth ? ['--with-registry-auth'] : []),
    ...(o.prune ? ['--prune'] : []),
    ...(detachFlag ? ['--detach=true'] : []),
    o.stack,
  ];
}

export async function deployStack(docker: Docker, o: DeployOptions): Promise<DeployResult> {
  const now = o.timing?.now ?? Date.now;
  const group = o.group ?? (<T>(_t: string, fn: () => Promise<T>) => fn());
  const features = await docker.detectFeatures();
  const baseline = await recordBaseline(docker, o.stack);
  o.log(
    baseline.byName.size
      ? `Recorded the current spec of ${baseline.byName.size} service(s) of stack ${o.stack}`
      : `Stack ${o.stack} does not exist yet: it will be created`,
  );

  const started = now();
  let deployError: unknown;
  try {
    await group(`docker stack deploy ${o.stack}`, () => docker.run(deployArgs(o, features.stackDeployDetach), { stream: true }));
  } catch (e) {
    deployError = e;
  }
  const after = await stackServices(docker, o.stack);
  const changed = changedServices(baseline, after);
  const changedNames = changed.map((s) => s.Spec.Name);
  // docker stack deploy failing half-way (one service refused) leaves the others changed: roll them back too.
  if (deployError !== undefined && changed.length === 0) throw deployError;
  o.log(changed.length ? `Changed by this deploy: ${changedNames.join(', ')}` : 'No service spec changed');

  let watched: WatchResult;
  if (deployError === undefined) {
    watched = await group(`Waiting for stack ${o.stack} to converge (deadline ${formatDuration(o.timeoutMs)})`, () =>
      watchStack(docker, {
        stack: o.stack,
        phase: 'deploy',
        timeoutMs: o.timeoutMs,
        pendingGraceMs: o.pendingGraceMs,
        baseline,
        log: o.log,
        timing: o.timing,
      }),
    );
    if (watched.outcome === 'converged') {
      return {
        ok: true,
        services: watched.assessment.services,
        changed: changedNames,
        convergedMs: watched.at - started,
        convergedAt: watched.at,
        rolledBack: false,
        reason: '',
        diagnostics: '',
      };
    }
  } else {
    const snap = await snapshotStack(docker, o.stack);
    watched = {
      outcome: 'failed',
      at: now(),
      assessment: assessStack(snap.services, snap.tasks, new Map(), { phase: 'deploy', now: now(), firstSeen: new Map(), pendingGraceMs: o.pendingGraceMs }),
    };
  }

  const bad =
    watched.outcome === 'timeout' || deployError !== undefined ? watched.assessment.services.filter((s) => s.state !== 'converged') : watched.assessment.failed;
  const reason =
    deployError !== undefined
      ? `docker stack deploy ${o.stack} failed after changing ${changedNames.join(', ')}: ${errorMessage(deployError)}`
      : watched.outcome === 'timeout'
        ? `stack ${o.stack} did not converge within ${formatDuration(o.timeoutMs)}: ${bad.map((s) => `${s.name}: ${s.progress}; ${s.reason}`).join(' | ')}`
        : `stack ${o.stack} failed: ${bad.map((s) => `${s.name}: ${s.reason}`).join(' | ')}`;
  o.log(reason);
  const diagnostics = await group('Diagnostics: docker stack ps and logs of failing tasks', async () => {
    const parts = [`$ docker stack ps --no-trunc ${o.stack}\n${await stackPsText(docker, o.stack)}`];
    const taskIds = [...new Set(bad.flatMap((s) => s.failingTasks))].slice(0, 6);
    for (const id of taskIds) parts.push(`--- last log lines of task ${id} ---\n${await taskLogTail(docker, id)}`);
    const text = parts.join('\n');
    o.log(text);
    return text;
  });

  let services = watched.assessment.services;
  let rolledBack = false;
  let rollbackNote = '';
  if (o.rollbackOnFailure && changed.length) {
    const result = await group(`Rolling back ${changed.length} changed service(s) of stack ${o.stack}`, async () => {
      const current = await stackServices(docker, o.stack);
      const plan = planRollback(
        baseline,
        current.filter((s) => changedNames.includes(s.Spec.Name)),
      );
      for (const s of plan.already) o.log(`service ${s.Spec.Name}: Swarm already rolled it back to the recorded spec`);
      for (const s of plan.rollback) await rollbackService(docker, s.ID);
      if (plan.remove.length) {
        o.log(`Removing service(s) this deploy created: ${plan.remove.map((s) => s.Spec.Name).join(', ')}`);
        await removeServices(
          docker,
          plan.remove.map((s) => s.ID),
        );
        if (baseline.byName.size === 0) {
          const left = await removeStackNetworks(docker, o.stack);
          o.log(
            left.length
              ? `Could not remove the stack's network(s) ${left.join(', ')}: remove them with docker network rm`
              : `Removed the network(s) of stack ${o.stack}: the stack is gone as it was before`,
          );
        }
      }
      for (const i of plan.impossible) o.log(`service ${i.service.Spec.Name}: cannot roll back: ${i.why}`);
      const wait = new Set([...plan.rollback, ...plan.already].map((s) => s.Spec.Name));
      if (wait.size === 0) return { ok: plan.impossible.length === 0, services: [] as ServiceStatus[], note: '' };
      const w = await watchStack(docker, {
        stack: o.stack,
        phase: 'rollback',
        only: wait,
        timeoutMs: o.timeoutMs,
        pendingGraceMs: o.pendingGraceMs,
        baseline,
        log: o.log,
        timing: o.timing,
      });
      const note =
        w.outcome === 'converged'
          ? ''
          : `rollback did not converge: ${w.assessment.services
              .filter((s) => s.state !== 'converged')
              .map((s) => `${s.name}: ${s.reason || s.progress}`)
              .join(' | ')}`;
      return {
        ok: w.outcome === 'converged' && plan.impossible.length === 0,
        services: w.assessment.services,
        note: [note, ...plan.impossible.map((i) => `${i.service.Spec.Name} not rolled back: ${i.why}`)].filter(Boolean).join(' | '),
      };
    });
    rolledBack = result.ok;
    rollbackNote = result.note;
    const byName = new Map(result.services.map((s) => [s.name, s]));
    const removed = new Set(changed.filter((s) => !baseline.byName.has(s.Spec.Name)).map((s) => s.Spec.Name));
    services = services.filter((s) => !removed.has(s.name)).map((s) => byName.get(s.name) ?? s);
  }
  const tail = !o.rollbackOnFailure
    ? ' (rollback-on-failure is false: the stack was left as it is)'
    : changed.length === 0
      ? ' (no service was changed by this deploy: nothing to roll back)'
      : rolledBack
        ? `; rolled back ${changed.length} changed service(s) to their previous spec`
        : `; whole-stack rollback incomplete: ${rollbackNote}`;
  return { ok: false, services, changed: changedNames, convergedMs: undefined, convergedAt: undefined, rolledBack, reason: reason + tail, diagnostics };
}
