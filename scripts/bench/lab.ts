// Multi-host benchmarks on a lab of their own (scripts/lab.sh --lab 3), so they never
// disturb the lab the tests use (issue targets in brackets):
//  (a) lab bring-up and tear-down, warm: 1 manager + 2 workers, and 3 managers + 2 workers  [up ≤ 15 s]
//  (b) a 3-service stack, 3 replicas each, spread over 3 hosts, updated image → image:
//      deploy-swarm-stack's converged-seconds (and the whole step) vs
//      `docker stack deploy --detach=false` on the same lab, alternating, in one run  [ratio ≤ 1.0]
//  (c) a worker's dockerd killed while Swarm's updater replaces the task on it: time from
//      the kill to deploy-swarm-stack reporting the failure that names the node   [report]
// Every deploy goes over ssh:// to the manager, with the lab's pinned host keys.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { actionDir, runBundledAction } from '@switchyard/testkit';
import { buildLabImage, host, lab, labCmd, removeLabStacks, until, type Lab, type LabImage } from '../../test/lab/support';
import { webServiceHead } from '../../test/support/web-service';

// Docker's default heartbeat, as on a user's swarm (the test lab uses 2 s).
process.env.SWITCHYARD_LAB_HEARTBEAT ??= '5s';
const K = '3';
const STACK = 'bench-lab';
const runs = process.argv.includes('--quick') ? 1 : 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[], unit = 's') =>
  `median ${median(xs).toFixed(1)} ${unit} (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)}, n=${xs.length})`;
const seconds = async (fn: () => Promise<unknown>) => {
  const t0 = Date.now();
  await fn();
  return (Date.now() - t0) / 1000;
};

// (a) bring-up and tear-down.
const ups: number[] = [];
const downs: number[] = [];
const ups3: number[] = [];
const downs3: number[] = [];
await labCmd(['down', '--lab', K]);
for (let i = 0; i < runs; i++) {
  ups3.push(await seconds(() => labCmd(['up', '--lab', K, '--managers', '3', '--workers', '2'])));
  downs3.push(await seconds(() => labCmd(['down', '--lab', K])));
  ups.push(await seconds(() => labCmd(['up', '--lab', K])));
  if (i < runs - 1) downs.push(await seconds(() => labCmd(['down', '--lab', K])));
}
console.log(`(a) lab up, 1 manager + 2 workers (swarm formed, base image pushed): ${fmt(ups)}   [target ≤ 15 s]`);
console.log(`    lab up, 3 managers + 2 workers:                                    ${fmt(ups3)}`);
console.log(`    lab down (namespaces, mounts, rules, processes, state), 3 hosts:   ${downs.length ? fmt(downs) : '(measured after the runs below)'}`);
console.log(`    lab down, 5 hosts:                                                 ${fmt(downs3)}`);

const l: Lab = lab(Number(K));
const dir = mkdtempSync(join(tmpdir(), 'bench-lab-'));
const names = ['catalog', 'cart', 'orders'];
const images: Record<string, [LabImage, LabImage]> = {};
for (const n of names) images[n] = [buildLabImage(l, `bench-${n}`, 'a'), buildLabImage(l, `bench-${n}`, 'b')];
const stackFile = (which: 0 | 1) => {
  const file = join(dir, `stack-${which}.yml`);
  const svc = (n: string) => `  ${n}:
${webServiceHead(images[n]![which].pinned, { init: true })}    deploy:
      replicas: 3
      endpoint_mode: dnsrr
      placement: { max_replicas_per_node: 2, preferences: [{ spread: node.labels.zone }] }
      update_config: { parallelism: 1, delay: 0s, monitor: 1s, failure_action: rollback, order: start-first }
      rollback_config: { parallelism: 0, delay: 0s, monitor: 1s }
`;
  writeFileSync(file, `version: "3.8"\nservices:\n${names.map(svc).join('')}`);
  return file;
};
const files = [stackFile(0), stackFile(1)] as const;
const manager = host(l, l.manager);
const ssh = {
  'docker-host': `ssh://root@${manager.addr}`,
  'ssh-private-key': readFileSync(l.ssh.privateKey, 'utf8'),
  'ssh-known-hosts': readFileSync(l.ssh.knownHosts, 'utf8'),
};
// docker's own CLI over the same ssh:// transport: an ssh wrapper with the lab's pinned keys.
const bin = join(dir, 'bin');
mkdirSync(bin);
writeFileSync(
  join(dir, 'ssh_config'),
  `Host *\n  IdentityFile ${l.ssh.privateKey}\n  IdentitiesOnly yes\n  UserKnownHostsFile ${l.ssh.knownHosts}\n  GlobalKnownHostsFile /dev/null\n  StrictHostKeyChecking yes\n  BatchMode yes\n`,
);
writeFileSync(join(bin, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F '${join(dir, 'ssh_config')}' "$@"\n`, { mode: 0o755 });
const dockerEnv = { ...process.env, PATH: `${bin}:${process.env.PATH}`, DOCKER_HOST: `ssh://root@${manager.addr}` };

const ours = async (file: string) => {
  const t0 = Date.now();
  const r = await runBundledAction(actionDir('deploy-swarm-stack'), {
    timeoutMs: 300_000,
    inputs: { 'stack-name': STACK, 'stack-file': file, timeout: '3m', ...ssh },
  });
  if (r.code !== 0) throw new Error(`deploy-swarm-stack failed:\n${r.stdout.slice(-3000)}`);
  return { converged: Number(r.outputs['converged-seconds']), step: (Date.now() - t0) / 1000 };
};
const theirs = (file: string) => {
  const t0 = Date.now();
  const r = spawnSync('docker', ['stack', 'deploy', '--detach=false', '--compose-file', file, STACK], { env: dockerEnv, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`docker stack deploy failed: ${r.stderr}`);
  return (Date.now() - t0) / 1000;
};

await removeLabStacks(l, [STACK]);
const oursConverged: number[] = [];
const oursStep: number[] = [];
const theirsWall: number[] = [];
try {
  await ours(files[0]); // first deploy, not measured: every host pulls both image sets once below
  theirs(files[1]);
  theirs(files[0]);
  let which: 0 | 1 = 1;
  for (let i = 0; i < runs; i++) {
    const o = await ours(files[which]);
    oursConverged.push(o.converged);
    oursStep.push(o.step);
    which = which === 1 ? 0 : 1;
    theirsWall.push(theirs(files[which]));
    which = which === 1 ? 0 : 1;
  }
  console.log(`(b) 3 services × 3 replicas over 3 hosts, image update (start-first, monitor 1 s):`);
  console.log(`    deploy-swarm-stack converged-seconds:       ${fmt(oursConverged)}`);
  console.log(`    deploy-swarm-stack whole step (node start, ssh, validation, wait): ${fmt(oursStep)}`);
  console.log(`    docker stack deploy --detach=false:         ${fmt(theirsWall)}`);
  console.log(`    ratio converged-seconds / docker:           ${(median(oursConverged) / median(theirsWall)).toFixed(2)}   [target ≤ 1.0]`);
  console.log(`    ratio whole step / docker:                  ${(median(oursStep) / median(theirsWall)).toFixed(2)}`);

  // (c) a worker dies while the updater replaces its task.
  await ours(files[0]);
  await labCmd(['kill', '--lab', K, 'worker2']);
  const killedAt = Date.now();
  const r = await runBundledAction(actionDir('deploy-swarm-stack'), {
    timeoutMs: 300_000,
    inputs: { 'stack-name': STACK, 'stack-file': files[1], timeout: '3m', 'pending-grace': '5s', ...ssh },
  });
  const reportedAfter = (Date.now() - killedAt) / 1000;
  const error = r.annotations.find((a) => a.level === 'error')?.message ?? '(no error)';
  console.log(
    `(c) worker2's dockerd killed, then an update: the step ${r.code === 0 ? 'SUCCEEDED' : 'failed'} ${reportedAfter.toFixed(1)} s after the kill (timeout 3m, pending-grace 5s)`,
  );
  console.log(`    names the node: ${/worker2/.test(error) ? 'yes' : 'no'}; error: ${error.slice(0, 400)}`);
  await labCmd(['start', '--lab', K, 'worker2']);
  await until(
    'worker2 Ready',
    () =>
      execFileSync('docker', ['-H', manager.docker, 'node', 'inspect', '--format', '{{.Status.State}}', 'worker2'], { encoding: 'utf8' }).trim() === 'ready',
    60_000,
  );
} finally {
  downs.push(await seconds(() => labCmd(['down', '--lab', K])));
  console.log(`    lab down (3 hosts, with the stack running): ${fmt(downs)}`);
}
