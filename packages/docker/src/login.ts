/**
 * `docker login` into a private Docker config directory, so a build step's
 * credentials never touch the user's `~/.docker/config.json` (nor their
 * credential store), and vanish with the step.
 *
 * The private directory keeps everything else the docker CLI reads from the
 * user's one: every other entry (cli-plugins with buildx, buildx builder
 * instances, contexts, TLS certificates) is symlinked, and config.json is
 * copied with its other registries' credentials intact.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { addSecret, ConfigurationError, DOCKER_HUB, Failure, registryOfAuthKey } from '@switchyard/kit';
import type { Docker } from './cli';

export interface DockerConfigJson {
  auths?: Record<string, Record<string, unknown>>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [key: string]: unknown;
}

/**
 * The config.json for the private directory: the user's, minus anything that
 * would send `registry`'s new credentials elsewhere. `credsStore` is dropped
 * (docker login would write into the user's store); registries whose
 * credentials live in that store keep reaching it through a `credHelpers`
 * entry; `registry`'s own entries are removed so the login writes a plain
 * `auths` entry into the private file.
 */
export function privateConfigJson(user: DockerConfigJson, registry: string): DockerConfigJson {
  const target = registryOfAuthKey(registry);
  const out: DockerConfigJson = { ...user };
  const auths: Record<string, Record<string, unknown>> = {};
  const helpers: Record<string, string> = {};
  for (const [k, v] of Object.entries(user.credHelpers ?? {})) if (registryOfAuthKey(k) !== target) helpers[k] = v;
  for (const [k, v] of Object.entries(user.auths ?? {})) {
    if (registryOfAuthKey(k) === target) continue;
    const storeBacked = !v || Object.keys(v).length === 0;
    if (storeBacked && user.credsStore) {
      if (!(k in helpers)) helpers[k] = user.credsStore;
    } else auths[k] = v;
  }
  delete out.credsStore;
  out.auths = auths;
  if (Object.keys(helpers).length) out.credHelpers = helpers;
  else delete out.credHelpers;
  return out;
}

/** The user's Docker config directory: $DOCKER_CONFIG, else ~/.docker. */
export function userDockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
}

export interface PrivateDockerConfig {
  /** Use as DOCKER_CONFIG for every docker call of the step. */
  dir: string;
  /** Removes the directory (and the credentials in it). */
  remove(): void;
}

/**
 * Creates the private config directory under `parent` (RUNNER_TEMP), mode
 * 0700, with config.json (0600) derived from the user's and symlinks to
 * every other entry of the user's directory.
 */
export function createPrivateDockerConfig(parent: string, registry: string, env: NodeJS.ProcessEnv = process.env): PrivateDockerConfig {
  const userDir = userDockerConfigDir(env);
  mkdirSync(parent, { recursive: true });
  const dir = mkdtempSync(join(parent, 'switchyard-docker-config-'));
  let user: DockerConfigJson = {};
  const userFile = join(userDir, 'config.json');
  if (existsSync(userFile)) {
    try {
      user = JSON.parse(readFileSync(userFile, 'utf8')) as DockerConfigJson;
    } catch (e) {
      rmSync(dir, { recursive: true, force: true });
      throw new ConfigurationError(`Docker config ${userFile} is not valid JSON: ${(e as Error).message}`);
    }
  }
  writeFileSync(join(dir, 'config.json'), `${JSON.stringify(privateConfigJson(user, registry), null, 2)}\n`, { mode: 0o600 });
  if (existsSync(userDir) && lstatSync(userDir).isDirectory()) {
    for (const entry of readdirSync(userDir)) {
      if (entry === 'config.json') continue;
      symlinkSync(join(userDir, entry), join(dir, entry));
    }
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `docker login --password-stdin` (the password never appears in argv), into
 * the config directory of `docker` (give it one made by createPrivateDockerConfig).
 * Docker Hub is logged into without a server argument, as docker expects.
 */
export async function dockerLogin(docker: Docker, registry: string, username: string, password: string): Promise<void> {
  addSecret(password);
  const server = registryOfAuthKey(registry) === DOCKER_HUB ? [] : [registry];
  const r = await docker.run(['login', '--username', username, '--password-stdin', ...server], { input: password, allowFailure: true });
  if (r.code !== 0) {
    const why = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join(' ');
    throw new Failure(`docker login to ${registry} as ${username} failed: ${why}`, {
      hint: 'check the username and password inputs (a token needs push rights to the repository)',
    });
  }
}
