import { ConfigurationError, show } from '@switchyard/kit';

/** A parsed image reference: `host[:port]/path[:tag][@digest]`. */
export interface ImageReference {
  /** Registry host (and port) as written, or `docker.io` when the reference names none. */
  registry: string;
  /** Repository path inside the registry: `shop/catalog` (`library/x` for Docker Hub official images). */
  repository: string;
  tag?: string;
  digest?: string;
}

export class InvalidReferenceError extends ConfigurationError {
  override readonly name: string = 'InvalidReferenceError';
}

/** One path component of a repository name (distribution spec). */
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
export const REPOSITORY_PATH_RE = new RegExp(`^${COMPONENT}(?:/${COMPONENT})*$`);
export const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
export const DIGEST_RE = /^sha256:[a-f0-9]{64}$/;
const HOST_RE = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:]+\])(?::\d{1,5})?$/;

export const DOCKER_HUB = 'docker.io';

/** Whether the first path segment of a reference is a registry host (Docker's rule: contains `.` or `:`, or is `localhost`). */
function looksLikeHost(segment: string): boolean {
  return segment.includes('.') || segment.includes(':') || segment === 'localhost' || segment.startsWith('[');
}

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
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest)) fail(`has digest ${show(digest)}; expected sha256:<64 lowercase hex digits>`);
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) fail(`has tag ${show(tag)}; a tag is up to 128 of A-Z a-z 0-9 _ . - and does not start with . or -`);
  }
  const first = rest.split('/')[0] ?? '';
  let registry: string;
  let repository: string;
  if (rest.includes('/') && looksLikeHost(first)) {
    registry = first;
    repository = rest.slice(first.length + 1);
    if (!HOST_RE.test(registry)) fail(`has registry host ${show(registry)}, which is not host[:port]`);
  } else {
    registry = opts.defaultRegistry ?? DOCKER_HUB;
    repository = rest;
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  if (!isValidRepositoryPath(repository)) fail(`has repository ${show(repository)}; path components are lowercase letters and digits separated by . _ __ or -`);
  return { registry, repository, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** `host/path[:tag][@digest]` (Docker Hub references keep the `docker.io/` host). */
export function formatImageReference(r: ImageReference): string {
  return `${r.registry}/${r.repository}${r.tag ? `:${r.tag}` : ''}${r.digest ? `@${r.digest}` : ''}`;
}

/** The host to connect to for a registry name (`docker.io` is served by `registry-1.docker.io`). */
export function registryEndpointHost(registry: string): string {
  return registry === DOCKER_HUB ? 'registry-1.docker.io' : registry;
}

/** Loopback registries (127.0.0.0/8, localhost, ::1) are spoken to over http; everything else over https. */
export function isLoopbackHost(registry: string): boolean {
  const host = registry.startsWith('[') ? registry.slice(1, registry.indexOf(']')) : registry.replace(/:\d+$/, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
