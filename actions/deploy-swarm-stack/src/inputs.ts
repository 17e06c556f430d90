import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { knownHostsCovers, knownHostsName, parseDockerHost, type SshHost } from '@switchyard/docker/ssh';
import {
  addSecret,
  core,
  InputError,
  Inputs as Reader,
  parseKeyValues,
  parseYaml,
  readManifestsInput,
  show,
  type InputSource,
  type ReleaseManifest,
} from '@switchyard/kit';

/** deploy-swarm-stack's inputs, typed; names are action.yml's in camelCase. */
export interface Inputs {
  stackName: string;
  /** The compose files, resolved, in merge order. */
  stackFile: ComposeFile[];
  /** The merged release manifest, or undefined when no release file is given. */
  releaseFile: ReleaseManifest | undefined;
  /** Repositories (or `*` globs) that may be deployed by tag. */
  allowUnpinned: string[];
  /** Interpolation variables from the `env` input (win over env-file and the runner's environment). */
  env: Map<string, string>;
  /** Interpolation variables read from the env file. */
  envFile: Map<string, string>;
  dockerHost: SshHost | undefined;
  sshPrivateKey: string;
  sshKnownHosts: string;
  withRegistryAuth: boolean;
  prune: boolean;
  /** Deadline for convergence (and, separately, for a rollback), ms. */
  timeout: number;
  /** How long a task may stay unplaceable before the deploy fails, ms. */
  pendingGrace: number;
  rollbackOnFailure: boolean;
}

/** What the action sets; names are action.yml's outputs. */
export interface Outputs {
  services: unknown[];
  'converged-seconds': string;
  'rolled-back': boolean;
}

export interface ComposeFile {
  path: string;
  /** Parsed, not yet interpolated. */
  doc: unknown;
}

const STACK_RE = /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$/;

export async function getInputs(source?: InputSource): Promise<Inputs> {
  const r = new Reader(source);
  // Secrets first: nothing may be logged before they are masked.
  const sshPrivateKey = r.raw('ssh-private-key');
  addSecret(sshPrivateKey);

  const stackName = r.string('stack-name', {
    required: true,
    pattern: STACK_RE,
    patternHint: 'letters, digits, - and _ (at most 63), starting with a letter or digit',
  });
  const paths = r.list('stack-file', { commas: true });
  if (paths.length === 0) throw new InputError('stack-file', 'is required: one or more compose files, one per line');
  const stackFile: ComposeFile[] = [];
  for (const p of paths) {
    const path = resolve(p);
    if (!existsSync(path) || !statSync(path).isFile()) throw new InputError('stack-file', `${show(p)} does not exist or is not a file`);
    const doc = await parseYaml('stack-file', readFileSync(path, 'utf8'), p);
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
      throw new InputError('stack-file', `${show(p)} is not a compose file: expected a mapping with services`);
    stackFile.push({ path, doc });
  }

  const releaseFile = readManifestsInput('release-file', r.list('release-file', { commas: true }));

  const env = parseKeyValues('env', r.list('env'), /^[_a-zA-Z][_a-zA-Z0-9]*$/);
  const envFilePath = r.string('env-file');
  let envFile = new Map<string, string>();
  if (envFilePath) {
    let text: string;
    try {
      text = readFileSync(resolve(envFilePath), 'utf8');
    } catch {
      throw new InputError('env-file', `${show(envFilePath)} cannot be read: no such file`);
    }
    envFile = parseEnvFile(text, envFilePath);
  }

  const dockerHost = parseDockerHost('docker-host', r.string('docker-host'));
  const sshKnownHosts = r.raw('ssh-known-hosts');
  if (dockerHost) {
    if (!sshPrivateKey) throw new InputError('ssh-private-key', `is required with docker-host ${show(dockerHost.url)}`);
    if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+-----END [A-Z ]*PRIVATE KEY-----/.test(sshPrivateKey)) {
      throw new InputError('ssh-private-key', 'is not a private key in PEM/OpenSSH format (-----BEGIN … PRIVATE KEY-----)');
    }
    if (!sshKnownHosts) {
      throw new InputError('ssh-known-hosts', `is required with docker-host ${show(dockerHost.url)}: host keys are never trusted on first use`, {
        hint: `verify the host key out of band, then store the line(s) from \`ssh-keyscan -p ${dockerHost.port} ${dockerHost.host}\` in a variable`,
      });
    }
    if (!knownHostsCovers(sshKnownHosts, dockerHost)) {
      throw new InputError('ssh-known-hosts', `has no key for ${knownHostsName(dockerHost)} (the name ssh looks up for ${dockerHost.url})`);
    }
  } else if (sshPrivateKey || sshKnownHosts) {
    core.warning('ssh-private-key / ssh-known-hosts are set but docker-host is empty: deploying through the local Docker socket and ignoring them.');
  }

  return {
    stackName,
    stackFile,
    releaseFile,
    allowUnpinned: r.list('allow-unpinned', { commas: true }),
    env,
    envFile,
    dockerHost,
    sshPrivateKey,
    sshKnownHosts,
    withRegistryAuth: r.bool('with-registry-auth', { default: false }),
    prune: r.bool('prune', { default: false }),
    timeout: r.duration('timeout', { default: '5m', min: 1000 }),
    pendingGrace: r.duration('pending-grace', { default: '20s' }),
    rollbackOnFailure: r.bool('rollback-on-failure', { default: true }),
  };
}

/** A compose-style `.env` file: KEY=value lines, `#` comments, optional `export `, optional quotes around the value. */
export function parseEnvFile(text: string, origin: string): Map<string, string> {
  const out = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([_a-zA-Z][_a-zA-Z0-9]*)=(.*)$/.exec(line);
    if (!m) throw new InputError('env-file', `${origin} line ${i + 1}: ${show(line)} is not KEY=value`);
    let value = m[2]!;
    const q = /^(['"])(.*)\1$/.exec(value);
    if (q) value = q[2]!;
    out.set(m[1]!, value);
  });
  return out;
}
