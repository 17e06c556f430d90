import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { MediaType, type RegistryClient, sha256 } from '@switchyard/registry';

/** A short unique id for repository names of one test run (`promote-test/<id>/...`). */
export const runId = () => randomBytes(4).toString('hex');

const docker = (args: string[], input?: string) =>
  execFileSync('docker', args, { input, encoding: 'utf8', env: { ...process.env, DOCKER_BUILDKIT: '0' }, stdio: ['pipe', 'pipe', 'pipe'] }).trim();

/**
 * Builds a small image with the legacy builder (`FROM base` + one layer
 * holding `content`), pushes it, and returns the digest `docker push`
 * printed. The local image is removed again.
 */
export function buildAndPush(ref: string, content: string, base = 'switchyard/busybox:1'): string {
  docker(['build', '-q', '-t', ref, '-'], `FROM ${base}\nRUN echo ${JSON.stringify(content)} > /promote-test-id\n`);
  const out = docker(['push', ref]);
  docker(['rmi', '-f', ref]);
  const m = /digest: (sha256:[a-f0-9]{64})/.exec(out);
  if (!m) throw new Error(`docker push ${ref} printed no digest:\n${out}`);
  return m[1]!;
}

export function dockerCli(args: string[]): string {
  return docker(args);
}

/**
 * PUTs an OCI index of two platform images (already in `repository`) and
 * returns its digest: what buildx pushes for a multi-arch build.
 */
export async function putIndex(
  client: RegistryClient,
  repository: string,
  children: { digest: string; arch: string }[],
  tag: string,
): Promise<{ digest: string; body: Buffer }> {
  const manifests = [];
  for (const c of children) {
    const d = await client.headManifest(repository, c.digest);
    if (!d) throw new Error(`${repository}@${c.digest} is missing`);
    manifests.push({ mediaType: d.mediaType, digest: d.digest, size: d.size, platform: { architecture: c.arch, os: 'linux' } });
  }
  const body = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: MediaType.ociIndex, manifests, annotations: { 'org.opencontainers.image.title': 'promote-test' } }),
  );
  await client.putManifest(repository, tag, body, MediaType.ociIndex);
  return { digest: sha256(body), body };
}

/** Best-effort cleanup: deletes every given manifest digest from every given repository (tags go with them). */
export async function deleteManifests(client: RegistryClient, repositories: string[], digests: string[]): Promise<void> {
  for (const r of repositories) for (const d of digests) await client.deleteManifest(r, d).catch(() => false);
}
