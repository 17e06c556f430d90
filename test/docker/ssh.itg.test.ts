// The docker CLI's ssh:// transport through setUpSsh against a real sshd: a
// lab host of its own (scripts/lab.sh --lab 8, one manager), so the sshd's
// log and its TCP connections are ours alone. Asserted on what the server
// sees (accepted logins, established connections) and on the control socket
// and master process, never on timing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Docker } from '@switchyard/docker/cli';
import { cleanUpSsh, parseDockerHost, setUpSsh, type SshSetup } from '@switchyard/docker/ssh';
import { host, knownHosts, lab, labCmd, labScript, privateKey, until, type Lab, type LabHost } from '../lab/support';

const K = 8;
let l: Lab;
let mgr: LabHost;
let parent: string;

beforeAll(async () => {
  await labCmd(['down', '--lab', String(K)]);
  await labCmd(['up', '--lab', String(K), '--workers', '0']);
  l = lab(K);
  mgr = host(l, l.manager);
  parent = mkdtempSync(join(tmpdir(), 'ssh-itg-'));
}, 120_000);

afterAll(async () => {
  await labCmd(['down', '--lab', String(K)]);
}, 60_000);

/** Logins the manager's sshd accepted so far (sshd -E log, LogLevel INFO). */
const accepted = () => readFileSync(join(l.dir, mgr.name, 'sshd.log'), 'utf8').match(/^.*Accepted publickey for root from .*$/gm)?.length ?? 0;
/** TCP connections established to the manager's sshd right now, seen from inside the host. */
const serverConnections = () =>
  execFileSync('bash', [labScript, 'exec', '--lab', String(K), mgr.name, 'ss', '-Htn', 'state', 'established', `( sport = :22 )`], {
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean).length;
/** Processes whose command line names the path (the master's title is `ssh: <ControlPath> [mux]`). */
const processesOf = (path: string) => {
  const r = spawnSync('pgrep', ['-af', path], { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean);
};
const isSocket = (p: string) => existsSync(p) && statSync(p).isSocket();

function setUp(opts: { reuse?: boolean; knownHosts?: string } = {}): { ssh: SshSetup; docker: Docker } {
  const ssh = setUpSsh({
    parent,
    host: parseDockerHost('docker-host', `ssh://root@${mgr.addr}`)!,
    privateKey: privateKey(l),
    knownHosts: opts.knownHosts ?? knownHosts(l),
    ...(opts.reuse === undefined ? {} : { reuse: opts.reuse }),
  });
  return { ssh, docker: new Docker(ssh.endpoint) };
}
const serverVersion = async (docker: Docker) => (await docker.query(['version', '--format', '{{.Server.Version}}'])).stdout.trim();

describe('ssh connection reuse for docker over ssh://', () => {
  it('runs several docker calls over one ssh connection; cleanup stops the master and leaves no process', async () => {
    const { ssh, docker } = setUp();
    const socket = ssh.controlPath!;
    expect(socket).toBe(join(ssh.dir, 'mux'));
    const before = accepted();
    const engine = await serverVersion(docker);
    expect(engine).toMatch(/^\d+\.\d+/);
    expect(isSocket(socket)).toBe(true);
    const masters = processesOf(socket);
    expect(masters).toEqual([expect.stringMatching(/^\d+ ssh: .*\/mux \[mux\]$/)]);
    for (let i = 0; i < 4; i++) expect(await serverVersion(docker)).toBe(engine);
    expect((await docker.query(['info', '--format', '{{.Name}}'])).stdout.trim()).toBe(mgr.name);
    // Six docker calls, one login and one TCP connection on the server.
    expect(accepted() - before).toBe(1);
    expect(serverConnections()).toBe(1);
    expect(processesOf(socket)).toEqual(masters);

    expect(await cleanUpSsh(ssh.dir, parent, () => {})).toBe(true);
    expect(existsSync(ssh.dir)).toBe(false);
    expect(processesOf(socket)).toEqual([]);
    const masterPid = Number(masters[0]!.split(' ')[0]);
    // Gone, or a zombie this machine's init has not reaped yet: exited either way.
    const stat = existsSync(`/proc/${masterPid}/stat`) ? readFileSync(`/proc/${masterPid}/stat`, 'utf8') : `${masterPid} (ssh) Z`;
    expect(stat).toMatch(/^\d+ \(.*\) Z /);
    await until('the server to drop the connection', () => serverConnections() === 0, 10_000);
  }, 60_000);

  it('with reuse off, every docker call logs in again (what the reuse saves)', async () => {
    const { ssh, docker } = setUp({ reuse: false });
    expect(ssh.controlPath).toBeUndefined();
    const before = accepted();
    for (let i = 0; i < 3; i++) await serverVersion(docker);
    expect(accepted() - before).toBe(3);
    expect(existsSync(join(ssh.dir, 'mux'))).toBe(false);
    expect(processesOf(ssh.dir)).toEqual([]);
    expect(await cleanUpSsh(ssh.dir, parent)).toBe(true);
  }, 60_000);

  it('parallel first calls race for the master without errors; later calls share it', async () => {
    const { ssh, docker } = setUp();
    const before = accepted();
    const names = await Promise.all(Array.from({ length: 6 }, async () => (await docker.query(['info', '--format', '{{.Name}}'])).stdout.trim()));
    expect(names).toEqual(Array(6).fill(mgr.name));
    // One became the master; the others shared it or, racing it, connected on their own.
    const raced = accepted() - before;
    expect(raced).toBeGreaterThanOrEqual(1);
    expect(raced).toBeLessThanOrEqual(6);
    expect(isSocket(ssh.controlPath!)).toBe(true);
    expect(processesOf(ssh.controlPath!)).toHaveLength(1);
    const again = await Promise.all(Array.from({ length: 4 }, () => serverVersion(docker)));
    expect(new Set(again).size).toBe(1);
    expect(accepted() - before).toBe(raced);
    expect(await cleanUpSsh(ssh.dir, parent)).toBe(true);
    expect(processesOf(ssh.controlPath!)).toEqual([]);
  }, 60_000);

  it('still refuses a host key that does not match, even while another directory has a master to the same host', async () => {
    const good = setUp();
    await serverVersion(good.docker);
    expect(isSocket(good.ssh.controlPath!)).toBe(true);

    const keyDir = mkdtempSync(join(tmpdir(), 'ssh-itg-wrong-'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(keyDir, 'k')]);
    const wrong = `${mgr.addr} ${readFileSync(join(keyDir, 'k.pub'), 'utf8').split(' ').slice(0, 2).join(' ')}\n`;
    const bad = setUp({ knownHosts: wrong });
    expect(bad.ssh.controlPath).toBeDefined();
    const before = accepted();
    const r = await bad.docker.query(['version', '--format', '{{.Server.Version}}'], { allowFailure: true });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Host key verification failed/);
    expect(r.stdout).not.toMatch(/^\d+\.\d+/);
    expect(accepted() - before).toBe(0);
    expect(existsSync(bad.ssh.controlPath!)).toBe(false);
    expect(processesOf(bad.ssh.controlPath!)).toEqual([]);
    expect(await cleanUpSsh(bad.ssh.dir, parent)).toBe(true);
    expect(await cleanUpSsh(good.ssh.dir, parent)).toBe(true);
    expect(processesOf(good.ssh.controlPath!)).toEqual([]);
  }, 60_000);

  it('cleans up after a master that died (a stale socket) and after one never started', async () => {
    const { ssh, docker } = setUp();
    await serverVersion(docker);
    const [master] = processesOf(ssh.controlPath!);
    process.kill(Number(master!.split(' ')[0]), 'SIGKILL');
    await until('the master to die', () => processesOf(ssh.controlPath!).length === 0, 10_000);
    expect(isSocket(ssh.controlPath!)).toBe(true);
    const log: string[] = [];
    expect(await cleanUpSsh(ssh.dir, parent, (line) => log.push(line))).toBe(true);
    expect(log.join('\n')).toMatch(/no master running on .*\/mux/);
    expect(existsSync(ssh.dir)).toBe(false);

    const idle = setUp();
    expect(await cleanUpSsh(idle.ssh.dir, parent)).toBe(true);
    expect(existsSync(idle.ssh.dir)).toBe(false);
  }, 60_000);
});
