import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseCacheSpec, PLATFORM_RE, type CacheSpec } from '@switchyard/docker/build';
import {
  addSecret,
  InputError,
  InvalidReferenceError,
  isValidTag,
  parseImageReference,
  Inputs as Reader,
  parseKeyValues,
  SERVICE_RE,
  show,
  VERSION_RE,
  type InputSource,
} from '@switchyard/kit';
import { insecureRegistriesInput } from '@switchyard/registry/reference';
import type { Target } from './registry';

export type BuilderChoice = 'auto' | 'buildx' | 'legacy';

/** The `image` input, parsed once: the repository as written, and the registry and path it names. */
export interface ImageInput extends Target {
  /** As written (no tag, no digest): `registry.example.com/shop/catalog`. */
  name: string;
}

/** build-image's inputs, typed and validated; names are action.yml's in camelCase. */
export interface Inputs {
  /** Absolute path of the build context. */
  context: string;
  /** Absolute path of the Dockerfile. */
  dockerfile: string;
  /** The repository to push to. */
  image: ImageInput;
  /** Tag names as given (empty: derive from the commit and version). */
  tags: string[];
  version: string;
  buildArgs: Map<string, string>;
  /** The user's labels only; the OCI labels are added by the plan. */
  labels: Map<string, string>;
  target: string;
  push: boolean;
  cacheFrom: CacheSpec[];
  cacheTo: CacheSpec[];
  platforms: string[];
  username: string;
  password: string;
  /** insecure-registries, normalised (host[:port] or CIDR): what the registry client speaks plain http to. */
  insecureRegistries: string[];
  /** Absolute path, or '' when not asked for. */
  releaseFile: string;
  service: string;
  builder: BuilderChoice;
  provenance: string;
  pull: boolean;
  noCache: boolean;
}

/** What the action sets; names are action.yml's outputs. */
export interface Outputs {
  digest: string;
  'image-ref': string;
  'image-id': string;
  tags: string[];
  'release-file': string;
  builder: string;
}

const LABEL_KEY_RE = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const TARGET_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Reads and validates every input before anything runs: a bad value is an
 * InputError naming the input, and nothing is built or pushed.
 * `cwd` is the workspace relative paths are resolved against.
 */
export function getInputs(source?: InputSource, cwd: string = process.cwd()): Inputs {
  const r = new Reader(source);
  // Masked before anything else can print.
  const password = r.raw('password');
  addSecret(password);

  const image = readImage(r);

  const context = resolve(cwd, r.string('context', { default: '.' }));
  if (!existsSync(context) || !statSync(context).isDirectory())
    throw new InputError('context', `${show(r.raw('context') || '.')} is not a directory (resolved to ${context})`);
  const dockerfileRaw = r.string('dockerfile');
  const dockerfile = dockerfileRaw ? resolve(cwd, dockerfileRaw) : join(context, 'Dockerfile');
  if (!existsSync(dockerfile) || !statSync(dockerfile).isFile()) {
    throw new InputError('dockerfile', `${show(dockerfileRaw || join(r.raw('context') || '.', 'Dockerfile'))} does not exist (resolved to ${dockerfile})`);
  }

  const version = r.string('version', { pattern: VERSION_RE, patternHint: 'a tag-safe version: letters, digits, . _ - (up to 128), e.g. 2026.11.26-3f2a9c1' });
  const tags = r.list('tags');
  for (const t of tags) {
    if (!isValidTag(t)) {
      const hint = /[:/]/.test(t) ? 'give tag names only (latest, v1.2.0); the repository comes from the image input' : undefined;
      throw new InputError('tags', `${show(t)} is not a valid tag: up to 128 of A-Z a-z 0-9 _ . - , not starting with . or -`, { hint });
    }
  }

  const buildArgs = parseKeyValues('build-args', r.list('build-args'));
  const labels = parseKeyValues('labels', r.list('labels'), LABEL_KEY_RE);
  const target = r.string('target', { pattern: TARGET_RE, patternHint: 'a stage name from the Dockerfile' });

  const cacheFrom = cacheList(r, 'cache-from');
  const cacheTo = cacheList(r, 'cache-to');
  const platforms = r.list('platforms', { commas: true });
  for (const p of platforms)
    if (!PLATFORM_RE.test(p)) throw new InputError('platforms', `${show(p)} is not os/arch[/variant], e.g. linux/amd64 or linux/arm/v7`);

  const username = r.string('username');
  if (password && !username) throw new InputError('username', 'is required when password is set');
  if (username && !password) throw new InputError('password', `is required when username is set (username ${show(username)})`);

  const insecureRegistries = insecureRegistriesInput(r.list('insecure-registries', { commas: true }));

  const push = r.bool('push', { default: true });
  const releaseRaw = r.string('release-file');
  if (releaseRaw && !push) throw new InputError('release-file', `${show(releaseRaw)} needs push: true (an image that is not pushed has no digest to record)`);
  const service = r.string('service') || defaultService(image.name);
  if (!SERVICE_RE.test(service)) {
    throw new InputError(
      'service',
      `${show(service)} is not a valid service name: lowercase letters, digits, - and _ (up to 63)${r.raw('service') ? '' : ' (derived from image; set service)'}`,
    );
  }

  const provenance = r.string('provenance', { default: 'false' });
  if (!/^(?:true|false|mode=(?:min|max))$/.test(provenance))
    throw new InputError('provenance', `${show(provenance)} is not one of false, true, mode=min, mode=max`);

  return {
    context,
    dockerfile,
    image,
    tags,
    version,
    buildArgs,
    labels,
    target,
    push,
    cacheFrom,
    cacheTo,
    platforms,
    username,
    password,
    insecureRegistries,
    releaseFile: releaseRaw ? resolve(cwd, releaseRaw) : '',
    service,
    builder: r.enum('builder', ['auto', 'buildx', 'legacy'] as const, { default: 'auto' }),
    provenance,
    pull: r.bool('pull', { default: false }),
    noCache: r.bool('no-cache', { default: false }),
  };
}

function readImage(r: Reader): ImageInput {
  const name = r.string('image', { required: true });
  let parsed: ReturnType<typeof parseImageReference>;
  try {
    parsed = parseImageReference(name);
  } catch (e) {
    if (!(e instanceof InvalidReferenceError)) throw e;
    throw new InputError('image', `${show(name)} is not a valid repository: ${e.message.replace(/^image reference "[^"]*" /, '')}`);
  }
  if (parsed.tag !== undefined || parsed.digest !== undefined) {
    throw new InputError('image', `${show(name)} includes a ${parsed.digest ? 'digest' : 'tag'}; give the repository only`, {
      hint: 'put tags in the tags input, e.g. image: ghcr.io/org/app and tags: v1.2.0',
    });
  }
  return { name, registry: parsed.registry, repository: parsed.repository };
}

/** `registry.example.com/shop/catalog` → `catalog`. */
export function defaultService(image: string): string {
  return image.slice(image.lastIndexOf('/') + 1);
}

function cacheList(r: Reader, name: string): CacheSpec[] {
  return r.list(name).map((line) => {
    const spec = parseCacheSpec(line);
    if (!spec) throw new InputError(name, `${show(line)} is neither an image reference nor type=…,key=value`);
    const ref = spec.attrs.get('ref');
    if (spec.type === 'registry' && ref) {
      try {
        parseImageReference(ref);
      } catch (e) {
        if (!(e instanceof InvalidReferenceError)) throw e;
        throw new InputError(name, e.message);
      }
    }
    return spec;
  });
}
