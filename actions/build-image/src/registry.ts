/**
 * The registry side of a build, through @switchyard/registry: a push-access
 * probe before anything is built, and verification of the pushed digest
 * after (every tag must resolve to it), plus the image's size. main.ts
 * imports this module only when pushing, so the HTTP client stays off the
 * fail-fast path.
 */
import { core, InputError, Failure } from '@switchyard/kit';
import {
  dockerConfigPath,
  isIndexType,
  isLoopbackHost,
  notInInsecureRegistries,
  PlainHttpRegistryError,
  RegistryAuthError,
  RegistryClient,
  type ManifestDescriptor,
} from '@switchyard/registry';

export interface Target {
  /** Registry host as in the image reference (`docker.io` for Docker Hub). */
  registry: string;
  /** Repository path inside the registry (`shop/catalog`, `library/app`). */
  repository: string;
}

/** One registry connection for the build: probe before, verify after, close at the end. */
export interface PushSession {
  probe(): Promise<{ auth: string; source: string }>;
  verify(tags: string[], digest: string): Promise<Verified>;
  close(): void;
}

/** What the registry client is made from: the credentials docker will push with, and the insecure registries. */
export interface SessionInputs {
  username: string;
  password: string;
  /** insecure-registries, checked: registries spoken to over plain http besides loopback. */
  insecureRegistries: string[];
}

/**
 * Connects with the credentials docker will push with (the inputs'
 * username/password, else the Docker config), over plain http when the
 * registry is loopback or listed in insecure-registries.
 */
export function openPushSession(target: Target, { username, password, insecureRegistries }: SessionInputs): PushSession {
  // Empty username/password mean "not given": the client then reads the Docker config.
  const client = new RegistryClient({ registry: target.registry, username, password, insecureRegistries, log: (l) => core.info(l) });
  if (client.baseUrl.startsWith('http:') && !isLoopbackHost(target.registry))
    core.info(`${target.registry}: plain http (listed in insecure-registries), not encrypted; the Docker daemon must list it in its insecure-registries too`);
  return {
    probe: () => probePushAccess(client, target, username !== ''),
    verify: (tags, digest) => verifyPushed(client, target, tags, digest),
    close: () => client.close(),
  };
}

/**
 * Probes `GET /v2/` with the credentials docker will push with (the inputs,
 * or the Docker config). An authenticating registry with no credentials, or
 * refused credentials, is an InputError before the build starts.
 */
export async function probePushAccess(client: RegistryClient, target: Target, fromInputs: boolean): Promise<{ auth: string; source: string }> {
  const hint = 'set username and password, or log in before this step (docker/login-action, aws-actions/amazon-ecr-login)';
  let auth: string;
  try {
    auth = (await client.ping()).auth;
  } catch (e) {
    if (e instanceof PlainHttpRegistryError)
      throw notInInsecureRegistries(e, { hint: `and to the insecure-registries of the Docker daemon that pushes, in its daemon.json` });
    if (!(e instanceof RegistryAuthError)) throw e;
    if (fromInputs)
      throw new InputError('password', `registry ${target.registry} refused the username/password given (HTTP ${e.status})`, {
        hint: 'check the username and password (a token needs push rights)',
      });
    const source = await client.credentialSource();
    if (source === 'anonymous') {
      throw new InputError(
        'username',
        `registry ${target.registry} requires authentication to push (HTTP ${e.status}), and no credentials were given (username/password) or found in the Docker config (${dockerConfigPath()})`,
        { hint },
      );
    }
    throw new InputError('username', `registry ${target.registry} refused the credentials from ${source} (HTTP ${e.status})`, {
      hint: 'give username and password, or log in again before this step',
    });
  }
  const source = await client.credentialSource();
  if (auth !== 'none' && source === 'anonymous') {
    throw new InputError(
      'username',
      `registry ${target.registry} requires authentication (${auth}) to push, and no credentials were given (username/password) or found in the Docker config (${dockerConfigPath()})`,
      { hint },
    );
  }
  return { auth, source };
}

export interface Verified {
  digest: string;
  mediaType: string;
  /** Compressed size in the registry: config + layers (summed over platforms for an index). */
  size: number;
  platforms: number;
}

/**
 * Checks that every pushed tag resolves to `digest` in the registry (HEAD
 * with the Accept headers for Docker v2 schema 2, OCI manifests and
 * indexes), then reads the manifest (its bytes verified against the digest)
 * for the image's size.
 */
export async function verifyPushed(client: RegistryClient, target: Target, tags: string[], digest: string): Promise<Verified> {
  let head: ManifestDescriptor | undefined;
  for (const tag of tags) {
    const d = await client.headManifest(target.repository, tag);
    if (!d) throw new Failure(`verification failed: ${target.registry}/${target.repository}:${tag} does not exist in the registry after the push`);
    if (d.digest !== digest) {
      throw new Failure(
        `verification failed: ${target.registry}/${target.repository}:${tag} resolves to ${d.digest} in the registry, but the push reported ${digest}`,
        {
          hint: 'another job pushed the same tag at the same time, or the registry rewrote the manifest; use unique tags (the commit SHA) per build',
        },
      );
    }
    head = d;
  }
  const m = await client.getManifest(target.repository, digest);
  let size = 0;
  let platforms = 1;
  if (isIndexType(m.mediaType)) {
    const children = (m.parsed.manifests ?? []).filter((c) => c.platform?.os !== 'unknown');
    platforms = children.length;
    for (const c of children) size += imageSize(await client.getManifest(target.repository, c.digest));
  } else size = imageSize(m);
  return { digest, mediaType: head?.mediaType ?? m.mediaType, size, platforms };
}

function imageSize(m: { size: number; parsed: { config?: { size: number }; layers?: { size: number }[] } }): number {
  return m.size + (m.parsed.config?.size ?? 0) + (m.parsed.layers ?? []).reduce((n, l) => n + l.size, 0);
}
