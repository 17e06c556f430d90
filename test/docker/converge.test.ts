import { describe, expect, it } from '@jest/globals';
import { parseFeatures } from '@switchyard/docker/cli';
import { assessService, assessStack, canonical, sameTaskSpec, specFingerprint, type AssessOptions } from '@switchyard/swarm/converge';
import { changedServices, deployArgs, planRollback } from '@switchyard/swarm/stack';
import type { ServiceSpec, SwarmService, SwarmTask } from '@switchyard/swarm/swarm';

const IMG1 = `reg/web:1@sha256:${'1'.repeat(64)}`;
const IMG2 = `reg/web:2@sha256:${'2'.repeat(64)}`;
const template = (image: string, health = true) => ({
  ContainerSpec: { Image: image, ...(health ? { Healthcheck: { Test: ['CMD', 'true'] } } : {}), StopGracePeriod: 10_000_000_000 },
  RestartPolicy: { Condition: 'any' },
  ForceUpdate: 0,
});
const spec = (name: string, image: string, mode: ServiceSpec['Mode'] = { Replicated: { Replicas: 2 } }): ServiceSpec => ({
  Name: name,
  TaskTemplate: template(image),
  Mode: mode,
});
const service = (over: Partial<SwarmService> & { Spec: ServiceSpec }): SwarmService => ({
  ID: `id-${over.Spec.Name}`,
  Version: { Index: 1 },
  CreatedAt: '',
  UpdatedAt: '',
  ...over,
});
let n = 0;
const task = (svc: SwarmService, image: string, state: string, desired = 'running', extra: Partial<SwarmTask> = {}): SwarmTask => ({
  ID: `t${++n}`,
  ServiceID: svc.ID,
  NodeID: 'node1',
  DesiredState: desired,
  // Task specs omit some defaults the service spec shows: they must still match.
  Spec: { ContainerSpec: { Image: image, Healthcheck: { Test: ['CMD', 'true'] } } },
  CreatedAt: '',
  Status: { Timestamp: `2026-11-26T06:00:0${n % 10}Z`, State: state },
  ...extra,
});
const opts = (over: Partial<AssessOptions> = {}): AssessOptions => ({ phase: 'deploy', now: 1000, firstSeen: new Map(), pendingGraceMs: 5000, ...over });

describe('task spec comparison', () => {
  it('ignores defaults the Engine omits on tasks, but sees an image change', () => {
    expect(sameTaskSpec({ ContainerSpec: { Image: IMG1, Privileges: {} } }, template(IMG1, false))).toBe(true);
    expect(sameTaskSpec({ ContainerSpec: { Image: IMG1 } }, template(IMG2, false))).toBe(false);
    expect(sameTaskSpec({ ContainerSpec: { Image: IMG1 }, ForceUpdate: 1 }, template(IMG1, false))).toBe(false);
    expect(canonical({ b: 1, a: { c: [], d: null } })).toBe('{"b":1}');
  });
});

describe('replicated services', () => {
  it('converge when the desired tasks run (healthy) on the new spec, with no old task left', () => {
    const svc = service({ Spec: spec('s_web', IMG2) });
    const old = task(svc, IMG1, 'running');
    const a = assessService(svc, [task(svc, IMG2, 'running'), old], opts());
    expect(a.state).toBe('progressing');
    expect(a.progress).toBe('1/2 running and healthy, 1 on the previous spec');
    const b = assessService(
      svc,
      [task(svc, IMG2, 'running'), task(svc, IMG2, 'running'), { ...old, DesiredState: 'shutdown', Status: { ...old.Status, State: 'shutdown' } }],
      opts(),
    );
    expect(b).toMatchObject({ state: 'converged', desired: 2, running: 2, digest: `sha256:${'2'.repeat(64)}`, progress: '2/2 running and healthy' });
  });

  it('keep waiting while the update is still in flight (monitor window)', () => {
    const svc = service({ Spec: spec('s_web', IMG2, { Replicated: { Replicas: 1 } }), UpdateStatus: { State: 'updating', StartedAt: 'new' } });
    expect(assessService(svc, [task(svc, IMG2, 'running')], opts()).state).toBe('progressing');
    const done = { ...svc, UpdateStatus: { State: 'completed', StartedAt: 'new' } };
    expect(assessService(done, [task(svc, IMG2, 'running')], opts()).state).toBe('converged');
  });

  it.each(['paused', 'rollback_started', 'rollback_completed'])('fail on UpdateStatus %s started by this deploy, but not on an old one', (state) => {
    const svc = service({
      Spec: spec('s_web', IMG1, { Replicated: { Replicas: 1 } }),
      UpdateStatus: { State: state, StartedAt: 'new', Message: 'update rolled back due to failure or early termination of task x' },
    });
    const tasks = [task(svc, IMG1, 'running')];
    expect(assessService(svc, tasks, opts()).state).toBe('failed');
    expect(assessService(svc, tasks, opts()).reason).toContain('rolled back due to failure');
    expect(assessService(svc, tasks, opts({ baselineUpdateStartedAt: 'new' })).state).toBe('converged');
  });

  it('converge at once when scaled to 0', () => {
    const svc = service({ Spec: spec('s_zero', IMG1, { Replicated: { Replicas: 0 } }) });
    expect(assessService(svc, [task(svc, IMG1, 'running', 'shutdown')], opts())).toMatchObject({ state: 'converged', progress: '0/0 running and healthy' });
  });

  it('fail an unplaceable task after the grace, with the scheduler reason', () => {
    const svc = service({ Spec: spec('s_web', IMG1, { Replicated: { Replicas: 1 } }) });
    const t = task(svc, IMG1, 'pending', 'running', {
      Status: { Timestamp: '', State: 'pending', Err: 'no suitable node (scheduling constraints not satisfied on 1 node)' },
    });
    const firstSeen = new Map<string, number>();
    expect(assessService(svc, [t], opts({ now: 0, firstSeen })).state).toBe('progressing');
    expect(assessService(svc, [t], opts({ now: 4999, firstSeen })).reason).toContain('task pending: no suitable node');
    const failed = assessService(svc, [t], opts({ now: 5000, firstSeen }));
    expect(failed.state).toBe('failed');
    expect(failed.reason).toBe('task cannot be placed: no suitable node (scheduling constraints not satisfied on 1 node)');
    expect(failed.failingTasks).toEqual([t.ID]);
  });

  it('explain the host-mode port conflict (start-first, or more replicas than nodes)', () => {
    const svc = service({ Spec: spec('s_web', IMG1, { Replicated: { Replicas: 2 } }) });
    const t = task(svc, IMG1, 'pending', 'running', {
      Status: { Timestamp: '', State: 'pending', Err: 'no suitable node (host-mode port already in use on 1 node)' },
    });
    const failed = assessService(svc, [task(svc, IMG1, 'running'), t], opts({ pendingGraceMs: 0 }));
    expect(failed.reason).toBe(
      'task cannot be placed: no suitable node (host-mode port already in use on 1 node) — a host-mode port allows one task per node: use update_config order: stop-first and no more replicas than nodes',
    );
  });

  it('fail a crash loop on the new spec with the last error', () => {
    const svc = service({ Spec: spec('s_web', IMG1, { Replicated: { Replicas: 1 } }) });
    const fails = [1, 2, 3].map(() =>
      task(svc, IMG1, 'rejected', 'shutdown', { Status: { Timestamp: '2026-11-26T06:00:00Z', State: 'rejected', Err: 'No such image: reg/web:1' } }),
    );
    expect(assessService(svc, fails.slice(0, 2), opts()).state).toBe('progressing');
    expect(assessService(svc, fails, opts())).toMatchObject({ state: 'failed', reason: expect.stringContaining('No such image') });
  });

  it('wait for a rollback to finish, and fail when it pauses', () => {
    const svc = service({ Spec: spec('s_web', IMG1, { Replicated: { Replicas: 1 } }), UpdateStatus: { State: 'rollback_started', StartedAt: 'x' } });
    expect(assessService(svc, [task(svc, IMG1, 'running')], opts({ phase: 'rollback' })).state).toBe('progressing');
    expect(
      assessService({ ...svc, UpdateStatus: { State: 'rollback_completed', StartedAt: 'x' } }, [task(svc, IMG1, 'running')], opts({ phase: 'rollback' })).state,
    ).toBe('converged');
    expect(
      assessService({ ...svc, UpdateStatus: { State: 'rollback_paused', StartedAt: 'x' } }, [task(svc, IMG1, 'running')], opts({ phase: 'rollback' })).state,
    ).toBe('failed');
  });
});

describe('jobs and global services', () => {
  it('a replicated job converges when its iteration completed (older iterations do not count)', () => {
    const svc = service({ Spec: spec('s_job', IMG1, { ReplicatedJob: { MaxConcurrent: 1, TotalCompletions: 2 } }), JobStatus: { JobIteration: { Index: 3 } } });
    const old = task(svc, IMG1, 'complete', 'complete', { JobIteration: { Index: 2 } });
    const one = task(svc, IMG1, 'complete', 'complete', { JobIteration: { Index: 3 } });
    expect(assessService(svc, [old, one], opts())).toMatchObject({ state: 'progressing', progress: '1/2 completed' });
    expect(assessService(svc, [old, one, task(svc, IMG1, 'complete', 'complete', { JobIteration: { Index: 3 } })], opts()).state).toBe('converged');
  });
  it('a job failing again and again fails', () => {
    const svc = service({ Spec: spec('s_job', IMG1, { ReplicatedJob: {} }) });
    const f = () => task(svc, IMG1, 'failed', 'shutdown', { JobIteration: null, Status: { Timestamp: '', State: 'failed', Err: 'task: non-zero exit (1)' } });
    expect(assessService(svc, [f(), f(), f()], opts())).toMatchObject({ state: 'failed', reason: expect.stringContaining('non-zero exit (1)') });
  });
  it('a global job converges when every node completed; a global service when every node runs it', () => {
    const gj = service({ Spec: spec('s_gj', IMG1, { GlobalJob: {} }) });
    expect(
      assessService(gj, [task(gj, IMG1, 'complete', 'complete', { NodeID: 'a' }), task(gj, IMG1, 'running', 'complete', { NodeID: 'b' })], opts()).state,
    ).toBe('progressing');
    expect(
      assessService(gj, [task(gj, IMG1, 'complete', 'complete', { NodeID: 'a' }), task(gj, IMG1, 'complete', 'complete', { NodeID: 'b' })], opts()).state,
    ).toBe('converged');
    const g = service({ Spec: spec('s_g', IMG1, { Global: {} }) });
    expect(
      assessService(g, [task(g, IMG1, 'running', 'running', { NodeID: 'a' }), task(g, IMG1, 'starting', 'running', { NodeID: 'b' })], opts()),
    ).toMatchObject({ state: 'progressing', progress: '1/2 running and healthy' });
  });
  it('a stack converges only when every service did, and fails when one failed', () => {
    const a = service({ Spec: spec('s_a', IMG1, { Replicated: { Replicas: 0 } }) });
    const b = service({ Spec: spec('s_b', IMG1, { Replicated: { Replicas: 1 } }) });
    const st = assessStack([b, a], [task(b, IMG1, 'starting')], new Map(), { phase: 'deploy', now: 0, firstSeen: new Map(), pendingGraceMs: 1 });
    expect(st).toMatchObject({ converged: false, summary: '1/2 services converged' });
    expect(st.services.map((s) => s.name)).toEqual(['s_a', 's_b']);
  });
});

describe('whole-stack rollback plan', () => {
  const before = service({ Spec: spec('s_web', IMG1) });
  const entry = (id: string, sp: ServiceSpec) => ({ id, spec: canonical(sp), fingerprint: specFingerprint(sp), updateStartedAt: undefined });
  const baseline = {
    byName: new Map([
      ['s_web', entry(before.ID, before.Spec)],
      ['s_db', entry('id-s_db', spec('s_db', IMG1))],
    ]),
  };
  it('rolls back changed services, removes created ones, waits for ones Swarm already rolled back', () => {
    // PreviousSpec is stored without the defaults `docker service inspect` fills into Spec.
    const { StopGracePeriod: _omitted, ...bare } = spec('s_web', IMG1).TaskTemplate.ContainerSpec!;
    const updated = service({ Spec: spec('s_web', IMG2), PreviousSpec: { ...spec('s_web', IMG1), TaskTemplate: { ContainerSpec: bare } } });
    const created = service({ Spec: spec('s_new', IMG1) });
    const autoRolled = service({ ID: 'id-s_db', Spec: spec('s_db', IMG1) });
    const tampered = service({ ID: 'id-s_db', Spec: spec('s_db', IMG2), PreviousSpec: spec('s_db', IMG2) });
    expect(changedServices(baseline, [updated, created, autoRolled]).map((s) => s.Spec.Name)).toEqual(['s_web', 's_new']);
    const plan = planRollback(baseline, [updated, created, autoRolled, tampered]);
    expect(plan.rollback.map((s) => s.Spec.Name)).toEqual(['s_web']);
    expect(plan.remove.map((s) => s.Spec.Name)).toEqual(['s_new']);
    expect(plan.already.map((s) => s.Spec.Name)).toEqual(['s_db']);
    expect(plan.impossible.map((i) => i.service.Spec.Name)).toEqual(['s_db']);
  });
});

describe('docker client differences', () => {
  it('detects --detach and stack config from help text (20.10 has neither)', () => {
    expect(
      parseFeatures('Commands:\n  config      Outputs the final config file\n  deploy      Deploy', '  -d, --detach                 Exit immediately'),
    ).toEqual({ stackDeployDetach: true, stackConfig: true });
    expect(parseFeatures('Commands:\n  deploy      Deploy a new stack', '  -c, --compose-file strings\n      --prune')).toEqual({
      stackDeployDetach: false,
      stackConfig: false,
    });
  });
  it('builds deploy arguments', () => {
    expect(deployArgs({ stack: 's', files: ['a.yml', 'b.yml'], withRegistryAuth: true, prune: false }, true)).toEqual([
      'stack',
      'deploy',
      '--compose-file',
      'a.yml',
      '--compose-file',
      'b.yml',
      '--with-registry-auth',
      '--detach=true',
      's',
    ]);
    expect(deployArgs({ stack: 's', files: ['a.yml'], withRegistryAuth: false, prune: true }, false)).toEqual([
      'stack',
      'deploy',
      '--compose-file',
      'a.yml',
      '--prune',
      's',
    ]);
  });
});
