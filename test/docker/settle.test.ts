// The re-check of a converged stack through Swarm's heartbeat window: a node
// that died a moment ago still counts Ready, so convergence is only reported
// once it held for settleMs (not needed when every task runs on the manager
// we talk to), and a stack that stops being converged is watched on.
import { describe, expect, it } from '@jest/globals';
import { Docker, type CallOptions } from '@switchyard/docker/cli';
import type { ExecResult } from '@switchyard/kit';
import type { SwarmNode } from '@switchyard/swarm/nodes';
import { watchStack } from '@switchyard/swarm/stack';
import type { SwarmService, SwarmTask } from '@switchyard/swarm/swarm';

const IMG = `reg/web@sha256:${'1'.repeat(64)}`;
const svc: SwarmService = {
  ID: 'svc1',
  Version: { Index: 1 },
  CreatedAt: '',
  UpdatedAt: '',
  Spec: { Name: 'st_web', TaskTemplate: { ContainerSpec: { Image: IMG } }, Mode: { Replicated: { Replicas: 2 } } },
};
const task = (id: string, node: string, state = 'running'): SwarmTask => ({
  ID: id,
  ServiceID: 'svc1',
  NodeID: node,
  DesiredState: state === 'running' ? 'running' : 'shutdown',
  Spec: { ContainerSpec: { Image: IMG } },
  CreatedAt: '',
  Status: { Timestamp: '2026-12-01T10:00:00Z', State: state },
});
const nodes: SwarmNode[] = [
  { ID: 'm1', Description: { Hostname: 'manager1' }, Spec: { Availability: 'active' }, Status: { State: 'ready' } },
  { ID: 'w1', Description: { Hostname: 'worker1' }, Spec: { Availability: 'active' }, Status: { State: 'ready' } },
];

/** A docker CLI answering from a script of task lists, one per poll (the last one repeats). */
class ScriptedDocker extends Docker {
  polls = 0;
  constructor(private readonly states: SwarmTask[][]) {
    super({ bin: 'docker-not-called' });
  }
  override async query(args: readonly string[], _opts: CallOptions = {}): Promise<ExecResult> {
    const ok = (stdout: string): ExecResult => ({ code: 0, stdout, stderr: '' });
    const state = this.states[Math.min(this.polls, this.states.length - 1)]!;
    if (args[0] === 'service' && args[1] === 'ls') return ok('svc1\n');
    if (args[0] === 'service' && args[1] === 'inspect') return ok(JSON.stringify([svc]));
    if (args[0] === 'node' && args[1] === 'ls') return ok('m1\nw1\n');
    if (args[0] === 'node' && args[1] === 'inspect') return ok(JSON.stringify(nodes));
    if (args[0] === 'stack' && args[1] === 'ps') return ok(state.map((t) => t.ID).join('\n'));
    if (args[0] === 'inspect') {
      this.polls++;
      return ok(JSON.stringify(state));
    }
    throw new Error(`unexpected docker ${args.join(' ')}`);
  }
}

const watch = (states: SwarmTask[][], settleMs: number, timeoutMs = 60_000) => {
  let clock = 0;
  const lines: string[] = [];
  const result = watchStack(new ScriptedDocker(states), {
    stack: 'st',
    phase: 'deploy',
    timeoutMs,
    pendingGraceMs: 5000,
    baseline: { byName: new Map() },
    log: (l) => lines.push(l),
    timing: {
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    },
    settleMs,
    localNode: 'm1',
  });
  return { result, lines };
};

describe('the re-check of a converged stack', () => {
  it('reports convergence only after it held for settleMs, dated when it began', async () => {
    const { result, lines } = watch([[task('a', 'm1'), task('b', 'w1')]], 10_000);
    const r = await result;
    expect(r.outcome).toBe('converged');
    expect(r.at).toBe(0);
    expect(r.settledMs).toBeGreaterThanOrEqual(10_000);
    expect(r.settledMs).toBeLessThan(11_500);
    expect(lines.some((l) => /converged; re-checking for 10(\.0)?s/.test(l))).toBe(true);
    expect(r.assessment.services[0]!.placement).toEqual({ manager1: 1, worker1: 1 });
  });

  it('watches on when convergence is lost meanwhile (a node found dead), and restarts the re-check', async () => {
    const both = [task('a', 'm1'), task('b', 'w1')];
    const lost = [task('a', 'm1'), task('b', 'w1', 'shutdown')];
    const back = [task('a', 'm1'), task('b', 'w1', 'shutdown'), task('c', 'w1')];
    const { result, lines } = watch([both, both, both, lost, lost, back], 5_000);
    const r = await result;
    expect(r.outcome).toBe('converged');
    expect(r.at).toBeGreaterThan(0);
    expect(lines.some((l) => /^stack st: no longer converged after/.test(l))).toBe(true);
    expect(lines.filter((l) => /re-checking for/.test(l))).toHaveLength(2);
  });

  it('is skipped when every task runs on the manager we talk to', async () => {
    const r = await watch([[task('a', 'm1'), task('b', 'm1')]], 10_000).result;
    expect(r).toMatchObject({ outcome: 'converged', at: 0, settledMs: 0 });
  });

  it('counts a deadline inside the re-check as converged (nothing broke)', async () => {
    const r = await watch([[task('a', 'm1'), task('b', 'w1')]], 30_000, 8_000).result;
    expect(r.outcome).toBe('converged');
    expect(r.settledMs).toBeGreaterThan(0);
  });
});
