import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve, sep } from 'node:path';
import { InputError, show } from '@switchyard/kit';
import { dockerEnv, type DockerEndpoint } from './cli';

/** A parsed `docker-host`: the local socket (undefined) or an ssh:// endpoint. */
export interface SshHost {
  /** As docker expects it in DOCKER_HOST: `ssh://user@host:port`. */
  url: string;
  user: string | undefined;
  host: string;
  port: number;
}

/**
 * Parses `ssh://[user@]host[:port]` (IPv6 in brackets). Anything else — other
 * schemes, a path, a query, a password — is an InputError naming the input.
 */
export function parseDockerHost(input: string, value: string): SshHost | undefined {
  if (value === '') return undefined;
  const hint = 'expected ssh://user@host or ssh://user@host:port (empty for the local Docker socket)';
  if (!value.startsWith('ssh://')) throw new InputError(input, `${show(value)} is not supported: ${hint}`);
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new InputError(input, `${show(value)} is not a valid URL: ${hint}`);
  }
  if (u.password) throw new InputError(input, `${show(value.replace(/:[^:@/]*@/, ':***@'))} contains a password: use ssh-private-key`);
  if ((u.pathname && u.pathname !== '/') || u.search || u.hash) throw new InputError(input, `${show(value)} has a path, query or fragment: ${hint}`);
  const host = u.hostname;
  if (!host || !/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)$/.test(host))
    throw new InputError(input, `${show(value)} has no valid host name: ${hint}`);
  const user = u.username ? decodeURIComponent(u.username) : undefined;
  if (user !== undefined && !/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(user)) throw new InputError(input, `${show(value)} has an invalid user name ${show(user)}`);
  const port = u.port ? Number(u.port) : 22;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InputError(input, `${show(value)} has an invalid port`);
  return { url: `ssh://${user ? `${user}@` : ''}${host}${u.port ? `:${port}` : ''}`, user, host, port };
}

/** The name known_hosts uses for a host: `host`, or `[host]:port` when the port is not 22. */
export function knownHostsName(h: SshHost): string {
  const bare = h.host.replace(/^\[|\]$/g, '');
  return h.port === 22 ? bare : `[${bare}]:${h.port}`;
}

/**
 * Checks that `known_hosts` text holds at least one key for the host (plain
 * names, comma lists and `*`/`?` patterns are read; hashed `|1|` entries
 * cannot be read without hashing, so their presence counts as "maybe").
 * Returns false only when we are sure no entry applies: that is a mistake we
 * can report before any connection is tried.
 */
export function knownHostsCovers(text: string, h: SshHost): boolean {
  const name = knownHostsName(h);
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    const hosts = fields[0]?.startsWith('@') ? fields[1] : fields[0];
    if (!hosts) continue;
    if (hosts.startsWith('|1|')) return true;
    for (const pattern of hosts.split(',')) {
      if (pattern.startsWith('!')) continue;
      const re = new RegExp(
        `^${pattern
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      );
      if (re.test(name)) return true;
    }
  }
  return false;
}

export interface SshSetup {
  /** The private directory (0700) holding key, known_hosts, config and the wrapper. */
  dir: string;
  /** The endpoint to give `new Docker(…)`: DOCKER_HOST and the wrapper's directory. */
  endpoint: Required<DockerEndpoint> & { host: string };
  /** What the docker child gets from that endpoint (the wrapper's policy): DOCKER_HOST, and PATH with the wrapper first. */
  env: { DOCKER_HOST: string; PATH: string };
}

/** Finds an executable on PATH, skipping `skipDir`. */
export function which(name: string, path = process.env.PATH ?? '', skipDir?: string): string | undefined {
  for (const d of path.split(delimiter)) {
    if (!d || (skipDir && resolve(d) === resolve(skipDir))) continue;
    const f = join(d, name);
    try {
      if (statSync(f).isFile()) return f;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

export const SSH_DIR_PREFIX = 'switchyard-ssh-';

/**
 * Writes the private key, the pinned known_hosts and an ssh config into a new
 * private directory under `parent` (RUNNER_TEMP; unique per call, so two steps
 * of one job never share it), plus an `ssh` wrapper that runs the real ssh
 * with `-F config`. The docker CLI's ssh transport runs `ssh` from PATH, so
 * the wrapper is put first on PATH for the docker child process only; the
 * user's ~/.ssh is neither read nor written. Host keys are checked strictly:
 * no trust on first use, nothing learned, no fallback to a password.
 */
export function setUpSsh(opts: { parent: string; host: SshHost; privateKey: string; knownHosts: string; path?: string }): SshSetup {
  const realSsh = which('ssh', opts.path ?? process.env.PATH ?? '');
  if (!realSsh) throw new Error('no ssh client found on PATH: install openssh-client');
  mkdirSync(opts.parent, { recursive: true });
  const dir = mkdtempSync(join(opts.parent, SSH_DIR_PREFIX));
  chmodSync(dir, 0o700);
  const bin = join(dir, 'bin');
  mkdirSync(bin, { mode: 0o700 });
  const key = join(dir, 'id');
  const known = join(dir, 'known_hosts');
  const config = join(dir, 'config');
  const normalizedKey = opts.privateKey.replace(/\r\n/g, '\n').trim() + '\n';
  writeFileSync(key, normalizedKey, { mode: 0o600 });
  writeFileSync(known, opts.knownHosts.replace(/\r\n/g, '\n').trim() + '\n', { mode: 0o600 });
  const q = (p: string) => `"${p.replace(/(["\\])/g, '\\$1')}"`;
  writeFileSync(
    config,
    [
      'Host *',
      `  IdentityFile ${q(key)}`,
      '  IdentitiesOnly yes',
      '  IdentityAgent none',
      `  UserKnownHostsFile ${q(known)}`,
      '  GlobalKnownHostsFile /dev/null',
      '  StrictHostKeyChecking yes',
      '  CheckHostIP no',
      '  UpdateHostKeys no',
      '  HashKnownHosts no',
      '  BatchMode yes',
      '  PasswordAuthentication no',
      '  KbdInteractiveAuthentication no',
      '  ControlMaster no',
      '  ConnectTimeout 20',
      '  ServerAliveInterval 15',
      '  ServerAliveCountMax 4',
      '  LogLevel ERROR',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
  const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  writeFileSync(join(bin, 'ssh'), `#!/bin/sh\nexec ${sh(realSsh)} -F ${sh(config)} "$@"\n`, { mode: 0o700 });
  const endpoint = { host: opts.host.url, sshBin: bin };
  return { dir, endpoint, env: dockerEnv(endpoint, opts.path) as SshSetup['env'] };
}

/**
 * Removes a directory made by setUpSsh. Refuses anything that is not a
 * `switchyard-ssh-*` directory directly under `parent`, so a tampered state
 * value can never delete something else. Returns whether it removed anything.
 */
export function cleanUpSsh(dir: string, parent: string): boolean {
  if (!dir) return false;
  const abs = resolve(dir);
  const base = resolve(parent);
  const name = abs.slice(base.length + 1);
  if (!parent || !abs.startsWith(base + sep) || name.includes(sep) || !name.startsWith(SSH_DIR_PREFIX)) {
    throw new Error(`refusing to remove ${show(dir)}: not an ssh directory made by this action under ${show(parent)}`);
  }
  if (!existsSync(abs)) return false;
  rmSync(abs, { recursive: true, force: true });
  return true;
}
