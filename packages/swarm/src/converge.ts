/**
 * Deciding, per service, whether a stack has converged: pure functions over
 * the Engine's service and task documents, so every rule is unit-tested.
 *
 * - replicated / global: the desired number of tasks running on the service's
 *   current spec (Swarm reports a task `running` only once its healthcheck
 *   passed), no task of an older spec still running, and no update in flight.
 * - replicated-job / global-job: the tasks of the current job iteration completed.
 * - replicas: 0: converged at once.
 * - UpdateStatus paused / rollback_* (started by this deploy): failed, whatever
 *   the CLI said.
 * - a task Pending with "no suitable node" for longer than a short grace:
 *   failed, with the scheduler's reason and the nodes that are down or drained.
 * - a rolling update whose task sits on a node that went down (or was drained)
 *   before the task ran, for longer than that grace: failed, naming node and
 *   task (Swarm's updater would wait for that task for good).
 * - tasks of the current spec failing again and again (crash loop, missing
 *   image): failed, with the last error.
 */
import { DIGEST_RE, splitImageReference } from '@switchyard/kit';
import { nodeTrouble, placement, runningDigests, stalledOnLostNode, troubledNodes, type NodeMap } from './nodes';
import type { ServiceSpec, SwarmService, SwarmTask, TaskTemplate } from './swarm';

export type ServiceMode = 'replicated' | 'global' | 'replicated-job' | 'global-job';
export type ConvergeState = 'converged' | 'progressing' | 'failed';

export interface ServiceStatus {
  name: string;
  id: string;
  mode: ServiceMode;
  /** Image of the current spec (`repo[:tag]@sha256:…` once resolved). */
  image: string;
  /** The digest part of `image`, or '' when it is not pinned. */
  digest: string;
  /** Desired tasks (replicas, completions, or nodes for global services). */
  desired: number;
  /** Tasks running on the current spec (completed tasks for jobs). */
  running: number;
  healthcheck: boolean;
  state: ConvergeState;
  /** Why it failed, or what it is waiting for. */
  reason: string;
  /** One human line: "2/2 running and healthy". */
  progress: string;
  /** Tasks worth showing logs of after a failure. */
  failingTasks: string[];
  /** Latest time (ms) a current task reached running/complete, from the Engine's task timestamps. */
  lastReadyAt: number | undefined;
  /** Host name → running tasks of the service, any spec ("which host runs what"). */
  placement: Record<string, number>;
  /** Image digest → running tasks carrying it: what really serves (after an incomplete rollback, maybe the failed release). */
  runningDigests: Record<string, number>;
}

export interface AssessOptions {
  /** `deploy`: UpdateStatus paused/rollback_* fails. `rollback`: we are waiting for a rollback to finish. */
  phase: 'deploy' | 'rollback';
  /** UpdateStatus.StartedAt before this deploy: an UpdateStatus with that start is old news. */
  baselineUpdateStartedAt?: string | undefined;
  now: number;
  /** When each condition was first seen (persisted across polls by the caller). */
  firstSeen: Map<string, number>;
  /** How long an unplaceable task may stay Pending before we fail (ms). */
  pendingGraceMs: number;
  /** Failed tasks of the current spec that make a crash loop. */
  crashLimit?: number;
  /** The swarm's nodes (by ID), to name hosts and to explain tasks on lost or drained nodes. */
  nodes?: NodeMap;
}

export function serviceMode(spec: ServiceSpec): ServiceMode {
  const m = spec.Mode ?? {};
  if (m.Global) return 'global';
  if (m.ReplicatedJob) return 'replicated-job';
  if (m.GlobalJob) return 'global-job';
  return 'replicated';
}

const isEmpty = (v: unknown) =>
  v === null ||
  v === undefined ||
  v === false ||
  v === 0 ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

/** JSON with sorted keys and empty values dropped: the Engine omits some defaults on task specs. */
export function canonical(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(norm);
    if (x && typeof x === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(x).sort()) {
        const n = norm((x as Record<string, unknown>)[k]);
        if (!isEmpty(n)) out[k] = n;
      }
      return out;
    }
    return x;
  };
  return JSON.stringify(norm(v)) ?? '';
}

/**
 * Whether a task runs the service's current spec. Task specs as stored omit
 * some defaults the service spec shows (StopGracePeriod, RestartPolicy,
 * Runtime), so we compare what defines the container: image, command, args,
 * env, healthcheck, mounts, user, labels, configs/secrets, networks,
 * placement constraints, resources, and ForceUpdate.
 */
export function sameTaskSpec(task: TaskTemplate, service: TaskTemplate): boolean {
  return canonical(pickTemplate(task)) === canonical(pickTemplate(service));
}

function pickTemplate(t: TaskTemplate) {
  const c = (t.ContainerSpec ?? {}) as Record<string, unknown>;
  const p = (t.Placement ?? {}) as Record<string, unknown>;
  return {
    c: {
      Image: c.Image,
      Command: c.Command,
      Args: c.Args,
      Env: c.Env,
      Dir: c.Dir,
      User: c.User,
      Labels: c.Labels,
      Mounts: c.Mounts,
      Healthcheck: c.Healthcheck,
      Configs: c.Configs,
      Secrets: c.Secrets,
      Hosts: c.Hosts,
      Hostname: c.Hostname,
    },
    ForceUpdate: t.ForceUpdate,
    Networks: t.Networks,
    Constraints: p.Constraints,
    Resources: t.Resources,
  };
}

/**
 * What defines a service for rollback purposes, comparable between `Spec`
 * (which `docker service inspect` fills with defaults) and `PreviousSpec`
 * (stored as submitted): labels, mode/replicas, published ports, and the
 * container-defining parts of the task template.
 */
export function specFingerprint(spec: ServiceSpec): string {
  const endpoint = (spec.EndpointSpec ?? {}) as { Ports?: unknown };
  return canonical({ Labels: spec.Labels, Mode: spec.Mode, Ports: endpoint.Ports, Template: pickTemplate(spec.TaskTemplate) });
}

/** The digest an image reference is pinned to, or '' (the one digest pattern decides). */
export function pinnedDigest(image: string): string {
  const { digest } = splitImageReference(image);
  return digest !== undefined && DIGEST_RE.test(digest) ? digest : '';
}

export function hasHealthcheck(spec: ServiceSpec): boolean {
  const test = spec.TaskTemplate.ContainerSpec?.Healthcheck?.Test;
  return Array.isArray(test) && test.length > 0 && test[0] !== 'NONE';
}

const TERMINAL_FAIL = new Set(['failed', 'rejected', 'orphaned']);
const ACTIVE_DESIRED = new Set(['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting', 'running']);
const UNPLACEABLE = /no suitable node/i;

const time = (s: string | undefined) => (s ? Date.parse(s) : NaN);
const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/** Decides one service's state from its document and its tasks. */
export function assessService(svc: SwarmService, allTasks: SwarmTask[], opts: AssessOptions): ServiceStatus {
  const spec = svc.Spec;
  const mode = serviceMode(spec);
  const image = spec.TaskTemplate.ContainerSpec?.Image ?? '';
  const digest = pinnedDigest(image);
  const healthcheck = hasHealthcheck(spec);
  const tasks = allTasks.filter((t) => t.ServiceID === svc.ID);
  const nodes: NodeMap = opts.nodes ?? new Map();
  const base = { name: spec.Name, id: svc.ID, mode, image, digest, healthcheck, placement: placement(tasks, nodes), runningDigests: runningDigests(tasks) };
  const crashLimit = opts.crashLimit ?? 3;
  const seen = (key: string) => {
    if (!opts.firstSeen.has(key)) opts.firstSeen.set(key, opts.now);
    return opts.now - opts.firstSeen.get(key)!;
  };

  // UpdateStatus: docker's own verdict on a rolling update.
  const us = svc.UpdateStatus;
  const fresh = us?.State !== undefined && us.StartedAt !== opts.baselineUpdateStartedAt;
  const usState = fresh ? us!.State! : undefined;
  const usMessage = us?.Message ? `: ${us.Message}` : '';
  const failedTasks = (list: SwarmTask[]) =>
    list.filter((t) => TERMINAL_FAIL.has(t.Status.State)).sort((a, b) => time(b.Status.Timestamp) - time(a.Status.Timestamp));

  const isJob = mode === 'replicated-job' || mode === 'global-job';
  if (isJob) {
    const iteration = svc.JobStatus?.JobIteration?.Index ?? 0;
    const iter = tasks.filter((t) => (t.JobIteration?.Index ?? 0) === iteration);
    const done = iter.filter((t) => t.Status.State === 'complete');
    const failed = failedTasks(iter);
    let desired: number;
    if (mode === 'replicated-job') desired = spec.Mode?.ReplicatedJob?.TotalCompletions ?? spec.Mode?.ReplicatedJob?.MaxConcurrent ?? 1;
    else desired = new Set(iter.map((t) => t.NodeID).filter(Boolean)).size;
    const nodesDone = new Set(done.map((t) => t.NodeID)).size;
    const complete = mode === 'replicated-job' ? done.length >= desired : desired > 0 && nodesDone >= desired;
    const lastReadyAt = done.length ? Math.max(...done.map((t) => time(t.Status.Timestamp))) : undefined;
    const progress = `${done.length}/${desired} completed${failed.length ? `, ${plural(failed.length, 'failed attempt')}` : ''}`;
    const pendingFail = unplaceable(iter);
    const job = (state: ConvergeState, reason: string, failingTasks: string[] = []): ServiceStatus => ({
      ...base,
      desired,
      running: done.length,
      state,
      reason,
      progress,
      failingTasks,
      lastReadyAt,
    });
    if (complete) return job('converged', '');
    if (pendingFail && seen(`${svc.ID}:pending:${pendingFail.ID}`) >= opts.pendingGraceMs) {
      return job('failed', `task cannot be placed: ${placementReason(pendingFail.Status.Err ?? '', placementContext(spec, nodes))}`, [pendingFail.ID]);
    }
    if (failed.length >= crashLimit) {
      return job(
        'failed',
        `job tasks keep failing (${failed.length} attempts): ${taskError(failed[0]!)}`,
        failed.slice(0, 3).map((t) => t.ID),
      );
    }
    return job('progressing', 'waiting for job tasks to complete');
  }

  const current = tasks.filter((t) => sameTaskSpec(t.Spec, spec.TaskTemplate));
  const runningNow = current.filter((t) => t.Status.State === 'running' && t.DesiredState === 'running');
  const stale = tasks.filter((t) => !current.includes(t) && t.Status.State === 'running' && ACTIVE_DESIRED.has(t.DesiredState));
  const activeNodes = new Set(
    tasks
      .filter((t) => ACTIVE_DESIRED.has(t.DesiredState))
      .map((t) => t.NodeID)
      .filter(Boolean),
  );
  const desired = mode === 'global' ? Math.max(activeNodes.size, runningNow.length) : (spec.Mode?.Replicated?.Replicas ?? 1);
  const running = runningNow.length;
  const lastReadyAt = runningNow.length ? Math.max(...runningNow.map((t) => time(t.Status.Timestamp))) : undefined;
  const health = healthcheck ? ' and healthy' : '';
  const flight = usState && usState !== 'completed' && usState !== 'rollback_completed' ? `, update ${usState.replace('_', ' ')}` : '';
  const staleNote = stale.length ? `, ${stale.length} on the previous spec` : '';
  const progress = `${running}/${desired} running${health}${staleNote}${flight}`;
  const out = (state: ConvergeState, reason: string, failingTasks: string[] = []): ServiceStatus => ({
    ...base,
    desired,
    running,
    state,
    reason,
    progress,
    failingTasks,
    lastReadyAt,
  });
  const failing = failedTasks(current);

  // The failing task's own error (an unhealthy exit 143, a missing image) belongs in the reason, not only in the diagnostics.
  const lastFailure = (list: SwarmTask[]) => (list[0] ? `; task ${list[0].ID} on ${nodeLabel(nodes, list[0].NodeID)}: ${taskError(list[0])}` : '');
  if (opts.phase === 'deploy' && usState && ['paused', 'rollback_started', 'rollback_paused', 'rollback_completed'].includes(usState)) {
    const recent = failedTasks(tasks);
    return out(
      'failed',
      `update ${usState.replace('_', ' ')}${usMessage}${lastFailure(recent)}`,
      recent.slice(0, 3).map((t) => t.ID),
    );
  }
  if (opts.phase === 'rollback' && usState && ['paused', 'rollback_paused'].includes(usState)) {
    return out(
      'failed',
      `rollback ${usState.replace('_', ' ')}${usMessage}`,
      failing.slice(0, 3).map((t) => t.ID),
    );
  }
  if (mode === 'replicated' && desired === 0) return out('converged', 'scaled to 0');
  const pending = unplaceable(tasks.filter((t) => ACTIVE_DESIRED.has(t.DesiredState)));
  if (pending) {
    const waited = seen(`${svc.ID}:pending:${pending.ID}`);
    if (waited >= opts.pendingGraceMs)
      return out('failed', `task cannot be placed: ${placementReason(pending.Status.Err ?? '', placementContext(spec, nodes))}`, [pending.ID]);
  }
  const updating = usState === 'updating' || usState === 'rollback_started';
  // Swarm's updater waits with no timeout for the task it created in a slot: on a node lost before that task ran, forever.
  const stalled = updating ? stalledOnLostNode(current, nodes) : undefined;
  const stalledWhy = stalled
    ? `task ${stalled.task.ID}${stalled.task.Slot ? ` (slot ${stalled.task.Slot})` : ''} of the ${usState === 'rollback_started' ? 'rollback' : 'update'} is ${stalled.task.Status.State} on node ${stalled.node}, which ${stalled.why.slice(stalled.node.length + 1)}`
    : '';
  if (stalled && seen(`${svc.ID}:stalled:${stalled.task.ID}`) >= opts.pendingGraceMs) {
    return out('failed', `update stalled: ${stalledWhy}; Swarm's updater waits for that task and never finishes`, [stalled.task.ID]);
  }
  if (running >= desired && stale.length === 0 && !updating) return out('converged', '');
  if (failing.length >= crashLimit * Math.max(1, desired) && running < desired) {
    return out(
      'failed',
      `tasks keep failing (${failing.length} failed on the new spec): ${taskError(failing[0]!)}`,
      failing.slice(0, 3).map((t) => t.ID),
    );
  }
  const why = pending
    ? `task pending: ${pending.Status.Err}`
    : stalled
      ? `update waiting: ${stalledWhy}`
      : updating
        ? `update ${usState!.replace('_', ' ')}`
        : `waiting for ${desired - running} task(s)`;
  return out('progressing', why);
}

export interface PlacementContext {
  /** "node worker2 is down (heartbeat failure)": nodes that cannot take tasks now ('' when none). */
  troubled: string;
  /** update_config.order of the service. */
  order: string | undefined;
  replicas: number | undefined;
  /** Nodes that are ready and active. */
  usableNodes: number;
}

/** What placementReason needs to know; undefined when the nodes were not read. */
function placementContext(spec: ServiceSpec, nodes: NodeMap): PlacementContext | undefined {
  if (nodes.size === 0) return undefined;
  const order = (spec.UpdateConfig as { Order?: string } | undefined)?.Order;
  const usableNodes = [...nodes.values()].filter((n) => nodeTrouble(n) === undefined).length;
  return { troubled: troubledNodes(nodes), order, replicas: spec.Mode?.Replicated?.Replicas, usableNodes };
}

/**
 * The scheduler's reason, with the cause that applies: nodes lost or drained
 * first (Swarm's own message only counts them as "not available"); else the
 * host-mode port rule (one task per node), but only its part the service breaks.
 */
export function placementReason(err: string, ctx?: PlacementContext): string {
  if (ctx?.troubled) return `${err} — ${ctx.troubled}: its tasks cannot be placed on the ${ctx.usableNodes} node(s) left under the service's constraints`;
  if (!/host-mode port/i.test(err)) return err;
  if (!ctx) return `${err} — a host-mode port allows one task per node: use update_config order: stop-first and no more replicas than nodes`;
  const fixes = [
    ...(ctx.order === 'start-first' ? ['update_config order: stop-first (start-first needs the port twice on a node)'] : []),
    ...(ctx.replicas !== undefined && ctx.replicas > ctx.usableNodes ? [`no more replicas (${ctx.replicas}) than usable nodes (${ctx.usableNodes})`] : []),
  ];
  return fixes.length ? `${err} — a host-mode port allows one task per node: use ${fixes.join(' and ')}` : err;
}

/** "worker2" or "worker2 (down)" for a task's node. */
function nodeLabel(nodes: NodeMap, id: string | undefined): string {
  const n = id ? nodes.get(id) : undefined;
  if (!n) return id ? `node ${id.slice(0, 12)}` : 'no node';
  const trouble = nodeTrouble(n);
  const name = n.Description?.Hostname || n.ID.slice(0, 12);
  return trouble ? `${name} (${trouble.slice(name.length + 1)})` : name;
}

function unplaceable(tasks: SwarmTask[]): SwarmTask | undefined {
  return tasks.find((t) => t.Status.State === 'pending' && UNPLACEABLE.test(t.Status.Err ?? ''));
}

function taskError(t: SwarmTask): string {
  const exit = t.Status.ContainerStatus?.ExitCode;
  return t.Status.Err || `${t.Status.State}${exit ? ` (exit code ${exit})` : ''}${t.Status.Message ? `: ${t.Status.Message}` : ''}`;
}

export interface StackAssessment {
  services: ServiceStatus[];
  converged: boolean;
  failed: ServiceStatus[];
  /** One line: "2/3 services converged". */
  summary: string;
}

/** Assesses every service of the stack. */
export function assessStack(
  services: SwarmService[],
  tasks: SwarmTask[],
  baseline: Map<string, string | undefined>,
  opts: Omit<AssessOptions, 'baselineUpdateStartedAt'>,
): StackAssessment {
  const statuses = services
    .map((s) => assessService(s, tasks, { ...opts, baselineUpdateStartedAt: baseline.get(s.ID) }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const failed = statuses.filter((s) => s.state === 'failed');
  const done = statuses.filter((s) => s.state === 'converged').length;
  return { services: statuses, converged: failed.length === 0 && done === statuses.length, failed, summary: `${done}/${statuses.length} services converged` };
}
