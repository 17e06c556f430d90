// deploy-swarm-stack against the real single-node Swarm: every run goes
// through the bundled dist exactly as the runner runs it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { actionDir, infra, runBundledAction, type RunOptions, type RunResult } from '@switchyard/testkit';
import { buildImage, docker, removeStacks, runningImages, stacks, tempDir, webStack, writeFile, writeRelease } from './support';

const action = actionDir('deploy-swarm-stack');
const STACK = 'dss-it';
const PENDING = 'dss-it-pending';
const SSH_STACK = 'dss-it-ssh';
const SSH_STACK_2 = 'dss-it-ssh2';
const SSH_STACK_KILLED = 'dss-it-ssh-killed';
const ALL = [STACK, PENDING, SSH_STACK, SSH_STACK_2, SSH_STACK_KILLED];
const PORT = 18931;

let dir: string;
let images: Record<'web1' | 'web2' | 'broken' | 'api1' | 'api2', { repository: string; digest: string; ref: string }>;
let stackFile: string;
/** PATH whose `docker` is Debian's 20.10 client (no --detach, no stack config), as on some CI machines. */
let oldClientPath: string;

const deploy = (inputs: RunOptions['inputs'], opts: Partial<RunOptions> = {}): Promise<RunResult> =>
  runBundledAction(action, { timeoutMs: 150_000, ...opts, inputs: { 'stack-name': STACK, 'stack-file': stackFile, ...inputs } });
const outputServices = (r: RunResult) =>
  JSON.parse(r.outputs.services ?? '[]') as { name: string; digest: string; desired: number; running: number; state: string; changed: boolean }[];
const serving = async () => (await (await fetch(`http://127.0.0.1:${PORT}/`)).text()).trim();
const errors = (r: RunResult) =>
  r.annotations
    .filter((a) => a.level === 'error')
    .map((a) => a.message)
    .join('\n');
const release = (name: string, web: { repository: string; digest: string }, api: { repository: string; digest: string }) =>
  writeRelease(dir, `${name}.json`, name, { web, api });

beforeAll(async () => {
  await removeStacks(ALL);
  dir = tempDir();
  images = {
    web1: buildImage('web', 'v1'),
    web2: buildImage('web', 'v2'),
    broken: buildImage('web', 'v3-broken', false),
    api1: buildImage('api', 'v1'),
    api2: buildImage('api', 'v2'),
  };
  // web: healthchecked, published on a host-mode port; api: no healthcheck; a migration job and a service scaled to 0 run the api image.
  stackFile = writeFile(
    dir,
    'stack.yml',
    webStack({
      port: PORT,
      extra: `  api:
    image: \${API_REPO}:latest
    stop_grace_period: 1s
    deploy:
      replicas: 1
      update_config: { delay: 0s, monitor: 1s, failure_action: rollback }
      rollback_config: { delay: 0s, monitor: 1s }
  migrate:
    image: \${API_REPO}:latest
    command: ["sh", "-c", "echo migrated"]
    deploy: { mode: replicated-job }
  idle:
    image: \${API_REPO}:latest
    deploy: { replicas: 0 }
`,
    }),
  );
  writeFile(dir, '.env', `WEB_IMAGE=${images.web1.repository}:latest\n`);
  oldClientPath = mkdtempSync(join(tmpdir(), 'dss-docker20-'));
  symlinkSync('/usr/bin/docker', join(oldClientPath, 'docker'));
}, 120_000);

afterAll(async () => {
  await removeStacks(ALL);
}, 90_000);

describe('refuses bad input before touching the cluster', () => {
  it.each([
    ['a missing stack file', { 'stack-file': '/nonexistent/stack.yml' }, /Input 'stack-file': "\/nonexistent\/stack.yml" does not exist/],
    ['invalid YAML, saying where', { 'stack-file': 'BAD' }, /Input 'stack-file': invalid YAML \(.*bad.yml\) at line 5, column 5: Map keys must be unique/],
    ['a variable left unset', { env: '' }, /variable\(s\) used in .* but not set: API_REPO, WEB_IMAGE/],
    [
      'an unknown service in the release',
      { release: 'unknown' },
      /Input 'release-file': names service\(s\) no service of the stack uses: ghost \(127.0.0.1:5000\/dss-ghost\)/,
    ],
    [
      'an image in neither release nor allow-unpinned',
      { release: 'webonly' },
      /service image\(s\) in neither the release nor allow-unpinned: dss-it_api|api \(127.0.0.1:5000\/dss-api:latest\)/,
    ],
    ['a malformed docker-host', { 'docker-host': 'tcp://10.0.0.1:2376' }, /Input 'docker-host': "tcp:\/\/10.0.0.1:2376" is not supported/],
    [
      'an ssh key that is not a private key',
      { 'docker-host': 'ssh://root@127.0.0.1:2222', 'ssh-private-key': 'KEY' },
      /Input 'ssh-private-key': is not a private key/,
    ],
  ])('%s', async (_what, inputs: Record<string, string>, message) => {
    const bad = writeFile(dir, 'bad.yml', 'version: "3.8"\nservices:\n  web:\n    image: a\n    image: b\n');
    const env = inputs.env ?? `WEB_IMAGE=${images.web1.repository}:v1\nAPI_REPO=${images.api1.repository}`;
    const rel =
      inputs.release === 'unknown'
        ? writeRelease(dir, 'unknown.json', 'x', {
            web: images.web1,
            api: images.api1,
            ghost: { repository: '127.0.0.1:5000/dss-ghost', digest: images.web1.digest },
          })
        : inputs.release === 'webonly'
          ? writeRelease(dir, 'webonly.json', 'x', { web: images.web1 })
          : '';
    const { release: _r, env: _e, ...rest } = inputs;
    const r = await deploy({ ...rest, ...(rest['stack-file'] === 'BAD' ? { 'stack-file': bad } : {}), env, 'release-file': rel });
    expect(r.code).toBe(1);
    expect(errors(r)).toMatch(message);
    expect(r.stdout).not.toContain('docker stack deploy');
    expect(stacks()).not.toContain(STACK);
  });

  it('ssh without known hosts names the input and the host key rule', async () => {
    const r = await deploy({ 'docker-host': 'ssh://root@127.0.0.1:2222', 'ssh-private-key': readFileSync(infra().ssh.privateKey, 'utf8') });
    expect(r.code).toBe(1);
    expect(errors(r)).toMatch(/Input 'ssh-known-hosts': is required with docker-host "ssh:\/\/root@127.0.0.1:2222": host keys are never trusted on first use/);
  });
});

describe('deploys a stack and follows it to real convergence', () => {
  it('first deploy: pins every image from the release; waits for health, the job and a service scaled to 0', async () => {
    const r = await deploy({
      'release-file': release('1.0.0', images.web1, images.api1),
      'env-file': join(dir, '.env'),
      env: `API_REPO=${images.api1.repository}`,
      timeout: '90s',
    });
    expect(errors(r)).toBe('');
    expect(r.code).toBe(0);
    const services = outputServices(r);
    expect(services.map((s) => [s.name, s.state, s.running, s.desired])).toEqual([
      ['dss-it_api', 'converged', 1, 1],
      ['dss-it_idle', 'converged', 0, 0],
      ['dss-it_migrate', 'converged', 1, 1],
      ['dss-it_web', 'converged', 1, 1],
    ]);
    // The running tasks run exactly the release's digests.
    expect(runningImages('dss-it_web')).toEqual([`${images.web1.repository}@${images.web1.digest}`]);
    expect(runningImages('dss-it_api')).toEqual([`${images.api1.repository}@${images.api1.digest}`]);
    expect(services.find((s) => s.name === 'dss-it_web')!.digest).toBe(images.web1.digest);
    expect(Number(r.outputs['converged-seconds'])).toBeGreaterThan(0);
    expect(r.outputs['rolled-back']).toBe('false');
    expect(r.stdout).toMatch(/service dss-it_web: 1\/1 running and healthy — converged/);
    expect(r.stdout).toMatch(/service dss-it_migrate: 1\/1 completed — converged/);
    expect(r.summary).toContain('| dss-it_web | replicated |');
    expect(await serving()).toBe('v1');
  }, 120_000);

  it('updates to a new digest: only the changed service is replaced; the job is not re-run', async () => {
    const r = await deploy({
      'release-file': release('2.0.0', images.web2, images.api1),
      env: `WEB_IMAGE=${images.web1.repository}:latest\nAPI_REPO=${images.api1.repository}`,
      timeout: '90s',
    });
    expect(errors(r)).toBe('');
    expect(r.code).toBe(0);
    expect(
      outputServices(r)
        .filter((s) => s.changed)
        .map((s) => s.name),
    ).toEqual(['dss-it_web']);
    expect(runningImages('dss-it_web')).toEqual([`${images.web2.repository}@${images.web2.digest}`]);
    expect(await serving()).toBe('v2');
  }, 120_000);

  it('rolls the whole stack back when one service fails its healthcheck; the old task keeps serving', async () => {
    const r = await deploy({
      'release-file': release('3.0.0', images.broken, images.api2),
      env: `WEB_IMAGE=${images.web1.repository}:latest\nAPI_REPO=${images.api1.repository}`,
      timeout: '90s',
    });
    expect(r.code).toBe(1);
    expect(errors(r)).toMatch(/stack dss-it failed: dss-it_web: update rollback (started|completed)/);
    expect(errors(r)).toMatch(/rolled back \d changed service\(s\) to their previous spec/);
    expect(r.outputs['rolled-back']).toBe('true');
    expect(r.stdout).toContain('docker stack ps --no-trunc dss-it');
    // The healthy service changed by the same deploy went back too: whole-stack rollback.
    expect(runningImages('dss-it_api')).toEqual([`${images.api1.repository}@${images.api1.digest}`]);
    expect(runningImages('dss-it_web')).toEqual([`${images.web2.repository}@${images.web2.digest}`]);
    expect(await serving()).toBe('v2');
    expect(r.summary).toContain('failed, rolled back');
  }, 150_000);

  it('fails fast, naming the scheduler reason, when a task cannot be placed', async () => {
    const file = writeFile(dir, 'pending.yml', webStack({ constraint: 'node.labels.dss-nowhere==true' }));
    const t0 = Date.now();
    const r = await deploy({
      'stack-name': PENDING,
      'stack-file': file,
      env: `WEB_IMAGE=${images.web1.repository}@${images.web1.digest}`,
      'pending-grace': '2s',
      timeout: '120s',
    });
    expect(r.code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(errors(r)).toContain('dss-it-pending_web: task cannot be placed: no suitable node (scheduling constraints not satisfied on 1 node)');
    // It created the service, so the rollback removed it (and says so: nothing was rolled back).
    expect(errors(r)).toContain('removed dss-it-pending_web, which this deploy created');
    expect(errors(r)).not.toContain('rolled back');
    expect(docker('service', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${PENDING}`).trim()).toBe('');
    expect(docker('network', 'ls', '-q', '--filter', `label=com.docker.stack.namespace=${PENDING}`).trim()).toBe('');
  }, 60_000);
});

describe('over ssh:// with a pinned host key', () => {
  const sshInputs = (host: string, knownHosts: string) => ({
    'docker-host': host,
    'ssh-private-key': readFileSync(infra().ssh.privateKey, 'utf8'),
    'ssh-known-hosts': knownHosts,
  });
  const homeSsh = () => (existsSync(join(homedir(), '.ssh')) ? readdirSync(join(homedir(), '.ssh')).sort() : []);
  /** Processes naming a path under `dir` (a connection master's title is `ssh: <ControlPath> [mux]`). */
  const processesUnder = (dir: string) => spawnSync('pgrep', ['-af', dir], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);

  it('refuses a wrong host key: clear failure, nothing deployed, key directory removed', async () => {
    const before = homeSsh();
    const r = await deploy({
      'stack-name': SSH_STACK,
      ...sshInputs('ssh://root@127.0.0.1:2222', readFileSync(infra().ssh.wrongKnownHosts, 'utf8')),
      env: `WEB_IMAGE=${images.web1.repository}@${images.web1.digest}`,
      'stack-file': writeFile(dir, 'ssh.yml', webStack()),
    });
    expect(r.code).toBe(1);
    expect(errors(r)).toMatch(/Cannot reach Docker on ssh:\/\/root@127.0.0.1:2222: .*Host key verification failed/s);
    expect(errors(r)).toContain('never disable the check');
    expect(stacks()).not.toContain(SSH_STACK);
    expect(readdirSync(r.runnerTemp).filter((f) => f.startsWith('switchyard-ssh-'))).toEqual([]);
    expect(homeSsh()).toEqual(before);
    expect(r.masks.join('\n')).toContain('PRIVATE KEY');
  }, 60_000);

  it('a main killed while its ssh connection master runs: the post step stops the master and removes the directory', async () => {
    const { host, port } = infra().ssh;
    const runnerTemp = mkdtempSync(join(tmpdir(), 'dss-job-temp-'));
    const main = await deploy(
      {
        'stack-name': SSH_STACK_KILLED,
        'stack-file': writeFile(dir, 'ssh.yml', webStack()),
        ...sshInputs(`ssh://root@${host}:${port}`, readFileSync(infra().ssh.knownHosts, 'utf8')),
        env: `WEB_IMAGE=${images.web1.repository}@${images.web1.digest}`,
      },
      { runnerTemp, signalWhen: { output: /Docker on ssh:\/\/root@127\.0\.0\.1:2222: engine/, signal: 'SIGKILL' } },
    );
    expect(main.code).not.toBe(0);
    const sshDir = main.state.sshDir!;
    expect(existsSync(join(sshDir, 'id'))).toBe(true);
    const socket = join(sshDir, 'mux');
    expect(processesUnder(socket)).toEqual([expect.stringMatching(/^\d+ ssh: .*\/mux \[mux\]$/)]);

    const post = await runBundledAction(action, { stage: 'post', state: main.state, runnerTemp });
    expect(post.code).toBe(0);
    expect(post.stdout).toMatch(/ssh: stopped the connection master \(pid \d+\)/);
    expect(existsSync(sshDir)).toBe(false);
    expect(processesUnder(socket)).toEqual([]);
    // Calls of the killed main that were still in flight end with their connection.
    const t0 = Date.now();
    while (processesUnder(runnerTemp).length && Date.now() - t0 < 5_000) await new Promise((r) => setTimeout(r, 100));
    expect(processesUnder(runnerTemp)).toEqual([]);
  }, 60_000);

  it('two uses in one job against different host names deploy independently; post cleans up only its own directory', async () => {
    const { host, port } = infra().ssh;
    const known = readFileSync(infra().ssh.knownHosts, 'utf8');
    const knownLocalhost = known.replace(`[${host}]:${port}`, `[localhost]:${port}`);
    const runnerTemp = mkdtempSync(join(tmpdir(), 'dss-job-temp-'));
    const before = homeSsh();
    const file = writeFile(dir, 'ssh.yml', webStack());
    const [a, b] = await Promise.all([
      deploy(
        {
          'stack-name': SSH_STACK,
          'stack-file': file,
          ...sshInputs(`ssh://root@${host}:${port}`, known),
          env: `WEB_IMAGE=${images.web1.repository}@${images.web1.digest}`,
        },
        { runnerTemp },
      ),
      // The second one with Debian's 20.10 client (no --detach, no stack config), as on some CI machines.
      deploy(
        {
          'stack-name': SSH_STACK_2,
          'stack-file': file,
          ...sshInputs(`ssh://root@localhost:${port}`, knownLocalhost),
          env: `WEB_IMAGE=${images.web2.repository}@${images.web2.digest}`,
        },
        { runnerTemp, env: { PATH: `${oldClientPath}:${process.env.PATH}` } },
      ),
    ]);
    expect(b.stdout).toContain('client 20.10');
    expect(b.stdout).toContain('has no `docker stack config`');
    expect(b.stdout).not.toContain('--detach');
    expect([errors(a), errors(b)]).toEqual(['', '']);
    expect([a.code, b.code]).toEqual([0, 0]);
    // Each step's docker calls shared one ssh connection, whose master the step stopped before removing its directory.
    expect(processesUnder(runnerTemp)).toEqual([]);
    expect(a.stdout).toContain('Docker on ssh://root@127.0.0.1:2222');
    expect(b.stdout).toContain('Docker on ssh://root@localhost:2222');
    expect(runningImages(`${SSH_STACK}_web`)).toEqual([`${images.web1.repository}@${images.web1.digest}`]);
    expect(runningImages(`${SSH_STACK_2}_web`)).toEqual([`${images.web2.repository}@${images.web2.digest}`]);
    // The key never reaches the log; each step had its own private directory.
    const key = readFileSync(infra().ssh.privateKey, 'utf8');
    const log = a.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    expect(log).not.toContain(key.split('\n')[1]!);
    expect(a.state.sshDir).not.toBe(b.state.sshDir);
    expect(a.state.isPost).toBe('true');
    // main removed its directory already; simulate a cancelled main by recreating one and run post.
    expect(existsSync(a.state.sshDir!)).toBe(false);
    mkdirSync(a.state.sshDir!, { mode: 0o700 });
    const other = join(runnerTemp, 'switchyard-ssh-keepme');
    mkdirSync(other);
    const post = await runBundledAction(action, { stage: 'post', state: a.state, runnerTemp });
    expect(post.code).toBe(0);
    expect(existsSync(a.state.sshDir!)).toBe(false);
    expect(existsSync(other)).toBe(true);
    expect(homeSsh()).toEqual(before);

    // An update through the 20.10 client over ssh: detached by nature, watched by us.
    const c = await deploy(
      {
        'stack-name': SSH_STACK_2,
        'stack-file': file,
        ...sshInputs(`ssh://root@localhost:${port}`, knownLocalhost),
        env: `WEB_IMAGE=${images.web1.repository}@${images.web1.digest}`,
      },
      { runnerTemp, env: { PATH: `${oldClientPath}:${process.env.PATH}` } },
    );
    expect(errors(c)).toBe('');
    expect(outputServices(c).map((s) => [s.name, s.state, s.changed])).toEqual([[`${SSH_STACK_2}_web`, 'converged', true]]);
    expect(runningImages(`${SSH_STACK_2}_web`)).toEqual([`${images.web1.repository}@${images.web1.digest}`]);
    expect(processesUnder(runnerTemp)).toEqual([]);
  }, 150_000);
});
