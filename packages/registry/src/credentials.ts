import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { addSecret, ConfigurationError, execute, Failure, registryOfAuthKey } from '@switchyard/kit';

/** Credentials for one registry. */
export interface Credentials {
  username: string;
  /** Password or access token. */
  password: string;
  /** An OAuth2 refresh token (`identitytoken` in the Docker config, e.g. Azure ACR); used instead of the password against Bearer token services. */
  identityToken?: string;
  /** Where they came from, for log lines (never the secret): `inputs`, `/home/u/.docker/config.json`, `credential helper ecr-login`. */
  source: string;
}

export interface CredentialLookup {
  /** Explicit username (e.g. an action input). Takes precedence over the Docker config when both username and password are set. */
  username?: string;
  password?: string;
  /** Directory holding config.json. Default: $DOCKER_CONFIG, else ~/.docker. */
  dockerConfigDir?: string;
  /** Environment to read DOCKER_CONFIG / HOME from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Run `docker-credential-<helper>` for credsStore/credHelpers entries (default true). */
  useCredentialHelpers?: boolean;
}

interface DockerConfigFile {
  auths?: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string; registrytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** The Docker config file's path for a lookup. */
export function dockerConfigPath(opts: Pick<CredentialLookup, 'dockerConfigDir' | 'env'> = {}): string {
  const env = opts.env ?? process.env;
  const dir = opts.dockerConfigDir || env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
  return join(dir, 'config.json');
}

/**
 * Normalises a key of the config's `auths` (`https://index.docker.io/v1/`,
 * `https://ghcr.io`, `127.0.0.1:5001`, `http://host:5000/v2/`) to the
 * registry name it stands for.
 */
export const normaliseAuthKey = registryOfAuthKey;

/**
 * Resolves credentials for `registry`: explicit username/password first,
 * then the Docker config file that `docker login`, docker/login-action and
 * aws-actions/amazon-ecr-login leave behind (`auths` with base64 `auth` or
 * `username`/`password`, `identitytoken`; `credHelpers`/`credsStore` through
 * their `docker-credential-*` programs). Returns undefined for anonymous
 * access. Every secret found is registered with kit `addSecret`.
 */
export async function resolveCredentials(registry: string, opts: CredentialLookup = {}): Promise<Credentials | undefined> {
  if (opts.username || opts.password) {
    if (!opts.username || !opts.password)
      throw new ConfigurationError(`registry ${registry}: give both a username and a password (only the ${opts.username ? 'username' : 'password'} is set)`);
    addSecret(opts.password);
    return { username: opts.username, password: opts.password, source: 'inputs' };
  }
  const path = dockerConfigPath(opts);
  let config: DockerConfigFile;
  try {
    config = JSON.parse(readFileSync(path, 'utf8')) as DockerConfigFile;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigurationError(`Docker config ${path} cannot be read: ${(e as Error).message}`);
  }
  const wanted = normaliseAuthKey(registry);
  const helper = config.credHelpers?.[registry] ?? Object.entries(config.credHelpers ?? {}).find(([k]) => normaliseAuthKey(k) === wanted)?.[1];
  if (helper && opts.useCredentialHelpers !== false) return fromHelper(helper, registry);
  for (const [key, entry] of Object.entries(config.auths ?? {})) {
    if (normaliseAuthKey(key) !== wanted) continue;
    const c = fromAuthEntry(entry, path);
    if (c) return c;
  }
  if (config.credsStore && opts.useCredentialHelpers !== false) return fromHelper(config.credsStore, registry, true);
  return undefined;
}

function fromAuthEntry(entry: NonNullable<DockerConfigFile['auths']>[string], path: string): Credentials | undefined {
  let username = entry.username ?? '';
  let password = entry.password ?? '';
  if (entry.auth) {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new ConfigurationError(`Docker config ${path}: an 'auth' entry is not base64 of username:password`);
    username = decoded.slice(0, colon);
    password = decoded.slice(colon + 1);
  }
  addSecret(entry.auth);
  addSecret(password);
  addSecret(entry.identitytoken);
  if (entry.identitytoken) return { username: username || '<token>', password, identityToken: entry.identitytoken, source: path };
  if (!username && !password) return undefined;
  return { username, password, source: path };
}

async function fromHelper(helper: string, registry: string, optional = false): Promise<Credentials | undefined> {
  if (!/^[A-Za-z0-9_.-]+$/.test(helper))
    throw new ConfigurationError(`Docker config names credential helper ${JSON.stringify(helper)}, which is not a program name`);
  const program = `docker-credential-${helper}`;
  const candidates = registry === 'docker.io' ? ['https://index.docker.io/v1/', registry] : [registry, `https://${registry}`];
  for (const server of candidates) {
    const r = await execute(program, ['get'], { input: server, allowFailure: true }).catch((e: unknown) => {
      if (optional) return undefined;
      throw new Failure(`credential helper ${program} for ${registry} could not be run: ${(e as Error).message}`);
    });
    if (!r || r.code !== 0) continue;
    const out = JSON.parse(r.stdout) as { Username?: string; Secret?: string };
    if (!out.Secret) continue;
    addSecret(out.Secret);
    const username = out.Username ?? '';
    return username === '<token>'
      ? { username, password: '', identityToken: out.Secret, source: `credential helper ${helper}` }
      : { username, password: out.Secret, source: `credential helper ${helper}` };
  }
  return undefined;
}
