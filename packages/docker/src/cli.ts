/**
 * The one door to the docker CLI. Every docker invocation of every action
 * goes through a `Docker` instance, and the instance owns the child's
 * environment: which daemon (DOCKER_HOST), which credentials (DOCKER_CONFIG),
 * the ssh wrapper first on PATH, the legacy builder switch. Our own process's
 * environment is never changed. One instance per endpoint: a multi-host
 * deploy holds one `Docker` per node.
 */
import { delimiter } from 'node:path';
import { describeCommand, execute, redact, type ExecResult } from '@switchyard/kit';

/** Which daemon a `Docker` talks to. */
export interface DockerEndpoint {
  /**
   * DOCKER_HOST for the child (`ssh://user@host:port`, `unix://…`, `tcp://…`).
   * Undefined inherits the runner's; null removes it (client-only commands
   * that must not open a connection).
   */
  host?: string | null;
  /** A directory holding an `ssh` wrapper (see setUpSsh), put first on PATH: docker's ssh transport runs `ssh` from PATH. */
  sshBin?: string;
}

export interface DockerOptions extends DockerEndpoint {
  /** The docker CLI binary (default `docker` from PATH). */
  bin?: string;
  /** Variables the CLI reads from its environment for compose interpolation (`docker stack deploy/config`); the options below win over them. */
  variables?: Record<string, string>;
  /** DOCKER_CONFIG for the child: a private config directory holding this step's credentials (see createPrivateDockerConfig). */
  config?: string;
  /** false runs the legacy builder (DOCKER_BUILDKIT=0). */
  buildkit?: boolean;
}

export interface CallOptions {
  /** Return non-zero exits instead of throwing. */
  allowFailure?: boolean;
  /** Data for stdin (passwords: never argv). */
  input?: string;
}

/** What the docker client on PATH can do; older clients (Debian's 20.10) lack some flags. */
export interface DockerFeatures {
  /** `docker stack deploy --detach` exists (client ≥ 26); without it deploy never waits anyway. */
  stackDeployDetach: boolean;
  /** `docker stack config` exists (client ≥ 25): docker's own merge, interpolation and schema check. */
  stackConfig: boolean;
}

/**
 * The environment policy, in one place: the variables a docker child gets
 * over the runner's environment (undefined = removed). Pure.
 */
export function dockerEnv(o: DockerOptions, path: string = process.env.PATH ?? ''): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...o.variables };
  if (o.host !== undefined) env.DOCKER_HOST = o.host ?? undefined;
  if (o.sshBin) env.PATH = `${o.sshBin}${delimiter}${path}`;
  if (o.config) env.DOCKER_CONFIG = o.config;
  if (o.buildkit === false) env.DOCKER_BUILDKIT = '0';
  return env;
}

/**
 * The docker CLI, run with argument arrays (never a shell); registered
 * secrets are redacted from everything printed. `run` echoes the command;
 * `query` is silent (pollers would otherwise print a line per poll). Both
 * throw ExecError on a non-zero exit unless `allowFailure`.
 */
export class Docker {
  readonly bin: string;
  readonly options: Readonly<DockerOptions>;
  private features: Promise<DockerFeatures> | undefined;

  constructor(opts: DockerOptions = {}) {
    this.bin = opts.bin ?? 'docker';
    this.options = opts;
  }

  /** The same endpoint with some options changed (a private config, the legacy builder, client-only). */
  with(opts: DockerOptions): Docker {
    return new Docker({ ...this.options, ...opts });
  }

  /** Where this instance points, for messages: the DOCKER_HOST its calls get, else the local socket. */
  describeEndpoint(): string {
    return { ...process.env, ...dockerEnv(this.options) }.DOCKER_HOST || 'the local Docker socket';
  }

  /** Runs a docker command, echoing it (secrets redacted); `stream` shows its output live. */
  run(args: readonly string[], opts: CallOptions & { stream?: boolean } = {}): Promise<ExecResult> {
    return this.exec(args, opts, false);
  }

  /** Runs a docker command silently (polls, inspections) and returns its output. */
  query(args: readonly string[], opts: CallOptions = {}): Promise<ExecResult> {
    return this.exec(args, opts, true);
  }

  private exec(args: readonly string[], opts: CallOptions & { stream?: boolean }, quiet: boolean): Promise<ExecResult> {
    return execute(this.bin, args, { ...opts, env: dockerEnv(this.options), quiet });
  }

  /** Runs a command whose stdout is one JSON document. */
  async json<T>(args: readonly string[], opts: CallOptions = {}): Promise<T> {
    const r = await this.query(args, opts);
    try {
      return JSON.parse(r.stdout) as T;
    } catch {
      throw new Error(`${describeCommand(this.bin, args)} did not print JSON: ${redact(r.stdout.slice(0, 200))}`);
    }
  }

  /** Detects the client's features from its own help text (works for every client version, no daemon needed). */
  detectFeatures(): Promise<DockerFeatures> {
    this.features ??= (async () => {
      const [stack, deploy] = await Promise.all([
        this.query(['stack', '--help'], { allowFailure: true }),
        this.query(['stack', 'deploy', '--help'], { allowFailure: true }),
      ]);
      return parseFeatures(stack.stdout + stack.stderr, deploy.stdout + deploy.stderr);
    })();
    return this.features;
  }

  /** `docker buildx version`, or undefined when buildx is not installed. */
  async buildxVersion(): Promise<string | undefined> {
    const r = await this.run(['buildx', 'version'], { allowFailure: true });
    if (r.code !== 0) return undefined;
    return r.stdout.trim().split('\n')[0] ?? 'buildx';
  }

  /** Client and server versions; also proves the daemon is reachable. */
  async version(): Promise<DockerVersion> {
    const v = await this.json<{ Client?: { Version?: string }; Server?: { Version?: string; ApiVersion?: string } | null }>([
      'version',
      '--format',
      '{{json .}}',
    ]);
    return { client: v.Client?.Version ?? 'unknown', server: v.Server?.Version ?? 'unknown', serverApi: v.Server?.ApiVersion ?? 'unknown' };
  }
}

/** Pure: reads the features from `docker stack --help` and `docker stack deploy --help`. */
export function parseFeatures(stackHelp: string, deployHelp: string): DockerFeatures {
  return {
    stackDeployDetach: /^\s*(-d, )?--detach\b/m.test(deployHelp),
    stackConfig: /^\s+config\s/m.test(stackHelp),
  };
}

/** Client and server versions, as `docker version` reports them. */
export interface DockerVersion {
  client: string;
  server: string;
  serverApi: string;
}
