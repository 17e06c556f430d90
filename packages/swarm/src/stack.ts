/**
 * `docker stack deploy` done right: record every service's spec, deploy
 * detached, watch every service ourselves until converged, failed, or the
 * deadline, and on failure roll the whole stack back (docker/cli#595).
 */
import { errorMessage, formatDuration, waitFor, WaitTimeoutError, type Poll, type Timing } from '@switchyard/kit';
import type { Docker } from '@switchyard/docker/cli';
import { assessStack, canonical, specFingerprint, type ServiceStatus, type StackAssessment } from './converge';
import { heartbeatWindowMs, nodeMap, swarmSelf } from './nodes';
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
  /**
   * After convergence, keep watching this long before reporting it (ms; 0 = report at once),
   * unless every running task sits on `localNode`. A node that died a moment before still
   * counts Ready for up to Swarm's heartbeat window (see heartbeatWindowMs): a stack that
   * stays converged through the window really is. Losing convergence meanwhile resumes the watch.
   */
  settleMs?: number;
  /** The node ID of the manager we talk to (it answers, so it is alive). */
  localNode?: string;
}

export interface WatchResult {
  outcome: 'converged' | 'failed' | 'timeout';
  assessment: StackAssessment;
  /** When convergence (or failure) was seen, ms since epoch (for a settled convergence: when the final converged streak began). */
  at: number;
  /** How long the converged stack was re-checked before reporting it (ms). */
  settledMs: number;
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
  /** When the current converged streak began, and how long it must last. */
  let convergedSince: number | undefined;
  let settleFor = 0;
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
    const nodes = nodeMap(snap.nodes);
    const a = assessStack(services, snap.tasks, updateBaseline, { phase: opts.phase, now: now(), firstSeen, pendingGraceMs: opts.pendingGraceMs, nodes });
    latest = a;
    for (const s of a.services) {
      const line = `${s.progress}${s.state === 'failed' ? ` — FAILED: ${s.reason}` : s.state === 'converged' ? ' — converged' : ''}`;
      if (last.get(s.name) !== line) {
        opts.log(`service ${s.name}: ${line}`);
        last.set(s.name, line);
      }
    }
    if (a.failed.length) return { done: true, value: { outcome: 'failed', assessment: a, at: now(), settledMs: 0 } };
    if (!a.converged) {
      if (convergedSince !== undefined) opts.log(`stack ${opts.stack}: no longer converged after ${formatDuration(now() - convergedSince)}; watching on`);
      convergedSince = undefined;
      return { done: false, progress: a.summary };
    }
    if (convergedSince === undefined) {
      convergedSince = now();
      const watchedIds = new Set(services.map((s) => s.ID));
      const remote = snap.tasks.some((t) => watchedIds.has(t.ServiceID) && t.DesiredState === 'running' && t.NodeID !== opts.localNode);
      settleFor = remote ? (opts.settleMs ?? 0) : 0;
      if (settleFor > 0)
        opts.log(
          `stack ${opts.stack}: converged; re-checking for ${formatDuration(settleFor)} (a node that died a moment ago still counts Ready for Swarm's heartbeat window)`,
        );
    }
    const held = now() - convergedSince;
    if (held >= settleFor) return { done: true, value: { outcome: 'converged', assessment: a, at: convergedSince, settledMs: held } };
    return { done: false, progress: `converged, re-checking (${formatDuration(settleFor - held)} left)` };
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
    // The deadline fell inside the re-check of a stack that stayed converged: it converged.
    if (e instanceof WaitTimeoutError && latest?.converged && convergedSince !== undefined)
      return { outcome: 'converged', assessment: latest, at: convergedSince, settledMs: now() - convergedSince };
    if (e instanceof WaitTimeoutError && latest) return { outcome: 'timeout', assessment: latest, at: now(), settledMs: 0 };
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
  /** Re-check a converged stack this long before reporting it (ms); default: Swarm's heartbeat window (heartbeatWindowMs), 0: none. */
  settleMs?: number;
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
  /** How long the converged stack was re-checked before it was reported (ms; 0 when every task runs on the manager we talk to). */
  settledMs: number;
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
  const watch = (w: Pick<WatchOptions, 'phase' | 'only' | 'settleMs' | 'localNode'>) =>
    watchStack(docker, { ...w, stack: o.stack, timeoutMs: o.timeoutMs, pendingGraceMs: o.pendingGraceMs, baseline, log: o.log, timing: o.timing });
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
    const self = await swarmSelf(docker);
    const settleMs = o.settleMs ?? heartbeatWindowMs(self.heartbeatNs);
    watched = await group(`Waiting for stack ${o.stack} to converge (deadline ${formatDuration(o.timeoutMs)})`, () =>
      watch({ phase: 'deploy', settleMs, localNode: self.nodeId }),
    );
    if (watched.outcome === 'converged') {
      return {
        ok: true,
        services: watched.assessment.services,
        changed: changedNames,
        convergedMs: watched.at - started,
        convergedAt: watched.at,
        settledMs: watched.settledMs,
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
      settledMs: 0,
      assessment: assessStack(snap.services, snap.tasks, new Map(), {
        phase: 'deploy',
        now: now(),
        firstSeen: new Map(),
        pendingGraceMs: o.pendingGraceMs,
        nodes: nodeMap(snap.nodes),
      }),
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
  const removedNames: string[] = [];
  const rolledBackNames: string[] = [];
  if (o.rollbackOnFailure && changed.length) {
    const result = await group(`Rolling back ${changed.length} changed service(s) of stack ${o.stack}`, async () => {
      const current = await stackServices(docker, o.stack);
      const plan = planRollback(
        baseline,
        current.filter((s) => changedNames.includes(s.Spec.Name)),
      );
      for (const s of plan.already) o.log(`service ${s.Spec.Name}: Swarm already rolled it back to the recorded spec`);
      removedNames.push(...plan.remove.map((s) => s.Spec.Name));
      rolledBackNames.push(...[...plan.rollback, ...plan.already].map((s) => s.Spec.Name));
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
      const w = await watch({ phase: 'rollback', only: wait });
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
        ? `; ${undone(rolledBackNames, removedNames)}`
        : `; whole-stack rollback incomplete: ${rollbackNote}${serving(services, changed)}`;
  // ssh can hand us carriage returns: they would reach the annotation as %0D.
  return {
    ok: false,
    services,
    changed: changedNames,
    convergedMs: undefined,
    convergedAt: undefined,
    settledMs: 0,
    rolledBack,
    reason: (reason + tail).replace(/\r/g, ''),
    diagnostics: diagnostics.replace(/\r\n?/g, '\n'),
  };
}

/**
 * "rolled back 2 changed service(s) to their previous spec: a, b; removed c, which this deploy created",
 * or only "removed c, which this deploy created" when nothing was rolled back (a first deploy).
 */
function undone(rolledBack: string[], removed: string[]): string {
  const removedPart = removed.length ? `removed ${removed.join(', ')}, which this deploy created` : '';
  if (!rolledBack.length) return removedPart;
  const head = `rolled back ${rolledBack.length} changed service(s) to their previous spec: ${rolledBack.join(', ')}`;
  return removedPart ? `${head}; ${removedPart}` : head;
}

/** After an incomplete rollback: which digests the running tasks of the changed services carry ("what serves now"). */
function serving(services: ServiceStatus[], changed: SwarmService[]): string {
  const parts = changed.flatMap((c) => {
    const s = services.find((x) => x.name === c.Spec.Name);
    if (!s) return [];
    const failedDigest = pinnedDigestOf(c.Spec.TaskTemplate.ContainerSpec?.Image ?? '');
    const list = Object.entries(s.runningDigests).map(([d, n]) => `${n}× ${d.slice(0, 19)}…${d === failedDigest ? ' (the failed release)' : ''}`);
    return [`${s.name} runs ${list.length ? list.join(', ') : 'no task'}`];
  });
  return parts.length ? `; now serving: ${parts.join('; ')}` : '';
}

const pinnedDigestOf = (image: string) => /@(sha256:[a-f0-9]{64})$/.exec(image)?.[1] ?? '';
