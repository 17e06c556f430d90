// Convergence rules that need the swarm's nodes: updates stalled on a lost
// node, "no suitable node" explained by the node that is down or drained,
// hints only where they apply, which host runs what, the digests that serve.
import { describe, expect, it } from '@jest/globals';
import { assessService, type AssessOptions } from '@switchyard/swarm/converge';
import { nodeMap, type SwarmNode } from '@switchyard/swarm/nodes';
import type { ServiceSpec, SwarmService, SwarmTask } from '@switchyard/swarm/swarm';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const IMG1 = `reg/web@${D1}`;
const IMG2 = `reg/web@${D2}`;
const node = (id: string, hostname: string, state = 'ready', availability = 'active', message?: string): SwarmNode => ({
  ID: id,
  Description: { Hostname: hostname },
  Spec: { Availability: availability },
  Status: { State: state, ...(message ? { Message: message } : {}) },
});
const healthy = nodeMap([node('n1', 'manager1'), node('n2', 'worker1'), node('n3', 'worker2')]);
const lost = nodeMap([node('n1', 'manager1'), node('n2', 'worker1'), node('n3', 'worker2', 'down', 'active', 'heartbeat failure')]);
const drained = nodeMap([node('n1', 'manager1'), node('n2', 'worker1'), node('n3', 'worker2', 'ready', 'drain')]);

const spec = (image: string, replicas = 3, extra: Partial<ServiceSpec> = {}): ServiceSpec => ({
  Name: 's_web',
  TaskTemplate: { ContainerSpec: { Image: image } },
  Mode: { Replicated: { Replicas: replicas } },
  ...extra,
});
const service = (s: ServiceSpec, state?: string): SwarmService => ({
  ID: 'svc',
  Version: { Index: 1 },
  CreatedAt: '',
  UpdatedAt: '',
  Spec: s,
  ...(state ? { UpdateStatus: { State: state, StartedAt: 'now', Message: state === 'rollback_completed' ? 'rollback completed' : 'update in progress' } } : {}),
});
let n = 0;
const task = (image: string, nodeId: string, state: string, desired = 'running', extra: Partial<SwarmTask['Status']> = {}, slot?: number): SwarmTask => ({
  ID: `task${String(++n).padStart(21, '0')}abcd`,
  ServiceID: 'svc',
  NodeID: nodeId,
  ...(slot ? { Slot: slot } : {}),
  DesiredState: desired,
  Spec: { ContainerSpec: { Image: image } },
  CreatedAt: '',
  Status: { Timestamp: `2026-12-01T10:00:0${n % 10}Z`, State: state, ...extra },
});
const opts = (over: Partial<AssessOptions> = {}): AssessOptions => ({
  phase: 'deploy',
  now: 0,
  firstSeen: new Map(),
  pendingGraceMs: 5000,
  nodes: healthy,
  ...over,
});

describe('an update stalled on a lost node', () => {
  const tasks = () => {
    const stuck = task(IMG2, 'n3', 'assigned', 'shutdown', {}, 2);
    return {
      stuck,
      all: [task(IMG2, 'n1', 'running'), task(IMG2, 'n2', 'running'), task(IMG2, 'n1', 'running'), stuck, task(IMG1, 'n3', 'running', 'shutdown')],
    };
  };

  it('waits pending-grace, then fails naming the node, its state and the task', () => {
    const { stuck, all } = tasks();
    const svc = service(spec(IMG2), 'updating');
    const firstSeen = new Map<string, number>();
    const early = assessService(svc, all, opts({ nodes: lost, firstSeen, now: 0 }));
    expect(early.state).toBe('progressing');
    expect(early.reason).toBe(`update waiting: task ${stuck.ID} (slot 2) of the update is assigned on node worker2, which is down (heartbeat failure)`);
    const late = assessService(svc, all, opts({ nodes: lost, firstSeen, now: 5000 }));
    expect(late.state).toBe('failed');
    expect(late.reason).toBe(
      `update stalled: task ${stuck.ID} (slot 2) of the update is assigned on node worker2, which is down (heartbeat failure); Swarm's updater waits for that task and never finishes`,
    );
    expect(late.failingTasks).toEqual([stuck.ID]);
  });

  it('also on a drained node and during a rollback; never once the update is over or the node is fine', () => {
    const { all } = tasks();
    expect(assessService(service(spec(IMG2), 'updating'), all, opts({ nodes: drained, pendingGraceMs: 0 })).reason).toMatch(
      /on node worker2, which is drained/,
    );
    expect(assessService(service(spec(IMG2), 'rollback_started'), all, opts({ phase: 'rollback', nodes: lost, pendingGraceMs: 0 })).reason).toMatch(
      /^update stalled: .* of the rollback is assigned on node worker2/,
    );
    expect(assessService(service(spec(IMG2), 'updating'), all, opts({ nodes: healthy, pendingGraceMs: 0 })).state).toBe('progressing');
    expect(assessService(service(spec(IMG2), 'completed'), all, opts({ nodes: lost, pendingGraceMs: 0 })).state).toBe('converged');
  });
});

describe('"no suitable node"', () => {
  const pending = (err: string) => task(IMG1, '', 'pending', 'running', { Err: err });

  it('names the node that is down or drained instead of the host-mode hint', () => {
    const err = 'no suitable node (max replicas per node limit exceed; 1 node not available for new tasks; host-mode port already in use on 2 nodes)';
    const tasks = [task(IMG1, 'n1', 'running'), task(IMG1, 'n2', 'running'), pending(err)];
    const svc = service(spec(IMG1, 3, { UpdateConfig: { Order: 'stop-first' } }));
    expect(assessService(svc, tasks, opts({ nodes: lost, pendingGraceMs: 0 })).reason).toBe(
      `task cannot be placed: ${err} — node worker2 is down (heartbeat failure): its tasks cannot be placed on the 2 node(s) left under the service's constraints`,
    );
    expect(assessService(svc, tasks, opts({ nodes: drained, pendingGraceMs: 0 })).reason).toContain(
      '— node worker2 is drained: its tasks cannot be placed on the 2 node(s) left',
    );
  });

  it('gives the host-mode hint only for the rule the service breaks', () => {
    const err = 'no suitable node (host-mode port already in use on 3 nodes)';
    const running = [task(IMG1, 'n1', 'running'), task(IMG1, 'n2', 'running'), task(IMG1, 'n3', 'running')];
    const reason = (s: ServiceSpec) => assessService(service(s), [...running, pending(err)], opts({ pendingGraceMs: 0 })).reason;
    expect(reason(spec(IMG1, 3, { UpdateConfig: { Order: 'stop-first' } }))).toBe(`task cannot be placed: ${err}`);
    expect(reason(spec(IMG1, 3, { UpdateConfig: { Order: 'start-first' } }))).toBe(
      `task cannot be placed: ${err} — a host-mode port allows one task per node: use update_config order: stop-first (start-first needs the port twice on a node)`,
    );
    expect(reason(spec(IMG1, 4, { UpdateConfig: { Order: 'stop-first' } }))).toBe(
      `task cannot be placed: ${err} — a host-mode port allows one task per node: use no more replicas (4) than usable nodes (3)`,
    );
  });
});

describe('which host runs what, and which digests serve', () => {
  it('reports the running tasks per host and per digest, whatever their spec', () => {
    const tasks = [task(IMG2, 'n1', 'running'), task(IMG2, 'n1', 'running'), task(IMG1, 'n2', 'running'), task(IMG1, 'n3', 'shutdown', 'shutdown')];
    const s = assessService(service(spec(IMG1)), tasks, opts());
    expect(s.placement).toEqual({ manager1: 2, worker1: 1 });
    expect(s.runningDigests).toEqual({ [D2]: 2, [D1]: 1 });
  });
});

describe("a failed update's reason", () => {
  it("carries the failing task's own error and host", () => {
    const failed = task(IMG2, 'n1', 'failed', 'shutdown', { Err: 'task: non-zero exit (143): dockerexec: unhealthy container' });
    const s = assessService(service(spec(IMG1, 1), 'rollback_completed'), [task(IMG1, 'n1', 'running'), failed], opts());
    expect(s.state).toBe('failed');
    expect(s.reason).toBe(
      `update rollback completed: rollback completed; task ${failed.ID} on manager1: task: non-zero exit (143): dockerexec: unhealthy container`,
    );
  });
});
