/**
 * Building and pushing images with the docker CLI: buildx where it is
 * installed (GitHub-hosted runners), the legacy builder where it is not
 * (Debian's docker.io, many self-hosted hosts). The argument lists are built
 * by pure functions (tested without a daemon); the functions that run
 * docker (through the one wrapper, `Docker`) are at the end: legacy
 * `docker build` + `docker push` per tag, or one `docker buildx build
 * --push`, pushes retried on transient registry errors, a failing buildx
 * cache export a warning.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { core, describeCommand, DIGEST_PATTERN, DIGEST_RE, ExecError, Failure, retry, show, splitImageReference, type RetryOptions } from '@switchyard/kit';
import type { Docker } from './cli';

export type BuilderKind = 'buildx' | 'legacy';

/** One `--cache-from` / `--cache-to` entry: buildx's `type=…,key=value` form, parsed. */
export interface CacheSpec {
  /** `registry`, `gha`, `local`, `inline`, `s3`, … */
  type: string;
  attrs: Map<string, string>;
}

/** Everything one build needs; refs are full `repository:tag` references. */
export interface BuildSpec {
  context: string;
  dockerfile: string;
  /** Full references to tag the image with (`registry/repo:tag`). */
  refs: string[];
  buildArgs: Map<string, string>;
  labels: Map<string, string>;
  target?: string;
  platforms: string[];
  cacheFrom: CacheSpec[];
  cacheTo: CacheSpec[];
  pull: boolean;
  noCache: boolean;
  push: boolean;
  /** buildx attestations: `false` keeps single-platform images a single manifest. */
  provenance: string;
  /** Where docker writes the image id (legacy: `--iidfile`). */
  iidFile: string;
  /** Where buildx writes its build metadata (digest, image id). */
  metadataFile: string;
}

/** `os/arch[/variant]` as buildx's --platform takes it. */
export const PLATFORM_RE = /^[a-z0-9_]+\/[a-z0-9_]+(?:\/[a-z0-9_.]+)?$/;

// ---------------------------------------------------------------- cache specs

/**
 * Parses a cache entry. Text without `=` is an image reference meaning a
 * registry cache (`type=registry,ref=<it>`), as most users write it.
 * Returns undefined when the text is not `type=…,key=value` (the caller
 * validates image references).
 */
export function parseCacheSpec(text: string): CacheSpec | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (!t.includes('=')) return { type: 'registry', attrs: new Map([['ref', t]]) };
  const attrs = new Map<string, string>();
  let type = '';
  for (const part of splitCsv(t)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!/^[a-z][a-z0-9_-]*$/i.test(key)) return undefined;
    if (key === 'type') type = value;
    else attrs.set(key, value);
  }
  if (!/^[a-z0-9][a-z0-9_-]*$/.test(type)) return undefined;
  if (type === 'registry' && !attrs.get('ref')) return undefined;
  return { type, attrs };
}

/** Splits `a=1,b="x,y"` on commas outside double quotes (buildx's CSV form). */
function splitCsv(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    if (c === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.filter((p) => p.trim() !== '');
}

export function formatCacheSpec(spec: CacheSpec): string {
  return [`type=${spec.type}`, ...[...spec.attrs].map(([k, v]) => `${k}=${v}`)].join(',');
}

/** cache-to for a registry defaults to `mode=max` (every stage cached, not only the final one). */
export function withCacheToDefaults(spec: CacheSpec): CacheSpec {
  if (spec.type !== 'registry' || spec.attrs.has('mode')) return spec;
  return { type: spec.type, attrs: new Map([...spec.attrs, ['mode', 'max']]) };
}

// ---------------------------------------------------------------- arguments

const kv = (m: Map<string, string>) => [...m].map(([k, v]) => `${k}=${v}`);

/** The flags both builders take alike: tags, build arguments, labels, target stage. */
function imageArgs(spec: BuildSpec): string[] {
  const args: string[] = [];
  for (const ref of spec.refs) args.push('--tag', ref);
  for (const a of kv(spec.buildArgs)) args.push('--build-arg', a);
  for (const l of kv(spec.labels)) args.push('--label', l);
  if (spec.target) args.push('--target', spec.target);
  return args;
}

/**
 * `docker build` arguments for the legacy builder. Only registry cache
 * sources are usable there (`--cache-from <image>`, after pulling it); the
 * caller reports the rest. No platforms, no attestations. Labels in
 * `spec.labels` become `--label` flags: the legacy builder runs each as its
 * own LABEL step (a container commit, ~90 ms each here), which is why the
 * caller prefers {@link appendLabels} when it applies.
 */
export function legacyBuildArgs(spec: BuildSpec): string[] {
  const args = ['build', '--file', spec.dockerfile, '--iidfile', spec.iidFile, ...imageArgs(spec)];
  for (const ref of legacyCacheRefs(spec.cacheFrom)) args.push('--cache-from', ref);
  if (spec.pull) args.push('--pull');
  if (spec.noCache) args.push('--no-cache');
  args.push('--', spec.context);
  return args;
}

/**
 * The Dockerfile with every label in ONE LABEL instruction appended to its
 * final stage: one build step instead of one per label, and the same image
 * config as `--label` gives. Keys and values are double-quoted with `\`,
 * `"` and `$` escaped, so nothing is expanded (as with `--label`).
 * Returns undefined where appending is not safe, and the caller passes
 * `--label` instead: a `--target` (the output may not be the final stage),
 * an `escape` parser directive, a last instruction that continues past the
 * end of the file, or a label with a line break.
 */
export function appendLabels(dockerfile: string, labels: Map<string, string>, target?: string): string | undefined {
  if (target || labels.size === 0) return undefined;
  const lines = dockerfile.split(/\r?\n/);
  for (const line of lines) {
    if (!/^\s*#/.test(line)) break; // parser directives come first, as comments
    if (/^\s*#\s*escape\s*=/i.test(line)) return undefined;
  }
  const last = [...lines].reverse().find((l) => l.trim() !== '' && !/^\s*#/.test(l));
  if (!last || /\\\s*$/.test(last)) return undefined;
  const q = (s: string) => `"${s.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
  const pairs: string[] = [];
  for (const [k, v] of labels) {
    if (/[\r\n]/.test(k + v)) return undefined;
    pairs.push(`${q(k)}=${q(v)}`);
  }
  const eol = dockerfile.includes('\r\n') ? '\r\n' : '\n';
  const body = dockerfile.endsWith('\n') ? dockerfile : dockerfile + eol;
  return `${body}LABEL ${pairs.join(' ')}${eol}`;
}

/** The image references the legacy builder can use as cache sources. */
export function legacyCacheRefs(cacheFrom: CacheSpec[]): string[] {
  return cacheFrom.flatMap((c) => {
    const ref = c.type === 'registry' ? c.attrs.get('ref') : undefined;
    return ref ? [ref] : [];
  });
}

/**
 * `docker buildx build` arguments. Pushes with `--push` (or loads a
 * single-platform result into the engine when not pushing), writes the
 * digest to `--metadata-file`, and passes `--provenance=false` unless asked:
 * provenance attestations turn a single-platform image into an index with an
 * `unknown/unknown` entry (docker/build-push-action#755).
 */
export function buildxBuildArgs(spec: BuildSpec): string[] {
  const args = [
    'buildx',
    'build',
    '--progress',
    'plain',
    '--file',
    spec.dockerfile,
    '--iidfile',
    spec.iidFile,
    '--metadata-file',
    spec.metadataFile,
    ...imageArgs(spec),
  ];
  if (spec.platforms.length) args.push('--platform', spec.platforms.join(','));
  for (const c of spec.cacheFrom) args.push('--cache-from', formatCacheSpec(c));
  for (const c of spec.cacheTo) args.push('--cache-to', formatCacheSpec(withCacheToDefaults(c)));
  args.push(`--provenance=${spec.provenance}`);
  if (spec.pull) args.push('--pull');
  if (spec.noCache) args.push('--no-cache');
  if (spec.push) args.push('--push');
  else if (spec.platforms.length <= 1) args.push('--load');
  args.push('--', spec.context);
  return args;
}

// ---------------------------------------------------------------- parsing output

export interface PushedManifest {
  digest: string;
  /** Size of the manifest itself in bytes, as docker reports it. */
  size: number;
}

/** The digest line `docker push` prints last: `<tag>: digest: sha256:… size: 735`. */
export function parsePushDigest(output: string, tag?: string): PushedManifest | undefined {
  const re = new RegExp(`^(\\S+): digest: (${DIGEST_PATTERN}) size: (\\d+)\\s*$`, 'gm');
  let found: PushedManifest | undefined;
  for (const m of output.matchAll(re)) {
    if (tag === undefined || m[1] === tag) found = { digest: m[2]!, size: Number(m[3]) };
  }
  return found;
}

export interface BuildxMetadata {
  /** The pushed manifest (or index) digest. */
  digest?: string;
  /** The image config digest (the image id). */
  imageId?: string;
  /** Size in bytes of the manifest/index, when buildx reports its descriptor. */
  manifestSize?: number;
}

/** Reads buildx's `--metadata-file` JSON (`containerimage.digest`, `containerimage.config.digest`, …). */
export function parseBuildxMetadata(text: string): BuildxMetadata {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
  const str = (v: unknown) => (typeof v === 'string' && DIGEST_RE.test(v) ? v : undefined);
  const descriptor = doc['containerimage.descriptor'] as { size?: unknown } | undefined;
  const out: BuildxMetadata = {};
  const digest = str(doc['containerimage.digest']);
  const imageId = str(doc['containerimage.config.digest']);
  if (digest) out.digest = digest;
  if (imageId) out.imageId = imageId;
  if (descriptor && typeof descriptor.size === 'number') out.manifestSize = descriptor.size;
  return out;
}

/**
 * Whether a failed push (or buildx --push) is worth another attempt: server
 * errors, throttling, resets and timeouts. Refusals (unauthorized, denied,
 * invalid manifest, immutable tag) are not.
 */
export function isTransientRegistryError(output: string): boolean {
  const refusal = /unauthorized|authentication required|denied|manifest invalid|tag invalid|immutable|name unknown|blob unknown to registry/i;
  if (refusal.test(output)) return false;
  return /\b(?:50[0-4]|429)\b|too ?many ?requests|toomanyrequests|connection reset|broken pipe|unexpected EOF|\bEOF\b|i\/o timeout|TLS handshake timeout|timeout exceeded|connection refused|no such host|temporary failure|server misbehaving|service unavailable|bad gateway|gateway time-?out/i.test(
    output,
  );
}

/**
 * Whether a failed `docker buildx build --push` failed on a transient
 * registry error while pushing (worth re-running: the build is cached), as
 * opposed to a failing build step. Only buildx's final `ERROR:` lines count,
 * and a failed RUN step never does, whatever its output says.
 */
export function isTransientBuildxPushError(output: string): boolean {
  const finals = output.split('\n').filter((l) => /^error:/i.test(l.trim()));
  return finals.some(
    (l) =>
      !/did not complete successfully|process "/.test(l) && /push|registry|manifest|blob|do request|exporting to image/i.test(l) && isTransientRegistryError(l),
  );
}

/** Whether a failed buildx run failed on the cache export rather than on the build itself. */
export function isCacheExportError(output: string): boolean {
  const tail = output.split('\n').slice(-40).join('\n');
  if (/cache export (?:feature )?is(?: currently)? not supported/i.test(tail)) return true;
  // the error summary block names the failing vertex: "------\n > exporting cache to registry:\n------"
  if (/^\s*>\s*exporting (?:cache|to cache)\b/im.test(tail) || /=>\s*ERROR exporting cache/i.test(tail)) return true;
  // plain progress: "#12 exporting cache to registry" … "#12 ERROR: …"
  const step = /^#(\d+) (?:exporting cache|exporting to cache|preparing build cache for export)/gim;
  for (const m of tail.matchAll(step)) if (new RegExp(`^#${m[1]} ERROR`, 'm').test(tail)) return true;
  return /failed to (?:export|write) (?:build )?cache|error writing (?:layer blob|manifest blob).*cache|exporting cache.*(?:error|failed)/i.test(tail);
}

// ---------------------------------------------------------------- running docker

export interface BuildResult {
  imageId: string;
  /** buildx --push: the digest from --metadata-file. */
  digest?: string | undefined;
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

/** Reads the image id docker wrote to an --iidfile ('' when missing). */
export function readIidFile(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

/** A private scratch directory for the iid/metadata files. */
export function scratchDir(parent: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(parent, 'switchyard-build-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Pulls the legacy builder's registry cache sources; a missing one is a warning (first build). */
export async function pullCacheSources(docker: Docker, refs: string[]): Promise<void> {
  for (const ref of refs) {
    const r = await docker.run(['pull', '--quiet', ref], { allowFailure: true });
    if (r.code !== 0) core.warning(`cache-from ${ref} could not be pulled (${lastLine(r.stderr || r.stdout)}); building without it`);
  }
}

/**
 * The legacy builder. Labels go in one LABEL instruction appended to a copy
 * of the Dockerfile (one build step instead of one per `--label`) when that
 * is safe (see appendLabels), else as `--label` flags.
 */
export async function buildLegacy(docker: Docker, spec: BuildSpec, scratch: string): Promise<BuildResult> {
  const labelled = appendLabels(readFileSync(spec.dockerfile, 'utf8'), spec.labels, spec.target);
  let run1 = spec;
  if (labelled !== undefined) {
    const copy = join(scratch, 'Dockerfile');
    writeFileSync(copy, labelled);
    core.info(`Labels: ${spec.labels.size} in one LABEL instruction appended to a copy of ${spec.dockerfile} (${copy})`);
    run1 = { ...spec, dockerfile: copy, labels: new Map() };
  }
  // DOCKER_BUILDKIT=0: a docker 23+ CLI without buildx would otherwise fail when the environment asks for BuildKit.
  await docker.with({ buildkit: false }).run(legacyBuildArgs(run1), { stream: true });
  return { imageId: readIidFile(spec.iidFile), cacheExportFailed: false };
}

/** Runs `docker push <ref>` once and returns the pushed manifest. */
export async function pushOnce(docker: Docker, ref: string): Promise<PushedManifest> {
  const r = await docker.run(['push', ref], { stream: true, allowFailure: true });
  const out = `${r.stdout}\n${r.stderr}`;
  if (r.code !== 0) throw new PushError(ref, out, isTransientRegistryError(out));
  const pushed = parsePushDigest(out, splitImageReference(ref).tag) ?? parsePushDigest(out);
  if (!pushed) throw new PushError(ref, `docker push printed no digest line:\n${out.slice(-2000)}`, false);
  return pushed;
}

/** Pushes each reference (retrying transient errors); all must report the same digest. */
export async function pushLegacy(docker: Docker, refs: string[], retryOpts: Partial<RetryOptions> = {}): Promise<PushedManifest> {
  let first: PushedManifest | undefined;
  for (const ref of refs) {
    const pushed = await retry(() => pushOnce(docker, ref), {
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
export async function buildBuildx(docker: Docker, spec: BuildSpec, retryOpts: Partial<RetryOptions> = {}): Promise<BuildResult> {
  let current = spec;
  let cacheExportFailed = false;
  const once = async () => {
    const args = buildxBuildArgs(current);
    const r = await docker.run(args, { stream: true, allowFailure: true });
    if (r.code === 0) return;
    const out = `${r.stdout}\n${r.stderr}`;
    if (current.cacheTo.length && isCacheExportError(out)) {
      cacheExportFailed = true;
      core.warning(`cache export failed (${lastLine(out)}); finishing the build without cache-to. The image is unaffected; the next build may be slower.`);
      current = { ...current, cacheTo: [] };
      return once();
    }
    if (current.push && isTransientBuildxPushError(out)) throw new TransientBuildxError(lastLine(out));
    throw new ExecError(describeCommand(docker.bin, args), r);
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
    // No metadata file: without a digest, the caller refuses to report a push it cannot verify.
  }
  return { imageId: meta.imageId ?? readIidFile(spec.iidFile), digest: meta.digest, cacheExportFailed };
}

/** A failed push; `transient` says whether a retry may help. */
export class PushError extends Failure {
  override readonly name: string = 'PushError';
  constructor(
    readonly ref: string,
    readonly output: string,
    readonly transient: boolean,
  ) {
    // The output was streamed to the log already: the message keeps its last line.
    const last = output.trim().split('\n').pop()?.trim() ?? '';
    super(`docker push ${show(ref)} failed${transient ? ' (transient registry error)' : ''}: ${last}`);
  }
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
