import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Docker } from '@switchyard/docker/cli';
import { cleanUpSsh, setUpSsh } from '@switchyard/docker/ssh';
import { formatPlacement } from '@switchyard/swarm/nodes';
import type { DeployResult } from '@switchyard/swarm/stack';
import { ConfigurationError, core, errorMessage, ExecError, Failure, formatDuration, setOutputs, stateSlot, Summary } from '@switchyard/kit';
import { getInputs, type Inputs, type Outputs } from './inputs';
import { checkRendered, makePlan, type Plan } from './plan';

/** The ssh key directory, handed to the post step so a cancelled run still removes it. */
const sshDirState = stateSlot('sshDir');

export async function run(): Promise<void> {
  const inputs = await getInputs();
  const plan = makePlan(inputs);
  await core.group(`Plan: stack ${inputs.stackName}`, async () => logPlan(inputs, plan));

  const runnerTemp = process.env.RUNNER_TEMP || tmpdir();
  const work = mkdtempSync(join(runnerTemp, 'deploy-swarm-stack-'));
  let sshDir: string | undefined;
  try {
    let docker = new Docker({ variables: plan.env });
    if (inputs.dockerHost) {
      const ssh = setUpSsh({ parent: runnerTemp, host: inputs.dockerHost, privateKey: inputs.sshPrivateKey, knownHosts: inputs.sshKnownHosts });
      sshDir = ssh.dir;
      sshDirState.save(ssh.dir);
      docker = docker.with(ssh.endpoint);
    }
    const files = inputs.stackFile.map((f) => f.path);
    if (plan.override) {
      const override = join(work, 'pins.yml');
      writeFileSync(override, plan.override, { mode: 0o600 });
      files.push(override);
    }
    await core.group(`Check the stack file and Docker on ${docker.describeEndpoint()}`, async () => {
      await validateWithDocker(docker, files, plan);
      await connect(docker, inputs);
    });

    // The deploy and convergence code loads once the inputs are good: the fail-fast path stays a cold start of kit and the inputs.
    const { deployStack } = await import('@switchyard/swarm/stack');
    const result = await deployStack(docker, {
      stack: inputs.stackName,
      files,
      withRegistryAuth: inputs.withRegistryAuth,
      prune: inputs.prune,
      timeoutMs: inputs.timeout,
      pendingGraceMs: inputs.pendingGrace,
      rollbackOnFailure: inputs.rollbackOnFailure,
      log: (line) => core.info(line),
      group: core.group,
    });
    report(inputs, result);
    if (!result.ok) {
      const hint = failureHint(inputs, result);
      throw new Failure(result.reason, hint ? { hint } : {});
    }
    core.info(`Stack ${inputs.stackName} converged in ${formatDuration(result.convergedMs ?? 0)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (sshDir) await cleanUpSsh(sshDir, runnerTemp);
  }
}

/** The post step: removes the ssh directory if main could not (cancelled, killed). */
export async function post(): Promise<void> {
  const dir = sshDirState.read();
  if (!dir) return;
  const runnerTemp = process.env.RUNNER_TEMP || tmpdir();
  if (await cleanUpSsh(dir, runnerTemp)) core.info(`Removed the ssh key directory ${dir}`);
}

function logPlan(inputs: Inputs, plan: Plan): void {
  core.info(`Stack ${inputs.stackName}: ${plan.services.length} service(s) from ${inputs.stackFile.map((f) => f.path).join(', ')}`);
  for (const [name, p] of plan.pins.images) {
    const how = {
      release: `pinned from release ${inputs.releaseFile?.version ?? ''}`,
      digest: 'pinned by digest in the stack file',
      allowed: 'allowed unpinned',
      unpinned: 'not pinned (no release-file)',
    }[p.how];
    core.info(`  ${name}: ${p.to}  (${how})`);
  }
  if (!inputs.releaseFile && [...plan.pins.images.values()].some((p) => p.how === 'unpinned')) {
    core.warning('No release-file: images are deployed by tag, so the running bits are whatever the tag points at when Swarm resolves it.');
  }
}

/** Docker's own merge + interpolation + schema check, where the client has `docker stack config`. */
async function validateWithDocker(docker: Docker, files: string[], plan: Plan): Promise<void> {
  const features = await docker.detectFeatures();
  if (!features.stackConfig) {
    core.info('This docker client has no `docker stack config` (client < 25): the stack was checked by our own parser only.');
    return;
  }
  // A client-only command: rendered locally, without opening a connection to the endpoint.
  const r = await docker.with({ host: null }).query(['stack', 'config', ...files.flatMap((f) => ['--compose-file', f])], { allowFailure: true });
  if (r.code !== 0) throw new ConfigurationError(`The stack file is not valid for docker: ${(r.stderr || r.stdout).trim()}`);
  const { parse } = await import('yaml');
  checkRendered(parse(r.stdout), plan);
  core.info('docker stack config: the merged stack file is valid and every image is the planned one');
}

async function connect(docker: Docker, inputs: Inputs): Promise<void> {
  const where = docker.describeEndpoint();
  try {
    const [v, info] = await Promise.all([docker.version(), docker.query(['info', '--format', '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'])]);
    const [state, manager] = info.stdout.trim().split(' ');
    core.info(`Docker on ${where}: engine ${v.server} (API ${v.serverApi}), client ${v.client}, swarm ${state}${manager === 'true' ? ', manager' : ''}`);
    if (state !== 'active')
      throw new ConfigurationError(`Docker on ${where} is not part of a swarm (state ${state})`, {
        hint: 'run `docker swarm init` there, or point docker-host at a manager',
      });
    if (manager !== 'true') throw new ConfigurationError(`Docker on ${where} is a swarm worker, not a manager: stacks can only be deployed on a manager`);
  } catch (e) {
    if (!(e instanceof ExecError)) throw e;
    const msg = errorMessage(e);
    const hostKey = /Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No .* host key is known/i.test(msg);
    throw new Failure(`Cannot reach Docker on ${where}: ${msg}`, {
      hint: hostKey
        ? 'the host key the server presented is not in ssh-known-hosts: check the host and the pinned key (never disable the check)'
        : inputs.dockerHost
          ? 'check docker-host, that the ssh user may run docker, and ssh-private-key'
          : 'is the Docker daemon running and is this job allowed to use its socket?',
    });
  }
}

function report(inputs: Inputs, result: DeployResult): void {
  const services = result.services.map((s) => ({
    name: s.name,
    mode: s.mode,
    image: s.image,
    digest: s.digest,
    desired: s.desired,
    running: s.running,
    state: s.state,
    changed: result.changed.includes(s.name),
    ...(s.reason ? { reason: s.reason } : {}),
    hosts: s.placement,
    runningDigests: s.runningDigests,
  }));
  const outputs: Outputs = {
    services,
    'converged-seconds': result.convergedMs === undefined ? '' : (result.convergedMs / 1000).toFixed(1),
    'rolled-back': result.rolledBack,
  };
  setOutputs(outputs);
  const s = new Summary().heading(`Stack ${inputs.stackName}: ${result.ok ? 'converged' : result.rolledBack ? 'failed, rolled back' : 'failed'}`);
  const settled =
    result.settledMs > 0
      ? ` Re-checked for ${formatDuration(result.settledMs)} after that (Swarm counts a node that just died as Ready for up to its heartbeat window): still converged.`
      : '';
  s.text(
    result.ok
      ? `Converged in ${formatDuration(result.convergedMs ?? 0)}${inputs.releaseFile ? `, release \`${inputs.releaseFile.version}\`` : ''}${inputs.dockerHost ? ` on \`${inputs.dockerHost.url}\`` : ''}.${settled}`
      : result.reason,
  );
  s.table(
    ['Service', 'Mode', 'Image', 'Tasks', 'Hosts', 'State', 'Changed'],
    result.services.map((x) => [
      x.name,
      x.mode,
      x.image,
      `${x.running}/${x.desired}${x.mode.endsWith('job') ? ' completed' : ' running'}`,
      formatPlacement(x.placement),
      x.state === 'failed' ? `❌ ${x.reason}` : x.state === 'converged' ? '✅ converged' : `⏳ ${x.reason}`,
      result.changed.includes(x.name) ? 'yes' : 'no',
    ]),
  );
  if (result.diagnostics) s.details('docker stack ps and task logs', `\`\`\`\n${result.diagnostics.replace(/```/g, "'''")}\n\`\`\``);
  s.write();
}

/** The fix that applies to a failed deploy, when we know it. */
export function failureHint(inputs: Pick<Inputs, 'withRegistryAuth'>, result: Pick<DeployResult, 'reason'>): string | undefined {
  if (/No such image/i.test(result.reason)) {
    return inputs.withRegistryAuth
      ? 'the Swarm nodes could not pull the image with the credentials sent: log the runner in to that registry (docker/login-action, or `docker login`) before this step, with an account that may pull it'
      : 'a private registry? The Swarm nodes pull with the credentials the deploy sends: log the runner in to the registry (docker/login-action, or `docker login`) before this step and set with-registry-auth: true';
  }
  return undefined;
}
