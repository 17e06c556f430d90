/**
 * Image references are parsed by kit (one parser, one digest pattern, for
 * every package and action); this module adds what only the registry client
 * needs: where to connect and over which scheme.
 */
import { DOCKER_HUB } from '@switchyard/kit';

export {
  DIGEST_RE,
  DOCKER_HUB,
  formatImageReference,
  InvalidReferenceError,
  isValidDigest,
  isValidRegistryHost,
  isValidRepositoryPath,
  isValidTag,
  parseImageReference,
  REPOSITORY_PATH_RE,
  TAG_RE,
  type ImageReference,
} from '@switchyard/kit';

/** The host to connect to for a registry name (`docker.io` is served by `registry-1.docker.io`). */
export function registryEndpointHost(registry: string): string {
  return registry === DOCKER_HUB ? 'registry-1.docker.io' : registry;
}

/** Loopback registries (127.0.0.0/8, localhost, ::1) are spoken to over http; everything else over https. */
export function isLoopbackHost(registry: string): boolean {
  const host = registry.startsWith('[') ? registry.slice(1, registry.indexOf(']')) : registry.replace(/:\d+$/, '');
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
