import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { core, InputError, show, waitFor } from '@switchyard/kit';
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
  /** The control socket the docker calls share one connection through, or undefined when each call connects on its own (and why). */
  controlPath: string | undefined;
  /** Why connections are not reused (reuse turned off, or the directory's path too long for a socket); undefined when they are. */
  noReuse?: string;
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
 * The control socket's name inside the ssh directory. A fixed name is enough:
 * a directory serves one endpoint (one setUpSsh call, one host). ssh's %C
 * (40 hex digits) would not fit under a usual RUNNER_TEMP.
 */
export const CONTROL_SOCKET = 'mux';
/** How long an idle master waits for the next docker call before it exits on its own (if cleanup never runs). */
export const CONTROL_PERSIST = '60s';
/**
 * A UNIX socket path must fit sun_path: 104 bytes on macOS and the BSDs (108
 * on Linux), the terminating NUL included. ssh first binds
 * `<ControlPath>.<16 random characters>` and then renames it, so the
 * ControlPath itself may be at most 104 - 1 - 17 = 86 bytes.
 */
export const MAX_CONTROL_PATH_BYTES = 104 - 1 - 17;

/** The ControlPath for an ssh directory, or why there is none (the path would not fit a UNIX socket). Pure. */
export function controlPathFor(dir: string): { path: string } | { reason: string } {
  const path = join(dir, CONTROL_SOCKET);
  const bytes = Buffer.byteLength(path);
  if (bytes > MAX_CONTROL_PATH_BYTES)
    return {
      reason: `the control socket path ${show(path)} is ${bytes} bytes, over the ${MAX_CONTROL_PATH_BYTES} a UNIX socket allows here: every docker call opens its own ssh connection (a shorter RUNNER_TEMP would allow reuse)`,
    };
  return { path };
}

/**
 * Writes the private key, the pinned known_hosts and an ssh config into a new
 * private directory under `parent` (RUNNER_TEMP; unique per call, so two steps
 * of one job never share it), plus an `ssh` wrapper that runs the real ssh
 * with `-F config`. The docker CLI's ssh transport runs `ssh` from PATH, so
 * the wrapper is put first on PATH for the docker child process only; the
 * user's ~/.ssh is neither read nor written. Host keys are checked strictly:
 * no trust on first use, nothing learned, no fallback to a password.
 *
 * The docker calls share one ssh connection (ControlMaster auto): the first
 * becomes the master, which stays in the background for CONTROL_PERSIST after
 * the last call, and the next calls run as sessions on it, without a new key
 * exchange and authentication. The control socket lives in the private
 * directory; cleanUpSsh stops the master. Calls that start at the same moment
 * may each connect on their own (ssh's rule when the socket is not there yet):
 * that is fine. `reuse: false`, or a directory path too long for a UNIX
 * socket, gives one connection per call (ControlMaster no).
 */
export function setUpSsh(opts: { parent: string; host: SshHost; privateKey: string; knownHosts: string; path?: string; reuse?: boolean }): SshSetup {
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
  // ssh expands %-tokens in these paths: a literal % is written %%.
  const q = (p: string) => `"${p.replace(/%/g, '%%').replace(/(["\\])/g, '\\$1')}"`;
  const control = opts.reuse === false ? { reason: 'connection reuse is turned off' } : controlPathFor(dir);
  if ('reason' in control) core.debug(`ssh: ControlMaster no: ${control.reason}`);
  const controlLines =
    'path' in control ? ['  ControlMaster auto', `  ControlPath ${q(control.path)}`, `  ControlPersist ${CONTROL_PERSIST}`] : ['  ControlMaster no'];
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
      ...controlLines,
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
  return {
    dir,
    endpoint,
    env: dockerEnv(endpoint, opts.path) as SshSetup['env'],
    controlPath: 'path' in control ? control.path : undefined,
    ...('reason' in control ? { noReuse: control.reason } : {}),
  };
}

const execFileAsync = promisify(execFile);

/** Whether a process is still there (a zombie, exited and awaiting its reaper, counts as gone). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z /s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true; // no /proc (macOS): kill(0) is all we know
  }
}

/**
 * Stops the ssh master of an ssh directory, if one runs: asks it for its pid
 * (`ssh -O check`), tells it to exit (`ssh -O exit`), and waits until the
 * process is gone (SIGTERM to that pid if it lingers). No socket, or a socket
 * no master answers on, means there is nothing to stop. Returns the pid it
 * stopped. Never throws for a master that is already gone.
 */
export async function stopSshMaster(dir: string, log: (line: string) => void = core.debug): Promise<number | undefined> {
  const socket = join(dir, CONTROL_SOCKET);
  if (!existsSync(socket)) return undefined;
  const ssh = which('ssh', process.env.PATH ?? '', join(dir, 'bin'));
  if (!ssh) {
    log(`ssh: no ssh client on PATH to stop the master on ${socket}: it exits on its own after ${CONTROL_PERSIST} idle`);
    return undefined;
  }
  const ctl = async (command: 'check' | 'exit') => {
    try {
      // The config is `Host *` with a ControlPath without %-tokens: any host name reaches this socket.
      const r = await execFileAsync(ssh, ['-F', join(dir, 'config'), '-O', command, '--', 'localhost'], { encoding: 'utf8', timeout: 10_000 });
      return { ok: true, text: `${r.stderr}${r.stdout}` };
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      return { ok: false, text: err.stderr || err.message };
    }
  };
  const check = await ctl('check');
  const pid = Number(/pid=(\d+)/.exec(check.text)?.[1]);
  if (!check.ok || !pid) {
    log(`ssh: no master running on ${socket} (${check.text.trim()})`);
    return undefined;
  }
  const exit = await ctl('exit');
  if (!exit.ok) log(`ssh: -O exit to the master (pid ${pid}) failed: ${exit.text.trim()}`);
  const gone = async (ms: number) => {
    try {
      await waitFor(async () => (processAlive(pid) ? { done: false, progress: 'running' } : { done: true, value: true }), {
        label: `ssh master ${pid} to exit`,
        timeoutMs: ms,
        initialMs: 10,
        maxMs: 200,
      });
      return true;
    } catch {
      return false;
    }
  };
  if (!(await gone(5_000))) {
    log(`ssh: the master (pid ${pid}) is still running after -O exit: sending SIGTERM`);
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      /* gone in the meantime */
    }
    await gone(2_000);
  }
  log(`ssh: stopped the connection master (pid ${pid})`);
  return pid;
}

/**
 * Stops the directory's ssh master (see stopSshMaster), then removes a
 * directory made by setUpSsh. Refuses anything that is not a
 * `switchyard-ssh-*` directory directly under `parent`, so a tampered state
 * value can never delete something else. Returns whether it removed anything.
 */
export async function cleanUpSsh(dir: string, parent: string, log?: (line: string) => void): Promise<boolean> {
  if (!dir) return false;
  const abs = resolve(dir);
  const base = resolve(parent);
  const name = abs.slice(base.length + 1);
  if (!parent || !abs.startsWith(base + sep) || name.includes(sep) || !name.startsWith(SSH_DIR_PREFIX)) {
    throw new Error(`refusing to remove ${show(dir)}: not an ssh directory made by this action under ${show(parent)}`);
  }
  if (!existsSync(abs)) return false;
  await stopSshMaster(abs, log);
  rmSync(abs, { recursive: true, force: true });
  return true;
}
