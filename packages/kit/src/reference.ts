/**
 * Image references, parsed in one place with one rule set (Docker's and the
 * distribution spec's): `host[:port]/path[:tag][@digest]`. The registry
 * client, the compose pins, the release manifest and every action read
 * references through these functions and patterns.
 */
import { ConfigurationError, show } from './errors';

/** A parsed image reference. */
export interface ImageReference {
  /** Registry host (and port) as written, or `docker.io` when the reference names none. */
  registry: string;
  /** Repository path inside the registry: `shop/catalog` (`library/x` for Docker Hub official images). */
  repository: string;
  tag?: string;
  digest?: string;
}

/** A reference cut at its boundaries, nothing checked or normalized: what a compose file says. */
export interface ReferenceParts {
  /** The name as written, host included, without tag or digest: `nginx`, `127.0.0.1:5000/shop/web`. */
  repository: string;
  tag?: string | undefined;
  digest?: string | undefined;
}

export class InvalidReferenceError extends ConfigurationError {
  override readonly name: string = 'InvalidReferenceError';
}

/** The one digest pattern (unanchored, for composing): only sha256 is accepted. */
export const DIGEST_PATTERN = 'sha256:[a-f0-9]{64}';
export const DIGEST_RE = new RegExp(`^${DIGEST_PATTERN}$`);
/** One path component of a repository name (distribution spec). */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
export const REPOSITORY_PATH_RE = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
export const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const HOST_RE = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:]+\])(?::\d{1,5})?$/;

export const DOCKER_HUB = 'docker.io';

export function isValidTag(tag: string): boolean {
  return TAG_RE.test(tag);
}
export function isValidDigest(digest: string): boolean {
  return DIGEST_RE.test(digest);
}
export function isValidRepositoryPath(path: string): boolean {
  return path.length <= 255 && REPOSITORY_PATH_RE.test(path);
}
export function isValidRegistryHost(host: string): boolean {
  return HOST_RE.test(host);
}

/** Whether the first path segment of a name is a registry host (Docker's rule: contains `.` or `:`, is `localhost`, or is a bracketed IPv6 address). */
function looksLikeHost(segment: string): boolean {
  return segment.includes('.') || segment.includes(':') || segment === 'localhost' || segment.startsWith('[');
}

/** Splits a name into its registry (undefined when it names none) and the path after it. */
function splitHost(name: string): { host: string | undefined; path: string } {
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  return slash >= 0 && looksLikeHost(first) ? { host: first, path: name.slice(slash + 1) } : { host: undefined, path: name };
}

/** Docker Hub's other names. */
function canonicalHost(host: string): string {
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? DOCKER_HUB : host;
}

/**
 * The registry a Docker config key stands for (`auths`, `credHelpers`):
 * `https://index.docker.io/v1/` → `docker.io`, `http://127.0.0.1:5000/v2/` →
 * `127.0.0.1:5000`, lowercased.
 */
export function registryOfAuthKey(key: string): string {
  const host = key
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  return canonicalHost(host);
}

/**
 * Cuts a reference at its boundaries (digest after the first `@`, tag after
 * a `:` behind the last `/`) without checking the parts: the first step of
 * {@link parseImageReference}, and what compose pinning needs to rewrite a
 * reference as written.
 */
export function splitImageReference(text: string): ReferenceParts {
  const at = text.indexOf('@');
  const name = at >= 0 ? text.slice(0, at) : text;
  const digest = at >= 0 ? text.slice(at + 1) : undefined;
  const colon = name.lastIndexOf(':');
  const hasTag = colon > name.lastIndexOf('/');
  return { repository: hasTag ? name.slice(0, colon) : name, tag: hasTag ? name.slice(colon + 1) : undefined, digest };
}

/**
 * Parses `host[:port]/path[:tag][@digest]`. Without a host, the registry is
 * Docker Hub (`docker.io`, one-segment names get `library/`), as the Docker
 * CLI does. Only sha256 digests are accepted. Throws InvalidReferenceError
 * naming the reference and the bad part.
 */
export function parseImageReference(ref: string, opts: { defaultRegistry?: string } = {}): ImageReference {
  const fail = (why: string): never => {
    throw new InvalidReferenceError(`image reference ${show(ref)} ${why}`);
  };
  const text = ref.trim();
  if (!text) fail('is empty');
  const { repository: name, tag, digest } = splitImageReference(text);
  if (digest !== undefined && !DIGEST_RE.test(digest)) fail(`has digest ${show(digest)}; expected sha256:<64 lowercase hex digits>`);
  if (tag !== undefined && !TAG_RE.test(tag)) fail(`has tag ${show(tag)}; a tag is up to 128 of A-Z a-z 0-9 _ . - and does not start with . or -`);
  const { host, path } = splitHost(name);
  if (host !== undefined && !HOST_RE.test(host)) fail(`has registry host ${show(host)}, which is not host[:port]`);
  const registry = canonicalHost(host ?? opts.defaultRegistry ?? DOCKER_HUB);
  const repository = registry === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path;
  if (!isValidRepositoryPath(repository)) fail(`has repository ${show(repository)}; path components are lowercase letters and digits separated by . _ __ or -`);
  const out: ImageReference = { registry, repository };
  if (tag !== undefined) out.tag = tag;
  if (digest !== undefined) out.digest = digest;
  return out;
}

/** `host/path[:tag][@digest]` (Docker Hub references keep the `docker.io/` host). */
export function formatImageReference(r: ImageReference): string {
  return `${r.registry}/${r.repository}${r.tag ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}

/**
 * A repository name with Docker Hub's implicit parts made explicit and
 * lowercased, so `nginx` and `docker.io/library/nginx` compare equal. Not a
 * check: unparseable names still get a comparable form.
 */
export function normalizeRepository(name: string): string {
  const { host, path } = splitHost(name);
  const registry = canonicalHost(host ?? DOCKER_HUB);
  const full = registry === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path;
  return `${registry}/${full}`.toLowerCase();
}
