/**
 * Planning: which tags, which labels, which builder arguments, and which
 * warnings, from validated inputs and the detected builder (pure; throws an
 * InputError for what the builder cannot do, before anything runs); and the
 * release manifest, checked before the build (so a mismatch fails before
 * anything is pushed) and written after the push.
 */
import { existsSync } from 'node:fs';
import { legacyCacheRefs, formatCacheSpec, type BuilderKind, type BuildSpec } from '@switchyard/docker/build';
import {
  ConfigurationError,
  errorMessage,
  Failure,
  InputError,
  readManifest,
  show,
  withService,
  writeManifest,
  type ReleaseManifest,
  type RunContext,
} from '@switchyard/kit';
import type { Inputs } from './inputs';

export interface Plan {
  builder: BuilderKind;
  /** Tag names. */
  tags: string[];
  /** Full references `<image>:<tag>`, in tag order. */
  refs: string[];
  spec: BuildSpec;
  /** Registry cache images the legacy builder must pull before building. */
  cachePulls: string[];
  /** Said once as ::warning:: before building. */
  warnings: string[];
}

export const OCI = 'org.opencontainers.image';

/** Default tags: the short (7-character) commit SHA, plus the version when given. */
export function defaultTags(sha: string, version: string): string[] {
  const tags: string[] = [];
  if (sha) tags.push(sha.slice(0, 7));
  if (version && !tags.includes(version)) tags.push(version);
  return tags;
}

/**
 * The OCI annotations docker/metadata-action users expect, from the run
 * context: source (repository URL), revision (commit), created (build time,
 * or SOURCE_DATE_EPOCH for reproducible builds), version. User labels win.
 */
export function imageLabels(
  ctx: Pick<RunContext, 'serverUrl' | 'repository' | 'sha'>,
  version: string,
  created: Date,
  user: Map<string, string>,
): Map<string, string> {
  const labels = new Map<string, string>();
  if (ctx.repository) labels.set(`${OCI}.source`, `${ctx.serverUrl.replace(/\/$/, '')}/${ctx.repository}`);
  if (ctx.sha) labels.set(`${OCI}.revision`, ctx.sha);
  labels.set(`${OCI}.created`, created.toISOString());
  if (version) labels.set(`${OCI}.version`, version);
  for (const [k, v] of user) labels.set(k, v);
  return labels;
}

/** Build time: SOURCE_DATE_EPOCH (seconds) when set, for reproducible labels; else now. */
export function buildTime(env: NodeJS.ProcessEnv, now: () => number = Date.now): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(now());
}

export function planBuild(
  inputs: Inputs,
  builder: BuilderKind,
  ctx: Pick<RunContext, 'serverUrl' | 'repository' | 'sha'>,
  opts: { created: Date; iidFile: string; metadataFile: string; explicitBuilder?: boolean },
): Plan {
  const tags = inputs.tags.length ? [...new Set(inputs.tags)] : defaultTags(ctx.sha, inputs.version);
  if (tags.length === 0) throw new InputError('tags', 'is empty and GITHUB_SHA is not set to derive a default tag from', { hint: 'set tags (or version)' });
  const refs = tags.map((t) => `${inputs.image.name}:${t}`);
  const warnings: string[] = [];
  let cachePulls: string[] = [];
  const why = opts.explicitBuilder ? 'builder is legacy' : 'buildx is not installed here (`docker buildx version` failed)';

  if (builder === 'legacy') {
    if (inputs.platforms.length) {
      throw new InputError('platforms', `${inputs.platforms.join(',')} needs buildx, but ${why}`, {
        hint: 'install buildx (docker/setup-buildx-action) or leave platforms empty to build for the host platform',
      });
    }
    if (inputs.provenance !== 'false') throw new InputError('provenance', `${inputs.provenance} needs buildx, but ${why}`);
    const skipped = inputs.cacheFrom.filter((c) => c.type !== 'registry');
    if (skipped.length) warnings.push(`cache-from: ${skipped.map(formatCacheSpec).join('; ')} skipped: only registry caches work with the legacy builder`);
    cachePulls = legacyCacheRefs(inputs.cacheFrom);
    if (inputs.cacheTo.length) {
      warnings.push(
        `cache-to is not supported by the legacy builder (${why}); ${inputs.cacheTo.map(formatCacheSpec).join('; ')} not exported. ` +
          'The pushed image carries its own layer cache: name one of its tags in cache-from to reuse it.',
      );
    }
  }

  const spec: BuildSpec = {
    context: inputs.context,
    dockerfile: inputs.dockerfile,
    refs,
    buildArgs: inputs.buildArgs,
    labels: imageLabels(ctx, inputs.version || tags[0]!, opts.created, inputs.labels),
    target: inputs.target,
    platforms: inputs.platforms,
    cacheFrom: inputs.cacheFrom,
    cacheTo: builder === 'buildx' ? inputs.cacheTo : [],
    pull: inputs.pull,
    noCache: inputs.noCache,
    push: inputs.push,
    provenance: inputs.provenance,
    iidFile: opts.iidFile,
    metadataFile: opts.metadataFile,
  };
  if (builder === 'buildx' && !inputs.push && inputs.platforms.length > 1) {
    warnings.push(
      `push is false and ${inputs.platforms.length} platforms are built: the result stays in the build cache only (a multi-platform image cannot be loaded into the engine)`,
    );
  }
  return { builder, tags, refs, spec, cachePulls, warnings };
}

// ---------------------------------------------------------------- release manifest

/**
 * The manifest this build will add its service to: the existing file, which
 * must be of the same version and commit, or a new one for `version`
 * (default: the short commit SHA) and the commit.
 */
export function prepareRelease(path: string, version: string, commit: string, created: Date): { manifest: ReleaseManifest; existed: boolean } {
  if (existsSync(path)) {
    const m = readManifest(path);
    if (version && m.version !== version) {
      throw new ConfigurationError(`release-file ${show(path)} is for version ${show(m.version)}, but this build is version ${show(version)}`, {
        hint: 'one release manifest holds one release: use a new release-file per version',
      });
    }
    if (commit && m.commit && m.commit !== commit) {
      throw new ConfigurationError(`release-file ${show(path)} was written for commit ${m.commit}, but this build is commit ${commit}`, {
        hint: 'a release is built from one commit: start a new release-file for this commit',
      });
    }
    return { manifest: m, existed: true };
  }
  const v = version || commit.slice(0, 7);
  if (!v) throw new InputError('version', `is required to create release-file ${show(path)} (GITHUB_SHA is not set either)`);
  return { manifest: { schemaVersion: 1, version: v, commit, created: created.toISOString(), services: {} }, existed: false };
}

/** Adds (or replaces) the service and writes the file atomically. */
export function recordService(path: string, base: ReleaseManifest, service: string, entry: { image: string; digest: string; tags: string[] }): ReleaseManifest {
  const m = withService(base, service, entry);
  writeManifest(path, m);
  return m;
}

/**
 * A `docker push` (legacy builder) the Docker daemon failed because it spoke
 * https to a plain-http registry (Go's "server gave HTTP response to HTTPS
 * client"): the same
 * failure with a hint about the daemon's own insecure-registries, which this
 * action's input cannot change. Anything else is returned unchanged.
 */
export function explainPlainHttpPush(e: unknown, registry: string): unknown {
  if (!(e instanceof Failure) || e.hint !== undefined) return e;
  const output = 'output' in e && typeof e.output === 'string' ? e.output : '';
  if (!/server gave HTTP response to HTTPS client/.test(`${errorMessage(e)}\n${output}`)) return e;
  return new Failure(e.message, {
    hint: `the Docker daemon that pushes speaks https to ${registry}: list ${registry} in insecure-registries in its daemon.json and restart it (this action's insecure-registries input covers only its own registry checks)`,
    cause: e,
  });
}
