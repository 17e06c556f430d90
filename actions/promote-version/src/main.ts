import { core, errorMessage, formatDuration, runContext, runUrl, setOutputs, Failure, writeManifest, type RunContext } from '@switchyard/kit';
import { getInputs, type Config, type Outputs } from './inputs';
import { problems, targetRelease, tagAction, type Inspection, type ServicePlan } from './plan';
import { apply, checkAccess, clientsFor, inspect } from './registry';
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
  const config = getInputs();
  const ctx = runContext();
  if (config.mode === 'record') return core.group(`Record the verification of ${config.release.version} in ${config.to}`, () => record(config, ctx));
  return promote(config, ctx);
}

/**
 * Four phases, each a log group: verify (the `from` environment's GitHub
 * deployments) and inspect (every registry) are read in parallel and nothing
 * is written until both agree; then copy (images by digest, then tags) and
 * record (release manifest, commit, deployment status).
 */
async function promote(config: Config, ctx: RunContext): Promise<void> {
  const started = Date.now();
  const { release, plans } = config;
  core.info(`Promoting ${release.version} (${plans.length} service(s)) from ${config.from} to ${config.to}${config.dryRun ? ' (dry run)' : ''}`);

  const ghP: Promise<{ api: GitHubApi; repo: Repo } | undefined> = config.githubToken
    ? connectGitHub(config.githubToken).then((api) => ({ api, repo: repoFromEnv() }))
    : Promise.resolve(undefined);
  const verifyP = ghP.then((g) => (g && config.requireVerified ? findVerification(g.api, g.repo, config.from, release) : undefined));
  // The registry clients' lines (retries) are held back while the verify group is open, then shown in the inspect group.
  const held: string[] = [];
  let log: (line: string) => void = (line) => held.push(line);
  const clients = clientsFor(plans, config, (line) => log(line));
  try {
    const inspectP = checkAccess(plans, clients).then(() => inspect(plans, clients));
    inspectP.catch(() => undefined);
    await core.group(`Verify ${release.version} in ${config.from}`, async () => {
      const v = await verifyP;
      if (!v) {
        core.info(config.requireVerified ? 'not checked: no github-token' : 'not checked: require-verified is false');
        return;
      }
      if (!v.verified)
        throw new Failure(`Refusing to promote ${release.version} to ${config.to}: it is not verified in ${config.from}: ${v.reason}`, {
          hint: `record the ${config.from} verification with this action's mode: record after its smoke test, or set require-verified: false`,
        });
      core.info(`✓ verified in ${config.from}: ${v.reason}`);
    });
    const inspections = await core.group(`Inspect ${plans.length} service(s) in the source and target registries`, async () => {
      for (const line of held.splice(0)) core.info(line);
      log = (line) => core.info(line);
      const found = await inspectP;
      logPlan(plans, found);
      const issues = problems(plans, found, config.immutable);
      if (issues.length)
        throw new Failure(`Nothing was promoted: ${issues.length} problem(s) found while checking every service first:\n- ${issues.join('\n- ')}`);
      return found;
    });
    const gh = await ghP;

    if (config.dryRun) {
      setOutputs<Outputs>({ promoted: promotedOutput(plans, inspections, undefined), 'deployment-id': '', 'release-file': '', version: release.version });
      summary({ release, from: config.from, to: config.to, plans, inspections, results: undefined, elapsedMs: Date.now() - started, dryRun: true }).write();
      core.info('Dry run: nothing written.');
      return;
    }

    const { results, deploymentId } = await core.group(`Copy ${plans.length} image(s) to ${config.to}`, async () => {
      // The deployment is recorded first, so that a failed copy is marked on it.
      const id = gh ? await createPromotion(gh, config, ctx) : undefined;
      try {
        return { results: await apply(plans, inspections, clients), deploymentId: id };
      } catch (e) {
        if (gh && id !== undefined) await markFailed(gh, id, e, config, ctx);
        throw e;
      }
    });

    await core.group(`Record ${release.version} in ${config.to}`, async () => {
      try {
        const target = targetRelease(release, plans);
        writeManifest(config.outputFile, target);
        core.info(`Wrote ${config.outputFile}`);
        if (gh && config.commitPath) {
          const message = `promote ${release.version}: ${config.from} → ${config.to}\n\n${plans.map((p) => `${p.service}: ${p.target.registry}/${p.target.repository}@${p.digest}`).join('\n')}\n\nRun: ${runUrl(ctx) || ctx.runId}`;
          const sha = await commitFile(gh.api, gh.repo, config.commitPath, config.commitBranch, `${JSON.stringify(target, null, 2)}\n`, message);
          core.info(
            sha === undefined ? `${config.commitPath} already records this release: no commit` : `Committed ${config.commitPath} (${sha.slice(0, 12)})`,
          );
        }
      } catch (e) {
        if (gh && deploymentId !== undefined) await markFailed(gh, deploymentId, e, config, ctx);
        throw e;
      }
      if (gh && deploymentId !== undefined) {
        await setDeploymentStatus(gh.api, gh.repo, deploymentId, {
          state: 'in_progress',
          description: `promoted from ${config.from}; awaiting verification in ${config.to}`,
          logUrl: runUrl(ctx),
          environmentUrl: config.environmentUrl,
        });
        core.info(`Deployment ${deploymentId}: in progress, awaiting verification in ${config.to}`);
      }
    });
    setOutputs<Outputs>({
      promoted: promotedOutput(plans, inspections, results),
      'deployment-id': deploymentId === undefined ? '' : String(deploymentId),
      'release-file': config.outputFile,
      version: release.version,
    });
    summary({ release, from: config.from, to: config.to, plans, inspections, results, elapsedMs: Date.now() - started, dryRun: false, deploymentId }).write();
    core.info(`Promoted ${release.version} to ${config.to} in ${formatDuration(Date.now() - started)}; release manifest: ${config.outputFile}`);
  } finally {
    clients.close();
  }
}

/** Records the promotion as a GitHub deployment of `to` (payload: version, digests, run). */
async function createPromotion(gh: { api: GitHubApi; repo: Repo }, config: Config, ctx: RunContext): Promise<number> {
  const id = await createDeployment(
    gh.api,
    gh.repo,
    {
      environment: config.to,
      release: config.release,
      payload: { from: config.from, mode: 'promote', services: servicesPayload(config.plans), run: runUrl(ctx) || undefined },
      description: `promote ${config.release.version} from ${config.from}`,
      fallbackRef: ctx.sha,
    },
    (l) => core.info(l),
  );
  core.info(`Recorded deployment ${id} for ${config.to}`);
  return id;
}

async function markFailed(gh: { api: GitHubApi; repo: Repo }, id: number, e: unknown, config: Config, ctx: RunContext): Promise<void> {
  await setDeploymentStatus(gh.api, gh.repo, id, {
    state: 'failure',
    description: `promotion failed: ${errorMessage(e)}`,
    logUrl: runUrl(ctx),
    environmentUrl: config.environmentUrl,
  }).catch((se: unknown) => core.warning(`could not mark deployment ${id} failed: ${errorMessage(se)}`));
}

/** `mode: record`: marks the release's deployment in `to` with the verification outcome. */
async function record(inputs: Config, ctx: RunContext): Promise<void> {
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
