import { tmpdir } from 'node:os';
import { detectBuildx, type BuilderKind } from '@switchyard/docker/build';
import { createPrivateDockerConfig, dockerLogin, type PrivateDockerConfig } from '@switchyard/docker/login';
import { core, escapeHtml, formatDuration, InputError, runContext, setOutputs, Summary, Failure } from '@switchyard/kit';
import { parseImageReference, RegistryClient } from '@switchyard/registry';
import { buildBuildx, buildLegacy, pullCacheSources, pushLegacy, scratchDir, type BuildResult } from './apply';
import { getInputs, type Inputs, type Outputs } from './inputs';
import { buildTime, planBuild, type Plan } from './plan';
import { formatBytes, probePushAccess, verifyPushed, type Target, type Verified } from './registry';
import { prepareRelease, recordService } from './release';

export async function run(): Promise<void> {
  const started = Date.now();
  const inputs = getInputs();
  const ctx = runContext();
  const created = buildTime(process.env);
  const ref = parseImageReference(inputs.image);
  const target: Target = { registry: ref.registry, repository: ref.repository };
  const release = inputs.releaseFile ? prepareRelease(inputs.releaseFile, inputs.version, ctx.sha, created) : undefined;
  const tmpParent = process.env.RUNNER_TEMP || tmpdir();

  const { builder, client } = await preflight(inputs, target);

  const scratch = scratchDir(tmpParent);
  let privateConfig: PrivateDockerConfig | undefined;
  try {
    const plan = planBuild(inputs, builder, ctx, {
      created,
      iidFile: `${scratch.dir}/iid`,
      metadataFile: `${scratch.dir}/metadata.json`,
      explicitBuilder: inputs.builder === 'legacy',
    });
    for (const w of plan.warnings) core.warning(w);

    const env: Record<string, string | undefined> = {};
    if (inputs.username) {
      privateConfig = createPrivateDockerConfig(tmpParent, target.registry);
      env.DOCKER_CONFIG = privateConfig.dir;
      await core.group(`Log in to ${target.registry}`, () => dockerLogin(target.registry, inputs.username, inputs.password, env));
    }
    if (plan.cachePulls.length) await core.group('Pull cache sources', () => pullCacheSources(plan.cachePulls, env));

    const buildStarted = Date.now();
    const build: BuildResult = await core.group(`Build ${plan.refs.join(', ')} (${builder})`, () =>
      builder === 'buildx' ? buildBuildx(plan.spec, env) : buildLegacy(plan.spec, env, scratch.dir),
    );
    core.info(`Built ${build.imageId || 'the image'} in ${formatDuration(Date.now() - buildStarted)}`);

    let verified: Verified | undefined;
    if (client) {
      let digest = build.digest;
      if (builder === 'legacy') digest = (await core.group('Push', () => pushLegacy(plan.refs, env))).digest;
      if (!digest)
        throw new Failure('buildx pushed but reported no digest in its --metadata-file, so the push cannot be verified', {
          hint: 'use buildx 0.6 or later, or builder: legacy',
        });
      verified = await core.group('Verify the pushed digest', () => verifyPushed(client, target, plan.tags, digest));
      core.info(`Verified: ${plan.tags.length} tag(s) of ${target.registry}/${target.repository} resolve to ${digest}`);
    }

    let releaseFile = '';
    if (release && verified) {
      const m = recordService(inputs.releaseFile, release.manifest, inputs.service, { image: inputs.image, digest: verified.digest, tags: plan.tags });
      releaseFile = inputs.releaseFile;
      core.info(`${release.existed ? 'Updated' : 'Wrote'} release manifest ${releaseFile}: version ${m.version}, ${Object.keys(m.services).length} service(s)`);
    }

    const outputs: Outputs = {
      digest: verified?.digest ?? '',
      'image-ref': verified ? `${inputs.image}@${verified.digest}` : '',
      'image-id': build.imageId,
      tags: plan.refs,
      'release-file': releaseFile,
      builder,
    };
    setOutputs(outputs);
    summary(inputs, plan, build, verified, releaseFile, Date.now() - started).write();
  } finally {
    privateConfig?.remove();
    scratch.remove();
    client?.close();
  }
}

/**
 * Read-only checks, side by side, before anything is built: which builder
 * (`docker buildx version`), and whether we may push (GET /v2/ with the
 * credentials docker will use). Returns the registry client when pushing.
 */
async function preflight(inputs: Inputs, target: Target): Promise<{ builder: BuilderKind; client: RegistryClient | undefined }> {
  const client = inputs.push
    ? new RegistryClient({
        registry: target.registry,
        ...(inputs.username ? { username: inputs.username, password: inputs.password } : {}),
        log: (l) => core.info(l),
      })
    : undefined;
  try {
    const [buildxVersion, access] = await Promise.all([
      inputs.builder === 'legacy' ? undefined : detectBuildx(),
      client ? probePushAccess(client, target, Boolean(inputs.username)) : undefined,
    ]);
    if (inputs.builder === 'buildx' && !buildxVersion) {
      throw new InputError('builder', '"buildx" was asked for, but `docker buildx version` failed: buildx is not installed', {
        hint: 'install it (docker/setup-buildx-action) or use builder: auto',
      });
    }
    const builder: BuilderKind = buildxVersion ? 'buildx' : 'legacy';
    core.info(
      `Builder: ${builder === 'buildx' ? `buildx (${buildxVersion})` : `legacy docker build${inputs.builder === 'legacy' ? ' (as asked)' : ' (buildx is not installed)'}`}`,
    );
    if (access) core.info(`Registry ${target.registry}: auth ${access.auth}, credentials from ${access.source}`);
    return { builder, client };
  } catch (e) {
    client?.close();
    throw e;
  }
}

export function summary(inputs: Inputs, plan: Plan, build: BuildResult, verified: Verified | undefined, releaseFile: string, elapsedMs: number): Summary {
  const s = new Summary().heading(verified ? `Image pushed: ${inputs.image}` : `Image built: ${inputs.image}`);
  s.table(
    ['Image', 'Tags', 'Digest', 'Size', 'Builder', 'Duration'],
    [
      [
        inputs.image,
        plan.tags.join(', '),
        verified ? `${verified.digest} ✅ verified in the registry` : 'not pushed',
        verified ? `${formatBytes(verified.size)} compressed${verified.platforms > 1 ? `, ${verified.platforms} platforms` : ''}` : '—',
        plan.builder,
        formatDuration(elapsedMs),
      ],
    ],
  );
  const facts: string[] = [];
  if (verified) facts.push(`Pinned reference: ${inputs.image}@${verified.digest}`);
  if (build.imageId) facts.push(`Image id: ${build.imageId}`);
  if (releaseFile) facts.push(`Release manifest: ${releaseFile} (service ${inputs.service})`);
  if (facts.length) s.text(facts.map((f) => `- ${escapeHtml(f)}`).join('\n'));
  const notes = [...plan.warnings, ...(build.cacheExportFailed ? ['The cache export failed; the image was built and pushed without it.'] : [])];
  if (notes.length) s.text(notes.map((n) => `> ⚠️ ${escapeHtml(n)}`).join('\n>\n'));
  return s;
}
