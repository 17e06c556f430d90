// `scripts/lab.sh up --managers 3` on a lab of its own (lab 7): three managers in the
// Raft quorum, all Reachable with one Leader, each answering for the swarm, and the
// worker joined; the leader lost (dockerd killed, link down) and the other two elect a
// new one, answer and still commit changes (quorum 2 of 3); a tear-down that leaves
// nothing behind.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { host, lab, labCmd, leftovers, until, type Lab, type LabHost } from './support';

/** Labs 0–6 are the other lab tests', the bench's and the local pipeline's. */
const K = 7;
let l: Lab;
let managers: LabHost[];

/** `docker node ls` as one manager sees it ("manager1 Ready Active Leader", sorted); throws when it does not answer within 5 s. */
function nodeLs(h: LabHost): string[] {
  return execFileSync('docker', ['-H', h.docker, 'node', 'ls', '--format', '{{.Hostname}} {{.Status}} {{.Availability}} {{.ManagerStatus}}'], {
    encoding: 'utf8',
    stdio: 'pipe',
    timeout: 5000,
  })
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .sort();
}

const statusOf = (lines: string[], name: string) => lines.find((s) => s.startsWith(`${name} `))?.split(' ')[3] ?? '';

beforeAll(async () => {
  await labCmd(['down', '--lab', String(K)]);
  expect(leftovers(K)).toEqual([]);
  await labCmd(['up', '--lab', String(K), '--managers', '3', '--workers', '1']);
  l = lab(K);
  managers = l.hosts.filter((h) => h.role === 'manager');
}, 120_000);

afterAll(async () => {
  await labCmd(['down', '--lab', String(K)]);
}, 60_000);

describe('lab up --managers 3', () => {
  it('forms one swarm: 3 managers, all Reachable, one Leader, the worker joined, and every manager answers', () => {
    expect(l.hosts.map((h) => `${h.name}:${h.role}`)).toEqual(['manager1:manager', 'manager2:manager', 'manager3:manager', 'worker1:worker']);
    expect(host(l, l.manager).role).toBe('manager');
    const views = managers.map((m) => nodeLs(m));
    // The same swarm from every manager: they all forward to one leader.
    for (const v of views) expect(v).toEqual(views[0]);
    const [view] = views;
    expect(view!.map((s) => s.split(' ').slice(0, 3).join(' '))).toEqual([
      'manager1 Ready Active',
      'manager2 Ready Active',
      'manager3 Ready Active',
      'worker1 Ready Active',
    ]);
    expect(managers.map((m) => statusOf(view!, m.name)).sort()).toEqual(['Leader', 'Reachable', 'Reachable']);
    expect(statusOf(view!, 'worker1')).toBe('');
    // Each engine's own view: a manager holds the Raft state (control available), the worker does not.
    const info = l.hosts.map(
      (h) =>
        `${h.name} ${execFileSync('docker', ['-H', h.docker, 'info', '--format', '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}} {{.Swarm.Managers}}/{{.Swarm.Nodes}}'], { encoding: 'utf8' }).trim()}`,
    );
    expect(info).toEqual(['manager1 active true 3/4', 'manager2 active true 3/4', 'manager3 active true 3/4', 'worker1 active false 0/0']);
  });

  it('loses its leader and goes on: the other two elect one, answer and commit changes (quorum 2 of 3)', async () => {
    const leader = managers.find((m) => statusOf(nodeLs(m), m.name) === 'Leader')!;
    const survivors = managers.filter((m) => m !== leader);
    await labCmd(['kill', '--lab', String(K), leader.name]);
    await labCmd(['link', '--lab', String(K), leader.name, 'down']);
    // Raft's election timeout is ~10 s: until then the survivors have no leader to forward to.
    await until(
      'a new leader among the two survivors, the old one Unreachable',
      () =>
        survivors.every((s) => {
          const v = nodeLs(s);
          return statusOf(v, leader.name) === 'Unreachable' && survivors.filter((m) => statusOf(v, m.name) === 'Leader').length === 1;
        }),
      60_000,
    );
    const views = survivors.map((s) => nodeLs(s));
    expect(views[1]).toEqual(views[0]);
    expect(survivors.map((m) => statusOf(views[0]!, m.name)).sort()).toEqual(['Leader', 'Reachable']);
    // A write needs a Raft majority: through the follower (forwarded to the new leader), read back on the leader.
    const follower = survivors.find((m) => statusOf(views[0]!, m.name) === 'Reachable')!;
    const newLeader = survivors.find((m) => m !== follower)!;
    execFileSync('docker', ['-H', follower.docker, 'node', 'update', '--label-add', 'quorum=2of3', 'worker1'], { stdio: 'pipe', timeout: 15_000 });
    expect(
      execFileSync('docker', ['-H', newLeader.docker, 'node', 'inspect', '--format', '{{index .Spec.Labels "quorum"}}', 'worker1'], {
        encoding: 'utf8',
      }).trim(),
    ).toBe('2of3');
  }, 90_000);

  it('tears down all four hosts and their registries, leaving nothing behind', async () => {
    expect(leftovers(K).length).toBeGreaterThan(0);
    await labCmd(['down', '--lab', String(K)]);
    expect(leftovers(K)).toEqual([]);
  }, 60_000);
});
