// deploy-swarm-stack benchmarks on the local single-node Swarm (issue targets in brackets):
//  (a) convergence detection lag: from the moment the last task became running+healthy
//      (the Engine's own task timestamp) to the moment we report converged          [≤ 1.5 s]
//      - on a first deploy (no rolling update), and
//      - on an update, where Swarm's update monitor window runs after the last task
//        started; we also report the lag from UpdateStatus.CompletedAt.
//  (b) total time of the same update: the bundled action (whole process, including
//      validation and its own wait) vs `docker stack deploy --detach=false`       [report]
import { execFileSync } from 'node:child_process';
import { Docker } from '@switchyard/docker/cli';
import { deployStack } from '@switchyard/swarm/stack';
import { actionDir, runBundledAction } from '@switchyard/testkit';
import { buildImage, removeStacks, tempDir, writeFile } from '../../test/deploy-swarm-stack/support';

const STACK = 'dss-bench';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, n=${xs.length})`;

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
    image: ${img.repository}@${img.digest}
    stop_grace_period: 1s
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/health"]
      interval: 500ms
      timeout: 1s
      retries: 2
    deploy:
      replicas: 2
      update_config: { parallelism: 1, delay: 0s, monitor: 1s, failure_action: rollback, order: stop-first }
`,
  );
const files = { a: stackFor(a), b: stackFor(b) };
const docker = new Docker();
const quiet = () => {};
const updateCompletedAt = () =>
  Date.parse(execFileSync('docker', ['service', 'inspect', '--format', '{{.UpdateStatus.CompletedAt}}', `${STACK}_web`], { encoding: 'utf8' }).trim());

await removeStacks([STACK]);
const firstLags: number[] = [];
const updateLags: number[] = [];
const updateCompletedLags: number[] = [];
try {
  for (let i = 0; i < 3; i++) {
    const first = await deployStack(docker, {
      stack: STACK,
      files: [files.a],
      withRegistryAuth: false,
      prune: false,
      timeoutMs: 120_000,
      pendingGraceMs: 20_000,
      rollbackOnFailure: false,
      log: quiet,
    });
    if (!first.ok) throw new Error(first.reason);
    firstLags.push(first.convergedAt! - Math.max(...first.services.map((s) => s.lastReadyAt ?? 0)));
    const upd = await deployStack(docker, {
      stack: STACK,
      files: [files.b],
      withRegistryAuth: false,
      prune: false,
      timeoutMs: 120_000,
      pendingGraceMs: 20_000,
      rollbackOnFailure: false,
      log: quiet,
    });
    if (!upd.ok) throw new Error(upd.reason);
    updateLags.push(upd.convergedAt! - Math.max(...upd.services.map((s) => s.lastReadyAt ?? 0)));
    updateCompletedLags.push(upd.convergedAt! - updateCompletedAt());
    await removeStacks([STACK]);
  }
  console.log(`(a) lag, first deploy (last task running+healthy → converged reported): ${fmt(firstLags)}   [target ≤ 1500 ms]`);
  console.log(`(a) lag, update, from the last task running+healthy: ${fmt(updateLags)} (includes Swarm's 1 s update monitor window, which we wait out)`);
  console.log(`(a) lag, update, from Swarm's UpdateStatus.CompletedAt: ${fmt(updateCompletedLags)}   [target ≤ 1500 ms]`);

  // (b) the same update (a → b, then b → a) through the bundled action and through docker's own wait.
  const r0 = await deployStack(docker, {
    stack: STACK,
    files: [files.a],
    withRegistryAuth: false,
    prune: false,
    timeoutMs: 120_000,
    pendingGraceMs: 20_000,
    rollbackOnFailure: false,
    log: quiet,
  });
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
} finally {
  await removeStacks([STACK]);
}
