import { InputError, show, type ReleaseManifest } from '@switchyard/kit';
import { isValidRepositoryPath, isValidTag, parseImageReference, type ManifestDescriptor } from '@switchyard/registry';

/** Placeholders a tag template may use. */
export const TAG_PLACEHOLDERS = ['env', 'from', 'version', 'service', 'commit', 'short-commit'] as const;

export interface TagContext {
  env: string;
  from: string;
  release: ReleaseManifest;
}

/** Expands `{env}`, `{from}`, `{version}`, `{service}`, `{commit}`, `{short-commit}` in one tag template. */
export function expandTag(template: string, ctx: TagContext, service: string): string {
  const values: Record<string, string> = {
    env: ctx.env,
    from: ctx.from,
    version: ctx.release.version,
    service,
    commit: ctx.release.commit,
    'short-commit': ctx.release.commit.slice(0, 7),
  };
  return template.replace(/\{([a-z-]+)\}/g, (whole, name: string) => {
    const v = values[name];
    if (v === undefined)
      throw new InputError('tags', `${show(template)} uses unknown placeholder ${whole}; known: ${TAG_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}`);
    return v;
  });
}

/** One service's tags from the templates; each must be a valid tag, and no two the same. */
export function expandTags(templates: string[], ctx: TagContext, service: string): string[] {
  const seen = new Set<string>();
  for (const t of templates) {
    const tag = expandTag(t, ctx, service);
    if (!isValidTag(tag))
      throw new InputError(
        'tags',
        `${show(t)} expands to ${show(tag)} for ${service}, which is not a valid tag (up to 128 of A-Z a-z 0-9 _ . -, not starting with . or -)`,
      );
    if (seen.has(tag)) throw new InputError('tags', `${show(t)} expands to ${show(tag)} twice for ${service}`);
    seen.add(tag);
  }
  return [...seen];
}

/** Checks every template expands to a valid, unique tag for every service, without planning anything else. */
export function checkTagTemplates(templates: string[], ctx: TagContext): void {
  for (const service of Object.keys(ctx.release.services)) expandTags(templates, ctx, service);
}

export interface Location {
  registry: string;
  repository: string;
}

export interface TargetOptions {
  targetRegistry: string;
  targetRepositoryPrefix: string;
  env: string;
  from: string;
}

/**
 * Where a service's image goes: the target registry (default: its own) and
 * the prefix + the image's last path component (default: its own path).
 */
export function targetLocation(source: Location, opts: TargetOptions): Location {
  const registry = opts.targetRegistry || source.registry;
  let repository = source.repository;
  if (opts.targetRepositoryPrefix) {
    const prefix = opts.targetRepositoryPrefix.replace(/\{env\}/g, opts.env).replace(/\{from\}/g, opts.from);
    const name = source.repository.split('/').pop()!;
    repository = `${prefix}/${name}`;
    if (!isValidRepositoryPath(repository))
      throw new InputError('target-repository-prefix', `gives repository ${show(repository)}, which is not a valid repository path`);
  }
  return { registry, repository };
}

/** One service's promotion, decided before anything is written. */
export interface ServicePlan {
  service: string;
  digest: string;
  source: Location;
  target: Location;
  tags: string[];
  /** A tag of the source that the release names (for the summary), if any. */
  sourceTag: string | undefined;
}

export interface PlanOptions extends TargetOptions {
  tags: string[];
}

/**
 * The pure part of the plan: source and target locations and tags per
 * service, in service-name order. Bad tags or target paths are InputErrors.
 */
export function planRelease(release: ReleaseManifest, opts: PlanOptions): ServicePlan[] {
  const ctx: TagContext = { env: opts.env, from: opts.from, release };
  return Object.keys(release.services)
    .sort()
    .map((service) => {
      const s = release.services[service]!;
      const ref = parseImageReference(s.image);
      const source = { registry: ref.registry, repository: ref.repository };
      return {
        service,
        digest: s.digest,
        source,
        target: targetLocation(source, opts),
        tags: expandTags(opts.tags, ctx, service),
        sourceTag: s.tags?.[0],
      };
    });
}

/** What the registries said about one planned service. */
export interface Inspection {
  /** The source manifest (undefined: the digest is not in the source repository). */
  source: ManifestDescriptor | undefined;
  /** The digest is already in the target repository. */
  targetHasDigest: boolean;
  /** Each target tag's current digest (undefined: the tag does not exist). */
  tags: Record<string, string | undefined>;
}

export type TagAction = 'create' | 'unchanged' | 'move';

export function tagAction(current: string | undefined, digest: string): TagAction {
  if (current === undefined) return 'create';
  return current === digest ? 'unchanged' : 'move';
}

/**
 * Every reason not to write anything: digests missing from the source, and
 * (under `immutable`) target tags held by another digest. Empty means go.
 */
export function problems(plans: ServicePlan[], inspections: Inspection[], immutable: boolean): string[] {
  const out: string[] = [];
  const owners = new Map<string, ServicePlan>();
  for (const p of plans) {
    for (const tag of p.tags) {
      const ref = `${p.target.registry}/${p.target.repository}:${tag}`;
      const other = owners.get(ref);
      if (other && other.digest !== p.digest)
        out.push(`${p.service}: tag ${ref} is also the target of ${other.service} (another digest); add {service} to the tags or use target-repository-prefix`);
      owners.set(ref, p);
    }
  }
  plans.forEach((p, i) => {
    const ins = inspections[i]!;
    if (!ins.source) out.push(`${p.service}: ${p.source.registry}/${p.source.repository}@${p.digest} does not exist in the source registry`);
    if (immutable) {
      for (const tag of p.tags) {
        const current = ins.tags[tag];
        if (tagAction(current, p.digest) === 'move')
          out.push(
            `${p.service}: tag ${p.target.registry}/${p.target.repository}:${tag} already points at ${current} (immutable: not moving it to ${p.digest})`,
          );
      }
    }
  });
  return out;
}

/** The target environment's release manifest: same version, commit and digests; images in the target repositories. */
export function targetRelease(release: ReleaseManifest, plans: ServicePlan[]): ReleaseManifest {
  const services: ReleaseManifest['services'] = {};
  for (const p of plans) services[p.service] = { image: `${p.target.registry}/${p.target.repository}`, digest: p.digest, tags: p.tags };
  return { ...release, services };
}
