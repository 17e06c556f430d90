/**
 * Runs the plan: legacy `docker build` + `docker push` per tag, or one
 * `docker buildx build --push`. Pushes are retried on transient registry
 * errors; a failing buildx cache export is a warning and the build is
 * finished without it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  appendLabels,
  buildxBuildArgs,
  isCacheExportError,
  isTransientBuildxPushError,
  legacyBuildArgs,
  parseBuildxMetadata,
  pushOnce,
  PushError,
  readIidFile,
  type BuildSpec,
  type BuildxMetadata,
  type PushedManifest,
} from '@switchyard/docker/build';
import { core, describeCommand, ExecError, execute, Failure, retry, type RetryOptions } from '@switchyard/kit';

export type DockerEnvVars = Record<string, string | undefined>;

export interface BuildResult {
  imageId: string;
  /** buildx --push: the digest from --metadata-file. */
  digest?: string;
  /** Whether a cache export was dropped after failing. */
  cacheExportFailed: boolean;
}

/** Push retry policy: 4 attempts within 5 minutes, full-jitter backoff from 2 s (callers may override). */
export const PUSH_RETRY: Pick<RetryOptions, 'maxAttempts' | 'timeoutMs' | 'initialMs' | 'maxMs'> = {
  maxAttempts: 4,
  timeoutMs: 300_000,
  initialMs: 2000,
  maxMs: 15_000,
};

/** Pulls the legacy builder's registry cache sources; a missing one is a warning (first build). */
export async function pullCacheSources(refs: string[], env: DockerEnvVars): Promise<void> {
  for (const ref of refs) {
    const r = await execute('docker', ['pull', '--quiet', ref], { env, allowFailure: true });
    if (r.code !== 0) core.warning(`cache-from ${ref} could not be pulled (${lastLine(r.stderr || r.stdout)}); building without it`);
  }
}

/**
 * The legacy builder. Labels go in one LABEL instruction appended to a copy
 * of the Dockerfile (one build step instead of one per `--label`) when that
 * is safe (see appendLabels), else as `--label` flags.
 */
export async function buildLegacy(spec: BuildSpec, env: DockerEnvVars, scratch: string): Promise<BuildResult> {
  const labelled = appendLabels(readFileSync(spec.dockerfile, 'utf8'), spec.labels, spec.target);
  let run1 = spec;
  if (labelled !== undefined) {
    const copy = join(scratch, 'Dockerfile');
    writeFileSync(copy, labelled);
    core.info(`Labels: ${spec.labels.size} in one LABEL instruction appended to a copy of ${spec.dockerfile} (${copy})`);
    run1 = { ...spec, dockerfile: copy, labels: new Map() };
  }
  // DOCKER_BUILDKIT=0: a docker 23+ CLI without buildx would otherwise fail when the environment asks for BuildKit.
  await execute('docker', legacyBuildArgs(run1), { env: { ...env, DOCKER_BUILDKIT: '0' }, stream: true });
  return { imageId: readIidFile(spec.iidFile), cacheExportFailed: false };
}

/** Pushes each reference (retrying transient errors); all must report the same digest. */
export async function pushLegacy(refs: string[], env: DockerEnvVars, retryOpts: Partial<RetryOptions> = {}): Promise<PushedManifest> {
  let first: PushedManifest | undefined;
  for (const ref of refs) {
    const pushed = await retry(() => pushOnce(ref, { env }), {
      label: `docker push ${ref}`,
      ...PUSH_RETRY,
      ...retryOpts,
      retryable: (e) => e instanceof PushError && e.transient,
      log: (line) => core.warning(line),
    });
    core.info(`pushed ${ref} → ${pushed.digest}`);
    if (first && pushed.digest !== first.digest)
      throw new Failure(`docker push ${ref} reported ${pushed.digest}, but ${refs[0]} was pushed as ${first.digest}`);
    first ??= pushed;
  }
  if (!first) throw new Error('no reference to push');
  return first;
}

class TransientBuildxError extends Error {
  override readonly name = 'TransientBuildxError';
}

/**
 * `docker buildx build` (with --push when pushing). A failure in the cache
 * export re-runs the (now cached) build without `--cache-to` and warns; a
 * transient registry error while pushing re-runs it with backoff.
 */
export async function buildBuildx(spec: BuildSpec, env: DockerEnvVars, retryOpts: Partial<RetryOptions> = {}): Promise<BuildResult> {
  let current = spec;
  let cacheExportFailed = false;
  const once = async () => {
    const args = buildxBuildArgs(current);
    const r = await execute('docker', args, { env, stream: true, allowFailure: true });
    if (r.code === 0) return;
    const out = `${r.stdout}\n${r.stderr}`;
    if (current.cacheTo.length && isCacheExportError(out)) {
      cacheExportFailed = true;
      core.warning(`cache export failed (${lastLine(out)}); finishing the build without cache-to. The image is unaffected; the next build may be slower.`);
      current = { ...current, cacheTo: [] };
      return once();
    }
    if (current.push && isTransientBuildxPushError(out)) throw new TransientBuildxError(lastLine(out));
    throw new ExecError(describeCommand('docker', args), r);
  };
  await retry(once, {
    label: 'docker buildx build --push',
    ...PUSH_RETRY,
    ...retryOpts,
    retryable: (e) => e instanceof TransientBuildxError,
    log: (line) => core.warning(line),
  });
  let meta: BuildxMetadata = {};
  try {
    meta = parseBuildxMetadata(readFileSync(spec.metadataFile, 'utf8'));
  } catch {
    // No metadata file: without a digest, run() refuses to report a push it cannot verify.
  }
  const { digest, imageId } = meta;
  return { imageId: imageId ?? readIidFile(spec.iidFile), ...(digest ? { digest } : {}), cacheExportFailed };
}

/** A private scratch directory for the iid/metadata files. */
export function scratchDir(parent: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(parent, 'switchyard-build-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function lastLine(text: string): string {
  return (
    text
      .trim()
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .pop() ?? ''
  ).slice(0, 300);
}
