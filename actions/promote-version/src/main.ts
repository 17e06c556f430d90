import { core, errorMessage, formatDuration, runContext, runUrl, setOutputs, Failure, writeManifest, type RunContext } from '@switchyard/kit';
import { getInputs, type Inputs, type Outputs } from './inputs';
import { planRelease, problems, targetRelease, tagAction, type Inspection, type ServicePlan } from './plan';
import { apply, checkAccess, clientsFor, inspect, type ServiceResult } from './registry';
import {
  checkDeployment,
  commitFile,
  connectGitHub,
  createDeployment,
  findAwaitingDeployment,
  findVerification,
  repoFromEnv,
  setDeploymentStatus,
  type GitHubApi,
  type Repo,
} from './github';
import { promotedOutput, summary } from './report';

export async function run(): Promise<void> {
  const inputs = getInputs();
  const ctx = runContext();
  if (inputs.mode === 'record') return record(inputs, ctx);
  return promote(inputs, ctx);
}

async function promote(inputs: Inputs, ctx: RunContext): Promise<void> {
  const started = Date.now();
  const { release } = inputs;
  const plans = planRelease(release, {
    tags: inputs.tags,
    env: inputs.to,
    from: inputs.from,
    targetRegistry: inputs.targetRegistry,
    targetRepositoryPrefix: inputs.targetRepositoryPrefix,
  });
  core.info(`Promoting ${release.version} (${plans.length} service(s)) from ${inputs.from} to ${inputs.to}${inputs.dryRun ? ' (dry run)' : ''}`);

  // GitHub (loading Octokit) and the registries are read in parallel; nothing is written until both agree.
  const ghP: Promise<{ api: GitHubApi; repo: Repo } | undefined> = inputs.githubToken
    ? connectGitHub(inputs.githubToken).then((api) => ({ api, repo: repoFromEnv() }))
    : Promise.resolve(undefined);
  const verifyP = ghP.then((g) => (g && inputs.requireVerified ? findVerification(g.api, g.repo, inputs.from, release) : undefined));
  const clients = clientsFor(plans, inputs);
  try {
    const inspectP = checkAccess(plans, clients).then(() => inspect(plans, clients));
    const [verification, inspected] = await Promise.allSettled([verifyP, inspectP]);
    if (verification.status === 'rejected') throw verification.reason;
    const v = verification.value;
    if (v && !v.verified)
      throw new Failure(`Refusing to promote ${release.version} to ${inputs.to}: it is not verified in ${inputs.from}: ${v.reason}`, {
        hint: `record the ${inputs.from} verification with this action's mode: record after its smoke test, or set require-verified: false`,
      });
    if (v) core.info(`✓ verified in ${inputs.from}: ${v.reason}`);
    if (inspected.status === 'rejected') throw inspected.reason;
    const inspections = inspected.value;
    const gh = await ghP;
    logPlan(plans, inspections);
    const issues = problems(plans, inspections, inputs.immutable);
    if (issues.length)
      throw new Failure(`Nothing was promoted: ${issues.length} problem(s) found while checking every service first:\n- ${issues.join('\n- ')}`);

    if (inputs.dryRun) {
      setOutputs<Outputs>({ promoted: promotedOutput(plans, inspections, undefined), 'deployment-id': '', 'release-file': '', version: release.version });
      summary({ release, from: inputs.from, to: inputs.to, plans, inspections, results: undefined, elapsedMs: Date.now() - started, dryRun: true }).write();
      core.info('Dry run: nothing written.');
      return;
    }

    let deploymentId: number | undefined;
    if (gh) {
      deploymentId = await createDeployment(
        gh.api,
        gh.repo,
        {
          environment: inputs.to,
          release,
          payload: { from: inputs.from, mode: 'promote', services: servicesPayload(plans), run: runUrl(ctx) || undefined },
          description: `promote ${release.version} from ${inputs.from}`,
          fallbackRef: ctx.sha,
        },
        (l) => core.info(l),
      );
      core.info(`Recorded deployment ${deploymentId} for ${inputs.to}`);
    }

    let results: ServiceResult[];
    try {
      results = await apply(plans, inspections, clients);
      const target = targetRelease(release, plans);
      writeManifest(inputs.outputFile, target);
      if (gh && inputs.commitPath) {
        const message = `promote ${release.version}: ${inputs.from} → ${inputs.to}\n\n${plans.map((p) => `${p.service}: ${p.target.registry}/${p.target.repository}@${p.digest}`).join('\n')}\n\nRun: ${runUrl(ctx) || ctx.runId}`;
        const sha = await commitFile(gh.api, gh.repo, inputs.commitPath, inputs.commitBranch, `${JSON.stringify(target, null, 2)}\n`, message);
        core.info(sha === undefined ? `${inputs.commitPath} already records this release: no commit` : `Committed ${inputs.commitPath} (${sha.slice(0, 12)})`);
      }
    } catch (e) {
      if (gh && deploymentId !== undefined) {
        await setDeploymentStatus(gh.api, gh.repo, deploymentId, {
          state: 'failure',
          description: `promotion failed: ${errorMessage(e)}`,
          logUrl: runUrl(ctx),
          environmentUrl: inputs.environmentUrl,
        }).catch((se: unknown) => core.warning(`could not mark deployment ${deploymentId} failed: ${errorMessage(se)}`));
      }
      throw e;
    }
    if (gh && deploymentId !== undefined) {
      await setDeploymentStatus(gh.api, gh.repo, deploymentId, {
        state: 'in_progress',
        description: `promoted from ${inputs.from}; awaiting verification in ${inputs.to}`,
        logUrl: runUrl(ctx),
        environmentUrl: inputs.environmentUrl,
      });
    }
    setOutputs<Outputs>({
      promoted: promotedOutput(plans, inspections, results),
      'deployment-id': deploymentId === undefined ? '' : String(deploymentId),
      'release-file': inputs.outputFile,
      version: release.version,
    });
    summary({ release, from: inputs.from, to: inputs.to, plans, inspections, results, elapsedMs: Date.now() - started, dryRun: false, deploymentId }).write();
    core.info(`Promoted ${release.version} to ${inputs.to} in ${formatDuration(Date.now() - started)}; release manifest: ${inputs.outputFile}`);
  } finally {
    clients.close();
  }
}

/** `mode: record`: marks the release's deployment in `to` with the verification outcome. */
async function record(inputs: Inputs, ctx: RunContext): Promise<void> {
  const { release } = inputs;
  const api = await connectGitHub(inputs.githubToken);
  const repo = repoFromEnv();
  let id = inputs.deploymentId;
  if (id !== undefined) await checkDeployment(api, repo, id, inputs.to, release);
  else id = await findAwaitingDeployment(api, repo, inputs.to, release);
  if (id === undefined) {
    id = await createDeployment(
      api,
      repo,
      {
        environment: inputs.to,
        release,
        payload: {
          mode: 'record',
          services: Object.fromEntries(Object.entries(release.services).map(([n, s]) => [n, { image: s.image, digest: s.digest }])),
          run: runUrl(ctx) || undefined,
        },
        description: `deploy ${release.version}`,
        fallbackRef: ctx.sha,
      },
      (l) => core.info(l),
    );
    core.info(`Created deployment ${id} of ${release.version} for ${inputs.to}`);
  }
  const description =
    inputs.recordState === 'success'
      ? `${release.version} verified in ${inputs.to}`
      : `${release.version} failed verification in ${inputs.to} (${inputs.recordState})`;
  await setDeploymentStatus(api, repo, id, { state: inputs.recordState, description, logUrl: runUrl(ctx), environmentUrl: inputs.environmentUrl });
  core.info(`Deployment ${id}: ${inputs.recordState} — ${description}`);
  setOutputs<Outputs>({ promoted: {}, 'deployment-id': String(id), 'release-file': '', version: release.version });
  core.appendSummary(`## Release ${release.version} in ${inputs.to}: ${inputs.recordState}\n\nRecorded on GitHub deployment ${id}.\n`);
}

function servicesPayload(plans: ServicePlan[]): Record<string, { image: string; digest: string }> {
  return Object.fromEntries(plans.map((p) => [p.service, { image: `${p.target.registry}/${p.target.repository}`, digest: p.digest }]));
}

function logPlan(plans: ServicePlan[], inspections: Inspection[]): void {
  plans.forEach((p, i) => {
    const ins = inspections[i]!;
    const tags = p.tags.map((t) => `${t} (${tagAction(ins.tags[t], p.digest)})`).join(', ');
    core.info(
      `${p.service}: ${p.source.registry}/${p.source.repository}@${p.digest.slice(0, 19)} ${ins.source ? '✓' : '✗ missing'} → ${p.target.registry}/${p.target.repository} ${ins.targetHasDigest ? '(digest already there)' : '(to copy)'}; tags ${tags}`,
    );
  });
}
