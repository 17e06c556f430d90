import { tmpdir } from 'node:os';
import { buildBuildx, buildLegacy, pullCacheSources, pushLegacy, scratchDir, type BuilderKind, type BuildResult } from '@switchyard/docker/build';
import { Docker } from '@switchyard/docker/cli';
import { createPrivateDockerConfig, dockerLogin, type PrivateDockerConfig } from '@switchyard/docker/login';
import { core, escapeHtml, formatDuration, InputError, runContext, setOutputs, Summary, Failure } from '@switchyard/kit';
import { getInputs, type Inputs, type Outputs } from './inputs';
import { buildTime, explainPlainHttpPush, planBuild, prepareRelease, recordService, type Plan } from './plan';
import type { PushSession, Verified } from './registry';

export async function run(): Promise<void> {
  const started = Date.now();
  const inputs = getInputs();
  const ctx = runContext();
  const created = buildTime(process.env);
  const target = inputs.image;
  const release = inputs.releaseFile ? prepareRelease(inputs.releaseFile, inputs.version, ctx.sha, created) : undefined;
  const tmpParent = process.env.RUNNER_TEMP || tmpdir();

  let docker = new Docker();
  const { builder, session } = await core.group('Check the builder and push access', () => preflight(docker, inputs));

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

    if (inputs.username) {
      privateConfig = createPrivateDockerConfig(tmpParent, target.registry);
      docker = docker.with({ config: privateConfig.dir });
      await core.group(`Log in to ${target.registry}`, () => dockerLogin(docker, target.registry, inputs.username, inputs.password));
    }
    if (plan.cachePulls.length) await core.group('Pull cache sources', () => pullCacheSources(docker, plan.cachePulls));

    const buildStarted = Date.now();
    const build: BuildResult = await core.group(`Build ${plan.refs.join(', ')} (${builder})`, () =>
      builder === 'buildx' ? buildBuildx(docker, plan.spec) : buildLegacy(docker, plan.spec, scratch.dir),
    );
    core.info(`Built ${build.imageId || 'the image'} in ${formatDuration(Date.now() - buildStarted)}`);

    let verified: Verified | undefined;
    if (session) {
      let digest = build.digest;
      if (builder === 'legacy') {
        const pushed = await core
          .group('Push', () => pushLegacy(docker, plan.refs))
          .catch((e: unknown) => {
            throw explainPlainHttpPush(e, target.registry);
          });
        digest = pushed.digest;
      }
      if (!digest)
        throw new Failure('buildx pushed but reported no digest in its --metadata-file, so the push cannot be verified', {
          hint: 'use buildx 0.6 or later, or builder: legacy',
        });
      verified = await core.group('Verify the pushed digest', () => session.verify(plan.tags, digest));
      core.info(`Verified: ${plan.tags.length} tag(s) of ${target.registry}/${target.repository} resolve to ${digest}`);
    }

    let releaseFile = '';
    if (release && verified) {
      const pushed = verified;
      await core.group('Record the release', async () => {
        const m = recordService(inputs.releaseFile, release.manifest, inputs.service, { image: inputs.image.name, digest: pushed.digest, tags: plan.tags });
        core.info(
          `${release.existed ? 'Updated' : 'Wrote'} release manifest ${inputs.releaseFile}: version ${m.version}, ${Object.keys(m.services).length} service(s)`,
        );
      });
      releaseFile = inputs.releaseFile;
    }

    const outputs: Outputs = {
      digest: verified?.digest ?? '',
      'image-ref': verified ? `${inputs.image.name}@${verified.digest}` : '',
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
    session?.close();
  }
}

/**
 * Read-only checks, side by side, before anything is built: which builder
 * (`docker buildx version`), and whether we may push (GET /v2/ with the
 * credentials docker will use). Returns the registry session when pushing.
 */
async function preflight(docker: Docker, inputs: Inputs): Promise<{ builder: BuilderKind; session: PushSession | undefined }> {
  const target = inputs.image;
  const session = inputs.push ? (await import('./registry')).openPushSession(target, inputs) : undefined;
  try {
    const [buildxVersion, access] = await Promise.all([inputs.builder === 'legacy' ? undefined : docker.buildxVersion(), session?.probe()]);
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
    return { builder, session };
  } catch (e) {
    session?.close();
    throw e;
  }
}

export function summary(inputs: Inputs, plan: Plan, build: BuildResult, verified: Verified | undefined, releaseFile: string, elapsedMs: number): Summary {
  const image = inputs.image.name;
  const s = new Summary().heading(verified ? `Image pushed: ${image}` : `Image built: ${image}`);
  s.table(
    ['Image', 'Tags', 'Digest', 'Size', 'Builder', 'Duration'],
    [
      [
        image,
        plan.tags.join(', '),
        verified ? `${verified.digest} ✅ verified in the registry` : 'not pushed',
        verified ? `${formatBytes(verified.size)} compressed${verified.platforms > 1 ? `, ${verified.platforms} platforms` : ''}` : '—',
        plan.builder,
        formatDuration(elapsedMs),
      ],
    ],
  );
  const facts: string[] = [];
  if (verified) facts.push(`Pinned reference: ${image}@${verified.digest}`);
  if (build.imageId) facts.push(`Image id: ${build.imageId}`);
  if (releaseFile) facts.push(`Release manifest: ${releaseFile} (service ${inputs.service})`);
  if (facts.length) s.text(facts.map((f) => `- ${escapeHtml(f)}`).join('\n'));
  const notes = [...plan.warnings, ...(build.cacheExportFailed ? ['The cache export failed; the image was built and pushed without it.'] : [])];
  if (notes.length) s.text(notes.map((n) => `> ⚠️ ${escapeHtml(n)}`).join('\n>\n'));
  return s;
}

/** `1.9 MB` style sizes for people. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  do {
    v /= 1000;
    i++;
  } while (v >= 1000 && i < units.length - 1);
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
