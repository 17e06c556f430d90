import { describe, expect, it } from '@jest/globals';
import {
  formatPlacement,
  heartbeatWindowMs,
  nodeMap,
  nodeName,
  nodeTrouble,
  placement,
  runningDigests,
  stalledOnLostNode,
  troubledNodes,
  type NodeTask,
  type SwarmNode,
} from '@switchyard/swarm/nodes';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const node = (id: string, hostname: string, state = 'ready', availability = 'active', message?: string): SwarmNode => ({
  ID: id,
  Description: { Hostname: hostname },
  Spec: { Availability: availability, Role: 'worker' },
  Status: { State: state, ...(message ? { Message: message } : {}) },
});
const nodes = nodeMap([node('n1', 'manager1'), node('n2', 'worker1'), node('n3', 'worker2', 'down', 'active', 'heartbeat failure')]);
let n = 0;
const task = (nodeId: string, state: string, desired = 'running', digest = D1): NodeTask => ({
  ID: `task${++n}`,
  NodeID: nodeId,
  DesiredState: desired,
  Spec: { ContainerSpec: { Image: `reg/web@${digest}` } },
  Status: { State: state },
});

describe('node trouble', () => {
  it('names down, unknown, drained and paused nodes, and nothing for a ready active one', () => {
    expect(nodeTrouble(node('a', 'w', 'down', 'active', 'heartbeat failure'))).toBe('w is down (heartbeat failure)');
    expect(nodeTrouble(node('a', 'w', 'unknown'))).toBe('w is unknown');
    expect(nodeTrouble(node('a', 'w', 'ready', 'drain'))).toBe('w is drained');
    expect(nodeTrouble(node('a', 'w', 'ready', 'pause'))).toBe('w is paused');
    expect(nodeTrouble(node('a', 'w'))).toBeUndefined();
    expect(troubledNodes(nodes)).toBe('node worker2 is down (heartbeat failure)');
    expect(troubledNodes(nodeMap([node('a', 'x')]))).toBe('');
  });

  it('falls back to the short node ID when the host name is unknown', () => {
    expect(nodeName(nodes, 'n2')).toBe('worker1');
    expect(nodeName(nodes, 'abcdefghijklmnopqrstuvwxy')).toBe('abcdefghijkl');
    expect(nodeName(nodes, undefined)).toBe('(no node)');
  });
});

describe('an update stalled on a lost node', () => {
  it('finds a not-yet-running task of the current spec on a down or drained node', () => {
    const stuck = task('n3', 'assigned', 'shutdown');
    expect(stalledOnLostNode([task('n1', 'running'), stuck], nodes)).toEqual({ task: stuck, node: 'worker2', why: 'worker2 is down (heartbeat failure)' });
    const drained = nodeMap([node('n1', 'manager1', 'ready', 'drain')]);
    expect(stalledOnLostNode([task('n1', 'preparing')], drained)?.why).toBe('manager1 is drained');
  });

  it('ignores running or finished tasks, tasks on healthy nodes, and unknown nodes', () => {
    expect(stalledOnLostNode([task('n3', 'running'), task('n3', 'shutdown', 'shutdown'), task('n3', 'failed', 'shutdown')], nodes)).toBeUndefined();
    expect(stalledOnLostNode([task('n1', 'assigned'), task('n2', 'starting')], nodes)).toBeUndefined();
    expect(stalledOnLostNode([task('gone', 'assigned')], nodes)).toBeUndefined();
  });
});

describe('which host runs what', () => {
  const tasks = [task('n1', 'running'), task('n2', 'running'), task('n2', 'running', 'running', D2), task('n3', 'running', 'shutdown'), task('n1', 'starting')];

  it('counts running tasks per host, in host order, and formats them', () => {
    expect(placement(tasks, nodes)).toEqual({ manager1: 1, worker1: 2 });
    expect(Object.keys(placement(tasks, nodes))).toEqual(['manager1', 'worker1']);
    expect(formatPlacement(placement(tasks, nodes))).toBe('manager1, worker1 ×2');
    expect(formatPlacement({})).toBe('—');
  });

  it('counts the digests the running tasks carry, whatever their spec', () => {
    expect(runningDigests(tasks)).toEqual({ [D1]: 2, [D2]: 1 });
    expect(runningDigests([{ ...task('n1', 'running'), Spec: { ContainerSpec: { Image: 'reg/web:1' } } }])).toEqual({ 'reg/web:1': 1 });
  });
});

describe('heartbeat window', () => {
  it('is 4 heartbeat periods + 1 s: 21 s for the default 5 s', () => {
    expect(heartbeatWindowMs(5_000_000_000)).toBe(21_000);
    expect(heartbeatWindowMs(2_000_000_000)).toBe(9_000);
    expect(heartbeatWindowMs(undefined)).toBe(21_000);
    expect(heartbeatWindowMs(0)).toBe(21_000);
  });
});
