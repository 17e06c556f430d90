/**
 * Compose files for `docker stack deploy`, read the way docker reads them:
 * YAML, `${VAR}` interpolation of values, several files merged in order.
 * Pure functions (no docker, no files) so every rule is unit-tested.
 */
import { normalizeRepository, show, splitImageReference } from '@switchyard/kit';

/** One `$…` reference found in a compose file. */
export interface VariableRef {
  name: string;
  /** `:-`, `-`, `:?`, `?` or '' (plain `$VAR` / `${VAR}`). */
  op: '' | ':-' | '-' | ':?' | '?';
  /** Default value or error message after the operator. */
  arg: string;
}

const REF_RE = /\$(?:(\$)|\{([^}]*)\}|([_a-zA-Z][_a-zA-Z0-9]*))/g;
const BRACED_RE = /^([_a-zA-Z][_a-zA-Z0-9]*)(?:(:-|-|:\?|\?)([\s\S]*))?$/;

export class InterpolationError extends Error {}

/** Every variable reference in one string (`$$` is an escaped dollar, not a reference). */
export function variableRefs(text: string): VariableRef[] {
  const out: VariableRef[] = [];
  for (const m of text.matchAll(REF_RE)) {
    if (m[1]) continue;
    if (m[3]) {
      out.push({ name: m[3], op: '', arg: '' });
      continue;
    }
    const b = BRACED_RE.exec(m[2] ?? '');
    if (!b) throw new InterpolationError(`invalid interpolation format ${show(m[0])}: use \${VAR}, \${VAR:-default} or $$ for a literal $`);
    out.push({ name: b[1]!, op: (b[2] ?? '') as VariableRef['op'], arg: b[3] ?? '' });
  }
  return out;
}

/** Substitutes variables in one string exactly as compose does; unset variables without default become '' and are reported. */
export function interpolateString(text: string, env: Record<string, string | undefined>, problems: { unset: Set<string>; required: string[] }): string {
  return text.replace(REF_RE, (whole, dollar?: string, braced?: string, bare?: string) => {
    if (dollar) return '$';
    if (bare) {
      const v = env[bare];
      if (v === undefined) problems.unset.add(bare);
      return v ?? '';
    }
    const b = BRACED_RE.exec(braced ?? '');
    if (!b) throw new InterpolationError(`invalid interpolation format ${show(whole)}: use \${VAR}, \${VAR:-default} or $$ for a literal $`);
    const [, name, op = '', arg = ''] = b as unknown as [string, string, string | undefined, string | undefined];
    const v = env[name];
    switch (op) {
      case ':-':
        return v === undefined || v === '' ? arg : v;
      case '-':
        return v === undefined ? arg : v;
      case ':?':
        if (v === undefined || v === '') problems.required.push(`${name}${arg ? ` (${arg})` : ''}`);
        return v ?? '';
      case '?':
        if (v === undefined) problems.required.push(`${name}${arg ? ` (${arg})` : ''}`);
        return v ?? '';
      default:
        if (v === undefined) problems.unset.add(name);
        return v ?? '';
    }
  });
}

/** Interpolates every string value of a parsed document (keys are left alone, as compose does). */
export function interpolate(doc: unknown, env: Record<string, string | undefined>, problems: { unset: Set<string>; required: string[] }): unknown {
  if (typeof doc === 'string') return interpolateString(doc, env, problems);
  if (Array.isArray(doc)) return doc.map((d) => interpolate(d, env, problems));
  if (doc && typeof doc === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(doc)) out[k] = interpolate(v, env, problems);
    return out;
  }
  return doc;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Merges compose documents in order: mappings merge key by key, later scalars and lists win. */
export function mergeDocs(docs: unknown[]): Record<string, unknown> {
  const merge = (a: unknown, b: unknown): unknown => {
    if (isMap(a) && isMap(b)) {
      const out: Record<string, unknown> = { ...a };
      for (const [k, v] of Object.entries(b)) out[k] = k in out ? merge(out[k], v) : v;
      return out;
    }
    return b === undefined ? a : b;
  };
  return docs.reduce<Record<string, unknown>>((acc, d) => merge(acc, d) as Record<string, unknown>, {});
}

/** The services of a merged stack, as far as deploying and pinning need them. */
export interface StackService {
  name: string;
  image: string | undefined;
}

/** Reads the `services` mapping of a merged compose document (swarm.ts's stackServices reads a deployed stack's). */
export function composeServices(doc: Record<string, unknown>): StackService[] {
  const services = doc.services;
  if (!isMap(services)) return [];
  return Object.entries(services).map(([name, s]) => ({ name, image: isMap(s) && typeof s.image === 'string' ? s.image : undefined }));
}

export interface ReleaseEntry {
  image: string;
  digest: string;
}

export interface PinPlan {
  /** Service → the image to deploy (pinned, already pinned, or allowed unpinned). */
  images: Map<string, { from: string; to: string; how: 'release' | 'digest' | 'allowed' | 'unpinned' }>;
  /** Services whose image is in neither the release nor the allow list (an error). */
  unpinned: string[];
  /** Release services no stack service uses (an error: the wrong release or stack). */
  unusedRelease: string[];
  /** Services without an image (an error: stack deploy does not build). */
  missingImage: string[];
}

/** Matches a repository against the allow-unpinned patterns (exact, or `*` globs), Docker Hub names normalized. */
export function allowedUnpinned(repository: string, patterns: string[]): boolean {
  const repo = normalizeRepository(repository);
  return patterns.some((p) => {
    if (!p.includes('*')) return normalizeRepository(p) === repo;
    const re = new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^@]*')}$`, 'i');
    return re.test(repository) || re.test(repo);
  });
}

/**
 * Decides the image of every service. With a release: a service whose
 * repository is in the release is pinned to `repository@digest`; an image
 * already pinned by digest stays as it is; anything else must be allowed
 * explicitly. Without a release (`release` undefined) nothing is rewritten.
 */
export function planPins(services: StackService[], release: Record<string, ReleaseEntry> | undefined, allow: string[]): PinPlan {
  const plan: PinPlan = { images: new Map(), unpinned: [], unusedRelease: [], missingImage: [] };
  const byRepo = new Map<string, { name: string; entry: ReleaseEntry }>();
  for (const [name, entry] of Object.entries(release ?? {})) byRepo.set(normalizeRepository(entry.image), { name, entry });
  const used = new Set<string>();
  for (const s of services) {
    if (!s.image) {
      plan.missingImage.push(s.name);
      continue;
    }
    const ref = splitImageReference(s.image);
    const hit = byRepo.get(normalizeRepository(ref.repository));
    if (release === undefined) plan.images.set(s.name, { from: s.image, to: s.image, how: ref.digest ? 'digest' : 'unpinned' });
    else if (hit) {
      used.add(hit.name);
      plan.images.set(s.name, { from: s.image, to: `${ref.repository}@${hit.entry.digest}`, how: 'release' });
    } else if (ref.digest) plan.images.set(s.name, { from: s.image, to: s.image, how: 'digest' });
    else if (allowedUnpinned(ref.repository, allow)) plan.images.set(s.name, { from: s.image, to: s.image, how: 'allowed' });
    else {
      plan.unpinned.push(s.name);
      plan.images.set(s.name, { from: s.image, to: s.image, how: 'unpinned' });
    }
  }
  for (const name of byRepo.values()) if (!used.has(name.name)) plan.unusedRelease.push(name.name);
  return plan;
}

/**
 * The `version` to write into an override file: docker refuses to merge files
 * whose versions differ, so it is the first file's (undefined when it has none).
 */
export function composeVersion(docs: unknown[]): string | undefined {
  const first = docs[0];
  return isMap(first) && (typeof first.version === 'string' || typeof first.version === 'number') ? String(first.version) : undefined;
}
