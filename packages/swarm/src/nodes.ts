/**
 * The Swarm's nodes, as far as a deploy needs them: which host runs what,
 * which nodes are lost or drained, an update stalled on a lost node, and the
 * heartbeat window in which Swarm still counts a dead node Ready. Pure
 * functions over the Engine's node and task documents, plus the one read.
 */
import type { Docker } from '@switchyard/docker/cli';

/** The parts of a Swarm task document these functions read. */
export interface NodeTask {
  ID: string;
  NodeID?: string;
  Slot?: number;
  DesiredState: string;
  Spec: { ContainerSpec?: { Image?: string } };
  Status: { State: string };
}

export interface SwarmNode {
  ID: string;
  Description?: { Hostname?: string };
  Spec?: { Availability?: 'active' | 'pause' | 'drain' | string; Role?: string };
  Status?: { State?: 'ready' | 'down' | 'unknown' | 'disconnected' | string; Message?: string; Addr?: string };
}

/** Every node of the swarm (the caller must talk to a manager). */
export async function swarmNodes(docker: Docker): Promise<SwarmNode[]> {
  const ids = (await docker.query(['node', 'ls', '--quiet'])).stdout.split(/\s+/).filter(Boolean);
  if (ids.length === 0) return [];
  const r = await docker.query(['node', 'inspect', ...ids], { allowFailure: true });
  return r.stdout.trim() ? (JSON.parse(r.stdout) as SwarmNode[]) : [];
}

export type NodeMap = ReadonlyMap<string, SwarmNode>;
export const nodeMap = (nodes: readonly SwarmNode[]): NodeMap => new Map(nodes.map((n) => [n.ID, n]));

/** The node's host name, or its short ID when it is not known (any more). */
export function nodeName(nodes: NodeMap, id: string | undefined): string {
  if (!id) return '(no node)';
  return nodes.get(id)?.Description?.Hostname || id.slice(0, 12);
}

/** Why a node cannot run tasks now ("worker2 is down (heartbeat failure)"), or undefined when it can. */
export function nodeTrouble(n: SwarmNode): string | undefined {
  const name = n.Description?.Hostname || n.ID.slice(0, 12);
  const state = n.Status?.State ?? 'unknown';
  if (state !== 'ready') return `${name} is ${state}${n.Status?.Message ? ` (${n.Status.Message})` : ''}`;
  const availability = n.Spec?.Availability ?? 'active';
  if (availability === 'drain') return `${name} is drained`;
  if (availability === 'pause') return `${name} is paused`;
  return undefined;
}

/** One line on every node that cannot run tasks, e.g. "node worker2 is down (heartbeat failure)"; '' when all can. */
export function troubledNodes(nodes: NodeMap): string {
  const list = [...nodes.values()].map(nodeTrouble).filter((x): x is string => x !== undefined);
  return list.length ? `node${list.length === 1 ? '' : 's'} ${list.join(', ')}` : '';
}

const NOT_YET_RUNNING = new Set(['new', 'pending', 'assigned', 'accepted', 'preparing', 'ready', 'starting']);

/**
 * A task that Swarm's rolling updater created on a node that has since gone
 * down (or was drained) before the task ever ran. The updater waits for that
 * task with no timeout, so `UpdateStatus` stays `updating` for good, even when
 * the orchestrator has started a replacement elsewhere. Only tasks of the
 * current spec count (the updater's own).
 */
export function stalledOnLostNode<T extends NodeTask>(current: readonly T[], nodes: NodeMap): { task: T; node: string; why: string } | undefined {
  for (const t of current) {
    if (!NOT_YET_RUNNING.has(t.Status.State) || !t.NodeID) continue;
    const n = nodes.get(t.NodeID);
    if (!n) continue;
    const why = nodeTrouble(n);
    if (why) return { task: t, node: nodeName(nodes, t.NodeID), why };
  }
  return undefined;
}

const isRunning = (t: NodeTask) => t.Status.State === 'running' && t.DesiredState === 'running';

/** Host → number of running tasks, in host-name order ("which host runs what"). */
export function placement(tasks: readonly NodeTask[], nodes: NodeMap): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tasks.filter(isRunning)) {
    const name = nodeName(nodes, t.NodeID);
    out[name] = (out[name] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Image digest → number of running tasks carrying it (any spec: what really serves). */
export function runningDigests(tasks: readonly NodeTask[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tasks.filter(isRunning)) {
    const image = t.Spec.ContainerSpec?.Image ?? '';
    const d = /@(sha256:[a-f0-9]{64})$/.exec(image)?.[1] ?? (image || '(unknown)');
    out[d] = (out[d] ?? 0) + 1;
  }
  return out;
}

/** "manager1, worker1 ×2" from a placement. */
export function formatPlacement(p: Record<string, number>): string {
  const parts = Object.entries(p).map(([n, c]) => (c === 1 ? n : `${n} ×${c}`));
  return parts.length ? parts.join(', ') : '—';
}

/**
 * How long after a node dies Swarm may still count it Ready: the dispatcher
 * marks a node down once it missed its heartbeats for a grace of 3 heartbeat
 * periods (agents add up to 0.5 s of jitter), and acts on that on its next
 * check. Measured with Docker's default 5 s period: down 11–21 s after a
 * SIGKILL of the node's dockerd. So: 4 periods + 1 s (21 s by default).
 */
export function heartbeatWindowMs(heartbeatPeriodNs: number | undefined): number {
  const periodMs = heartbeatPeriodNs && heartbeatPeriodNs > 0 ? heartbeatPeriodNs / 1e6 : 5000;
  return Math.round(periodMs * 4 + 1000);
}

/** The node we talk to (a manager answers, so it is alive) and the swarm's dispatcher heartbeat period (ns), from `docker info`. */
export async function swarmSelf(docker: Docker): Promise<{ nodeId: string | undefined; heartbeatNs: number | undefined }> {
  const r = await docker.query(['info', '--format', '{{json .Swarm}}'], { allowFailure: true });
  try {
    const v = JSON.parse(r.stdout) as { NodeID?: string; Cluster?: { Spec?: { Dispatcher?: { HeartbeatPeriod?: number } } } } | null;
    return { nodeId: v?.NodeID || undefined, heartbeatNs: v?.Cluster?.Spec?.Dispatcher?.HeartbeatPeriod };
  } catch {
    return { nodeId: undefined, heartbeatNs: undefined };
  }
}
