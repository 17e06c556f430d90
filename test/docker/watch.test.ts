import { describe, expect, it } from '@jest/globals';
import { Docker, type CallOptions } from '@switchyard/docker/cli';
import { watchStack } from '@switchyard/swarm/stack';
import type { SwarmService, SwarmTask } from '@switchyard/swarm/swarm';
import { ExecError, type ExecResult } from '@switchyard/kit';

const IMG = `reg/web@sha256:${'1'.repeat(64)}`;
const svc: SwarmService = {
  ID: 'svc1',
  Version: { Index: 1 },
  CreatedAt: '',
  UpdatedAt: '',
  Spec: { Name: 'st_web', TaskTemplate: { ContainerSpec: { Image: IMG } }, Mode: { Replicated: { Replicas: 2 } } },
};
const task = (id: string, state: string): SwarmTask => ({
  ID: id,
  ServiceID: 'svc1',
  DesiredState: 'running',
  Spec: { ContainerSpec: { Image: IMG } },
  CreatedAt: '',
  Status: { Timestamp: '2026-11-26T06:00:00Z', State: state },
});

/** A docker CLI that answers from a script of stack states, one state per poll (an Error = that poll's read fails). */
class ScriptedDocker extends Docker {
  polls = 0;
  constructor(private readonly states: (SwarmTask[] | Error)[]) {
    super({ bin: 'docker-not-called' });
  }
  private current(): SwarmTask[] | Error {
    return this.states[Math.min(this.polls, this.states.length - 1)]!;
  }
  override async query(args: readonly string[], _opts: CallOptions = {}): Promise<ExecResult> {
    const ok = (stdout: string): ExecResult => ({ code: 0, stdout, stderr: '' });
    const state = this.current();
    if (args[0] === 'service' && args[1] === 'ls') {
      if (state instanceof Error) {
        this.polls++;
        throw new ExecError('docker service ls', { code: 255, stdout: '', stderr: state.message });
      }
      return ok('svc1\n');
    }
    if (args[0] === 'service' && args[1] === 'inspect') return ok(JSON.stringify([svc]));
    if (args[0] === 'stack' && args[1] === 'ps') return ok((state as SwarmTask[]).map((t) => t.ID).join('\n'));
    if (args[0] === 'inspect') {
      this.polls++;
      return ok(JSON.stringify(state));
    }
    throw new Error(`unexpected docker ${args.join(' ')}`);
  }
}

const run = (states: (SwarmTask[] | Error)[], timeoutMs = 60_000) => {
  let clock = 0;
  const lines: string[] = [];
  const docker = new ScriptedDocker(states);
  const result = watchStack(docker, {
    stack: 'st',
    phase: 'deploy',
    timeoutMs,
    pendingGraceMs: 5000,
    baseline: { byName: new Map() },
    log: (l) => lines.push(l.replace(/ \([\d.]+m?s\)$/, '')),
    timing: {
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    },
  });
  return { result, lines, docker };
};

describe('watching a stack', () => {
  it('prints one line per change, not one per poll, and returns when converged', async () => {
    const starting = [task('a', 'starting'), task('b', 'starting')];
    const { result, lines } = run([starting, starting, starting, [task('a', 'running'), task('b', 'starting')], [task('a', 'running'), task('b', 'running')]]);
    expect((await result).outcome).toBe('converged');
    expect(lines).toEqual([
      'service st_web: 0/2 running',
      'stack st: 0/1 services converged',
      'service st_web: 1/2 running',
      'service st_web: 2/2 running — converged',
    ]);
  });

  it('rides out a few failed reads (a dropped ssh connection) but not endless ones', async () => {
    const down = new Error('ssh: connect to host 10.0.0.5 port 22: Connection refused');
    const ok = [task('a', 'running'), task('b', 'running')];
    const { result, lines } = run([down, down, ok]);
    expect((await result).outcome).toBe('converged');
    expect(lines[0]).toMatch(/cannot read the stack's state \(attempt 1 of 5 failed: ssh: connect to host 10.0.0.5 port 22: Connection refused\)/);
    await expect(run([down]).result).rejects.toThrow(/Connection refused/);
  });

  it('reports a timeout with the last assessment instead of throwing', async () => {
    const { result } = run([[task('a', 'running'), task('b', 'starting')]], 3000);
    const r = await result;
    expect(r.outcome).toBe('timeout');
    expect(r.assessment.services[0]).toMatchObject({ name: 'st_web', running: 1, desired: 2, state: 'progressing' });
  });
});
