import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigurationError, InputError, show } from './errors';
import { DIGEST_RE, splitImageReference, parseImageReference } from './reference';

/**
 * The release manifest: the one contract between actions (see "release manifest" in README.md).
 * build-image adds services, deploy-swarm-stack pins images from it,
 * promote-version copies its digests, smoke-test checks its version.
 */
export interface ReleaseManifest {
  schemaVersion: 1;
  /** Release version, safe to use in an image tag: `2026.11.26-3f2a9c1`. */
  version: string;
  /** Full git commit the release was built from. */
  commit: string;
  /** ISO 8601 time the manifest was first written. */
  created: string;
  services: Record<string, ServiceImage>;
}

export interface ServiceImage {
  /** Repository without tag or digest: `registry.example.com/shop/catalog`. */
  image: string;
  /** Manifest digest as pushed: `sha256:<64 hex>`. */
  digest: string;
  /** Tags pushed with it (informational). */
  tags?: string[];
}

export const VERSION_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const SERVICE_RE = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** A repository as a manifest names it: `registry[:port]/path`, no tag, no digest. */
export function isRepository(image: string): boolean {
  const parts = splitImageReference(image);
  if (parts.tag !== undefined || parts.digest !== undefined || image.trim() !== image) return false;
  try {
    parseImageReference(image);
    return true;
  } catch {
    return false;
  }
}

export class ManifestError extends ConfigurationError {
  override readonly name: string = 'ManifestError';
}

/** `image@digest`: the immutable reference Swarm and registries agree on. */
export function pinnedRef(s: ServiceImage): string {
  return `${s.image}@${s.digest}`;
}

/** Validates an unknown value as a manifest; errors name the file and the field. */
export function validateManifest(value: unknown, origin = 'release manifest'): ReleaseManifest {
  const fail = (field: string, why: string): never => {
    throw new ManifestError(`${origin}: field '${field}' ${why}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('(root)', 'must be a JSON object');
  const v = value as Record<string, unknown>;
  if (v.schemaVersion !== undefined && v.schemaVersion !== 1)
    fail('schemaVersion', `is ${show(v.schemaVersion)}; this version of Switchyard reads schemaVersion 1`);
  if (typeof v.version !== 'string' || !VERSION_RE.test(v.version))
    fail('version', `is ${show(v.version)}; expected a tag-safe version such as 2026.11.26-3f2a9c1`);
  if (typeof v.commit !== 'string') fail('commit', `is ${show(v.commit)}; expected a git commit SHA`);
  if (v.created !== undefined && (typeof v.created !== 'string' || Number.isNaN(Date.parse(v.created))))
    fail('created', `is ${show(v.created)}; expected an ISO 8601 time`);
  if (typeof v.services !== 'object' || v.services === null || Array.isArray(v.services))
    fail('services', 'must be an object of service name → { image, digest }');
  const services: Record<string, ServiceImage> = {};
  for (const [name, raw] of Object.entries(v.services as Record<string, unknown>)) {
    if (!SERVICE_RE.test(name)) fail(`services.${name}`, 'is not a valid service name (lowercase letters, digits, - and _)');
    if (typeof raw !== 'object' || raw === null) fail(`services.${name}`, 'must be an object with image and digest');
    const s = raw as Record<string, unknown>;
    if (typeof s.image !== 'string' || !isRepository(s.image))
      fail(`services.${name}.image`, `is ${show(s.image)}; expected a repository without tag or digest`);
    if (typeof s.digest !== 'string' || !DIGEST_RE.test(s.digest)) fail(`services.${name}.digest`, `is ${show(s.digest)}; expected sha256:<64 hex digits>`);
    if (s.tags !== undefined && (!Array.isArray(s.tags) || s.tags.some((t) => typeof t !== 'string')))
      fail(`services.${name}.tags`, 'must be a list of strings');
    services[name] = { image: s.image as string, digest: s.digest as string, ...(s.tags ? { tags: s.tags as string[] } : {}) };
  }
  return {
    schemaVersion: 1,
    version: v.version as string,
    commit: v.commit as string,
    created: (v.created as string | undefined) ?? new Date(0).toISOString(),
    services,
  };
}

export function parseManifest(text: string, origin = 'release manifest'): ReleaseManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ManifestError(`${origin}: not valid JSON (${(e as Error).message})`);
  }
  return validateManifest(value, origin);
}

export function readManifest(path: string): ReleaseManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new ManifestError(`release manifest ${show(path)} cannot be read: no such file`);
  }
  return parseManifest(text, path);
}

/**
 * Reads and merges several manifests of one release (e.g. one per matrix
 * job). They must agree on version and commit; a service named twice must
 * have the same digest.
 */
export function readManifests(paths: string[]): ReleaseManifest {
  if (paths.length === 0) throw new ManifestError('no release manifest given');
  return mergeManifests(paths.map((p) => ({ origin: p, manifest: readManifest(p) })));
}

/**
 * The release manifests an input names (paths resolved against the working
 * directory), merged; undefined when the input is empty. A file that cannot
 * be read, is not a manifest, or disagrees with another is an InputError
 * naming the input.
 */
export function readManifestsInput(input: string, paths: string[]): ReleaseManifest | undefined {
  if (paths.length === 0) return undefined;
  try {
    return readManifests(paths.map((p) => resolve(p)));
  } catch (e) {
    if (e instanceof ManifestError) throw new InputError(input, e.message);
    throw e;
  }
}

export function mergeManifests(parts: { origin: string; manifest: ReleaseManifest }[]): ReleaseManifest {
  const [first, ...rest] = parts;
  if (!first) throw new ManifestError('no release manifest given');
  const out: ReleaseManifest = { ...first.manifest, services: { ...first.manifest.services } };
  for (const { origin, manifest } of rest) {
    if (manifest.version !== out.version)
      throw new ManifestError(`${origin}: version ${show(manifest.version)} differs from ${show(out.version)} in ${first.origin}`);
    if (manifest.commit !== out.commit)
      throw new ManifestError(`${origin}: commit ${show(manifest.commit)} differs from ${show(out.commit)} in ${first.origin}`);
    for (const [name, s] of Object.entries(manifest.services)) {
      const prev = out.services[name];
      if (prev && (prev.digest !== s.digest || prev.image !== s.image))
        throw new ManifestError(`${origin}: service ${name} is ${pinnedRef(s)} but another manifest says ${pinnedRef(prev)}`);
      out.services[name] = s;
    }
    if (manifest.created < out.created) out.created = manifest.created;
  }
  return out;
}

/** Returns a copy with one service added or replaced. */
export function withService(m: ReleaseManifest, name: string, s: ServiceImage): ReleaseManifest {
  return validateManifest({ ...m, services: { ...m.services, [name]: s } });
}

/** Writes atomically (temp file + rename) so a reader never sees half a file. */
export function writeManifest(path: string, m: ReleaseManifest): void {
  const checked = validateManifest(m, path);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(checked, null, 2)}\n`);
  renameSync(tmp, path);
}
