// deploy-swarm-stack benchmarks on the local single-node Swarm (issue targets in brackets):
//  (a) convergence detection lag: from the moment the last task became running+healthy
//      (the Engine's own task timestamp) to the moment we report converged          [≤ 1.5 s]
//      - on a first deploy (no rolling update), and
//      - on an update, where Swarm's update monitor window runs after the last task
//        started; we also report the lag from UpdateStatus.CompletedAt.
//  (b) total time of the same update: the bundled action (whole process, including
//      validation and its own wait) vs `docker stack deploy --detach=false`       [report]
//  (c) docker over ssh:// (the machine's sshd, 127.0.0.1:2222, to the host's Docker):
//      N docker calls with one ssh connection each (ControlMaster no) vs sharing one
//      (setUpSsh's default), alternating in one run; sequential and 4 at a time  [report]
//  (d) the same update as (b) through deployStack over ssh://, ControlMaster no vs reuse,
//      alternating, and how many docker calls (= ssh logins without reuse) it made  [report]
// `--ssh` runs (c) and (d) only.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Docker } from '@switchyard/docker/cli';
import { cleanUpSsh, parseDockerHost, setUpSsh } from '@switchyard/docker/ssh';
import { deployStack } from '@switchyard/swarm/stack';
import { actionDir, infra, runBundledAction } from '@switchyard/testkit';
import { buildImage, removeStacks, tempDir, writeFile } from '../../test/deploy-swarm-stack/support';
import { webServiceHead } from '../../test/support/web-service';

const STACK = 'dss-bench';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[], unit = ' ms') =>
  `median ${median(xs).toFixed(0)}${unit} (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, n=${xs.length})`;

const a = buildImage('bench', 'a');
const b = buildImage('bench', 'b');
const dir = tempDir('dss-bench-');
const stackFor = (img: { repository: string; digest: string }) =>
  writeFile(
    dir,
    `stack-${img.digest.slice(7, 15)}.yml`,
    `version: "3.8"
services:
  web:
${webServiceHead(`${img.repository}@${img.digest}`)}    deploy:
      replicas: 2
      update_config: { parallelism: 1, delay: 0s, monitor: 1s, failure_action: rollback, order: stop-first }
`,
  );
const files = { a: stackFor(a), b: stackFor(b) };
/** One deploy of the bench stack, as the action runs it (no prune, no rollback). */
const deploy = (docker: Docker, file: string) =>
  deployStack(docker, {
    stack: STACK,
    files: [file],
    withRegistryAuth: false,
    prune: false,
    timeoutMs: 120_000,
    pendingGraceMs: 20_000,
    rollbackOnFailure: false,
    log: quiet,
  });
const docker = new Docker();
const quiet = () => {};
const updateCompletedAt = () =>
  Date.parse(execFileSync('docker', ['service', 'inspect', '--format', '{{.UpdateStatus.CompletedAt}}', `${STACK}_web`], { encoding: 'utf8' }).trim());

/** (c) and (d): docker calls over ssh://, one connection per call vs one shared connection. */
async function sshBench(): Promise<void> {
  const s = infra().ssh;
  const host = parseDockerHost('docker-host', `ssh://${s.user}@${s.host}:${s.port}`)!;
  const parent = tempDir('dss-bench-ssh-');
  // Counts the docker CLI invocations of a deploy, a line each in `count` next to it (the arguments pass through "$@").
  const counter = join(parent, 'count');
  const countingDocker = writeFile(parent, 'docker', '#!/bin/sh\necho >>"$(dirname "$0")/count"\nexec docker "$@"\n');
  chmodSync(countingDocker, 0o755);
  const calls = () => {
    try {
      return readFileSync(counter, 'utf8').length;
    } catch {
      return 0;
    }
  };
  const withSsh = async <T>(reuse: boolean, fn: (docker: Docker) => Promise<T>, bin?: string): Promise<T> => {
    const ssh = setUpSsh({ parent, host, privateKey: readFileSync(s.privateKey, 'utf8'), knownHosts: readFileSync(s.knownHosts, 'utf8'), reuse });
    try {
      return await fn(new Docker({ ...ssh.endpoint, ...(bin ? { bin } : {}) }));
    } finally {
      await cleanUpSsh(ssh.dir, parent, () => {});
    }
  };
  const timed = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };
  const N = 20;
  const version = (d: Docker) => d.query(['version', '--format', '{{.Server.Version}}']);
  const seq = { no: [] as number[], reuse: [] as number[] };
  const par = { no: [] as number[], reuse: [] as number[] };
  for (let round = 0; round < 3; round++) {
    for (const reuse of [false, true]) {
      const k = reuse ? 'reuse' : 'no';
      seq[k].push(
        await withSsh(reuse, (d) =>
          timed(async () => {
            for (let i = 0; i < N; i++) await version(d);
          }),
        ),
      );
      par[k].push(
        await withSsh(reuse, (d) =>
          timed(async () => {
            for (let i = 0; i < N / 4; i++) await Promise.all([1, 2, 3, 4].map(() => version(d)));
          }),
        ),
      );
    }
  }
  const per = (xs: number[]) => `${(median(xs) / N).toFixed(0)} ms/call`;
  console.log(`(c) ${N} docker calls over ssh://, one after another: ControlMaster no ${fmt(seq.no)} (${per(seq.no)})`);
  console.log(
    `                                              reuse ${fmt(seq.reuse)} (${per(seq.reuse)})   ratio ${(median(seq.reuse) / median(seq.no)).toFixed(2)}`,
  );
  console.log(`(c) ${N} docker calls over ssh://, 4 at a time:      ControlMaster no ${fmt(par.no)}`);
  console.log(`                                              reuse ${fmt(par.reuse)}   ratio ${(median(par.reuse) / median(par.no)).toFixed(2)}`);

  // (d) the update a → b, b → a, … alternating ControlMaster no and reuse.
  await removeStacks([STACK]);
  const r0 = await deploy(docker, files.a);
  if (!r0.ok) throw new Error(r0.reason);
  const upd = { no: [] as number[], reuse: [] as number[] };
  const callsPerDeploy: number[] = [];
  let target = files.b;
  for (let i = 0; i < 6; i++) {
    const reuse = i % 2 === 1;
    const c0 = calls();
    const ms = await withSsh(
      reuse,
      (d) =>
        timed(async () => {
          const r = await deploy(d, target);
          if (!r.ok) throw new Error(r.reason);
        }),
      countingDocker,
    );
    callsPerDeploy.push(calls() - c0);
    upd[reuse ? 'reuse' : 'no'].push(ms);
    target = target === files.a ? files.b : files.a;
  }
  console.log(`(d) update of 2 healthchecked replicas through deployStack over ssh://: ControlMaster no ${fmt(upd.no)}`);
  console.log(`                                                                  reuse ${fmt(upd.reuse)}`);
  console.log(`    docker calls per deploy (each its own ssh login without reuse): ${fmt(callsPerDeploy, '')}`);
  await removeStacks([STACK]);
}

if (process.argv.includes('--ssh')) {
  await sshBench();
  process.exit(0);
}

await removeStacks([STACK]);
const firstLags: number[] = [];
const updateLags: number[] = [];
const updateCompletedLags: number[] = [];
try {
  for (let i = 0; i < 3; i++) {
    const first = await deploy(docker, files.a);
    if (!first.ok) throw new Error(first.reason);
    firstLags.push(first.convergedAt! - Math.max(...first.services.map((s) => s.lastReadyAt ?? 0)));
    const upd = await deploy(docker, files.b);
    if (!upd.ok) throw new Error(upd.reason);
    updateLags.push(upd.convergedAt! - Math.max(...upd.services.map((s) => s.lastReadyAt ?? 0)));
    updateCompletedLags.push(upd.convergedAt! - updateCompletedAt());
    await removeStacks([STACK]);
  }
  console.log(`(a) lag, first deploy (last task running+healthy → converged reported): ${fmt(firstLags)}   [target ≤ 1500 ms]`);
  console.log(`(a) lag, update, from the last task running+healthy: ${fmt(updateLags)} (includes Swarm's 1 s update monitor window, which we wait out)`);
  console.log(`(a) lag, update, from Swarm's UpdateStatus.CompletedAt: ${fmt(updateCompletedLags)}   [target ≤ 1500 ms]`);

  // (b) the same update (a → b, then b → a) through the bundled action and through docker's own wait.
  const r0 = await deploy(docker, files.a);
  if (!r0.ok) throw new Error(r0.reason);
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (const [target, back] of [
      [files.b, files.a],
      [files.a, files.b],
    ] as const) {
      void back;
      if (ours.length <= theirs.length) {
        const r = await runBundledAction(actionDir('deploy-swarm-stack'), { inputs: { 'stack-name': STACK, 'stack-file': target, timeout: '120s' } });
        if (r.code !== 0) throw new Error(`action failed:\n${r.stdout}`);
        ours.push(r.durationMs);
      } else {
        const t0 = performance.now();
        execFileSync('docker', ['stack', 'deploy', '--detach=false', '-c', target, STACK], { stdio: 'ignore', timeout: 120_000 });
        theirs.push(performance.now() - t0);
      }
    }
  }
  console.log(`(b) update of 2 healthchecked replicas, whole action process: ${fmt(ours)}`);
  console.log(
    `(b) the same update with docker stack deploy --detach=false: ${fmt(theirs)}   (docker's wait also ends after the monitor window, but returns 0 even after a rollback)`,
  );
  await sshBench();
} finally {
  await removeStacks([STACK]);
}
