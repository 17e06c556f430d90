import { join } from 'node:path';
import {
  addSecret,
  InputError,
  Inputs as Reader,
  ManifestError,
  mergeManifests,
  parseManifest,
  readManifests,
  show,
  splitList,
  type InputSource,
  type ReleaseManifest,
} from '@switchyard/kit';
import { insecureRegistriesInput, isValidRegistryHost, isValidRepositoryPath } from '@switchyard/registry';
import { planRelease, type ServicePlan } from './plan';

export type Mode = 'promote' | 'record';
export type RecordState = 'success' | 'failure' | 'error';

/** promote-version's inputs, typed; names are action.yml's in camelCase. */
export interface Inputs {
  mode: Mode;
  releaseFile: string[];
  release: ReleaseManifest;
  from: string;
  to: string;
  environments: string[];
  targetRegistry: string;
  /** Normalised entries (host[:port] or CIDR) for every registry client. */
  insecureRegistries: string[];
  targetRepositoryPrefix: string;
  tags: string[];
  immutable: boolean;
  requireVerified: boolean;
  githubToken: string;
  deploymentId: number | undefined;
  recordState: RecordState;
  environmentUrl: string;
  commitPath: string;
  commitBranch: string;
  outputFile: string;
  username: string;
  password: string;
  sourceUsername: string;
  sourcePassword: string;
  dryRun: boolean;
}

/**
 * What the action executes, built in the pass that validates the inputs:
 * in promote mode, each service's source, target and expanded tags (record
 * mode copies nothing: no plans). Nothing downstream re-validates or rebuilds it.
 */
export interface Config extends Inputs {
  plans: ServicePlan[];
}

/** What the action sets; names are action.yml's outputs. */
export interface Outputs {
  promoted: Record<string, unknown>;
  'deployment-id': string;
  'release-file': string;
  version: string;
}

const ENV_RE = /^[a-z0-9][a-z0-9_.-]{0,62}$/;
const DEFAULT_ENVIRONMENTS = 'qa, uat, prod';
const DEFAULT_TAGS = '{env}\n{env}-{version}';

/** Reads and validates every input, and plans the promotion, before anything touches a registry or GitHub. */
export function getInputs(source?: InputSource, env: NodeJS.ProcessEnv = process.env): Config {
  const r = new Reader(source);
  // Secrets first, so nothing below can echo them.
  const password = r.string('password');
  const sourcePassword = r.string('source-password');
  const githubToken = r.string('github-token');
  addSecret(password);
  addSecret(sourcePassword);
  addSecret(githubToken);
  if (githubToken.includes('${{'))
    throw new InputError('github-token', 'holds an unevaluated expression; pass ${{ github.token }} from a workflow, or leave it empty');

  const mode = r.enum<Mode>('mode', ['promote', 'record'], { default: 'promote' });
  const environments = splitList(r.raw('environments') || DEFAULT_ENVIRONMENTS, true);
  if (environments.length === 0) throw new InputError('environments', 'is empty: list the environment names, e.g. qa, uat, prod');
  for (const e of environments)
    if (!ENV_RE.test(e)) throw new InputError('environments', `${show(e)} is not a valid environment name (lowercase letters, digits, . _ -)`);
  const envName = (name: 'from' | 'to', required: boolean): string => {
    const v = r.string(name, { required });
    if (v && !environments.includes(v))
      throw new InputError(name, `${show(v)} is not a known environment: expected one of ${environments.join(', ')}`, {
        hint: 'add it to the environments input if it is new',
      });
    return v;
  };
  const to = envName('to', true);
  const from = envName('from', mode === 'promote');
  if (from && from === to) throw new InputError('to', `${show(to)} is the same environment as from`);

  const { releaseFile, release } = readRelease(r);
  if (Object.keys(release.services).length === 0)
    throw new InputError(releaseFile.length ? 'release-file' : 'release', `field 'services' is empty: the release has no image to promote`);

  const targetRegistry = r.string('target-registry');
  if (targetRegistry && !isValidRegistryHost(targetRegistry))
    throw new InputError('target-registry', `${show(targetRegistry)} is not a registry host[:port] (no scheme, no path)`);
  const insecureRegistries = insecureRegistriesInput(splitList(r.raw('insecure-registries'), true));
  const targetRepositoryPrefix = r.string('target-repository-prefix').replace(/^\/+|\/+$/g, '');
  if (targetRepositoryPrefix && !isValidRepositoryPath(targetRepositoryPrefix.replace(/\{(env|from)\}/g, 'x')))
    throw new InputError('target-repository-prefix', `${show(targetRepositoryPrefix)} is not a repository path (lowercase components separated by /)`);
  const tags = splitList(r.raw('tags') || DEFAULT_TAGS, false);
  if (mode === 'promote' && tags.length === 0) throw new InputError('tags', 'is empty: give at least one tag, e.g. {env}-{version}');
  const plans = mode === 'promote' ? planRelease(release, { tags, env: to, from, targetRegistry, targetRepositoryPrefix }) : [];
  const immutable = r.bool('immutable', { default: false });
  const requireVerified = r.bool('require-verified', { default: true });
  if (mode === 'promote' && requireVerified && !githubToken)
    throw new InputError('require-verified', `is true but github-token is empty: the ${from} environment's deployments cannot be read`, {
      hint: 'pass github-token: ${{ github.token }} (permission deployments: read), or set require-verified: false',
    });
  if (mode === 'record' && !githubToken) throw new InputError('github-token', 'is required in record mode: it records the deployment');
  const rawId = r.string('deployment-id');
  if (rawId && !/^[1-9]\d{0,15}$/.test(rawId)) throw new InputError('deployment-id', `${show(rawId)} is not a deployment ID (a positive whole number)`);
  const environmentUrl = r.string('environment-url');
  if (environmentUrl) r.url('environment-url');
  const commitPath = r.string('commit-path').replace(/^\/+/, '');
  if (commitPath && (commitPath.split('/').some((p) => p === '..' || p === '') || /[\\\0]/.test(commitPath)))
    throw new InputError('commit-path', `${show(commitPath)} is not a relative path inside the repository`);
  if (commitPath && !githubToken) throw new InputError('commit-path', 'is set but github-token is empty: the manifest cannot be committed');
  const commitBranch = r.string('commit-branch', { pattern: /^(?!.*\.\.)(?!\/)[A-Za-z0-9._/-]+$/, patternHint: 'a branch name' });
  const username = r.string('username');
  const sourceUsername = r.string('source-username');
  if (Boolean(username) !== Boolean(password))
    throw new InputError(username ? 'password' : 'username', `is empty but ${username ? 'username' : 'password'} is set: give both or neither`);
  if (Boolean(sourceUsername) !== Boolean(sourcePassword))
    throw new InputError(
      sourceUsername ? 'source-password' : 'source-username',
      `is empty but ${sourceUsername ? 'source-username' : 'source-password'} is set: give both or neither`,
    );
  const outputFile = (r.string('output-file') || join(env.RUNNER_TEMP || process.cwd(), 'release-{env}.json')).replace(/\{env\}/g, to);

  return {
    mode,
    releaseFile,
    release,
    from,
    to,
    environments,
    targetRegistry,
    insecureRegistries,
    targetRepositoryPrefix,
    tags,
    immutable,
    requireVerified,
    githubToken,
    deploymentId: rawId ? Number(rawId) : undefined,
    recordState: r.enum<RecordState>('record-state', ['success', 'failure', 'error'], { default: 'success' }),
    environmentUrl,
    commitPath: commitPath.replace(/\{env\}/g, to),
    commitBranch,
    outputFile,
    username,
    password,
    sourceUsername,
    sourcePassword,
    dryRun: r.bool('dry-run', { default: false }),
    plans,
  };
}

function readRelease(r: Reader): { releaseFile: string[]; release: ReleaseManifest } {
  const releaseFile = r.list('release-file');
  const inline = r.raw('release').trim();
  if (releaseFile.length && inline) throw new InputError('release', 'is set together with release-file: give one of them');
  if (!releaseFile.length && !inline) throw new InputError('release-file', 'is required (or give the manifest inline in release)');
  try {
    if (inline) return { releaseFile, release: mergeManifests([{ origin: "input 'release'", manifest: parseManifest(inline, "input 'release'") }]) };
    return { releaseFile, release: readManifests(releaseFile) };
  } catch (e) {
    if (e instanceof ManifestError) throw new InputError(inline ? 'release' : 'release-file', e.message, { cause: e });
    throw e;
  }
}
