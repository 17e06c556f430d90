import { describeCommand, execute, redact, type ExecResult } from '@switchyard/kit';

export interface DockerOptions {
  /** The docker CLI binary (default `docker` from PATH). */
  bin?: string;
  /**
   * Environment for the CLI child process only, merged over process.env
   * (e.g. DOCKER_HOST and a PATH whose first entry is an ssh wrapper).
   * Our own process's environment is never changed.
   */
  env?: Record<string, string | undefined>;
}

export interface CallOptions {
  /** Return non-zero exits instead of throwing. */
  allowFailure?: boolean;
  /** Data for stdin. */
  input?: string;
  /** Environment for this call only, merged over the client's. */
  env?: Record<string, string | undefined>;
}

/** What the docker client on PATH can do; older clients (Debian's 20.10) lack some flags. */
export interface DockerFeatures {
  /** `docker stack deploy --detach` exists (client ≥ 26); without it deploy never waits anyway. */
  stackDeployDetach: boolean;
  /** `docker stack config` exists (client ≥ 25): docker's own merge, interpolation and schema check. */
  stackConfig: boolean;
}

/**
 * The docker CLI, run with argument arrays (never a shell). `run` echoes the
 * command and streams nothing; `query` is silent (used by pollers, which
 * would otherwise print a line per poll) and throws ExecError on failure.
 */
export class Docker {
  readonly bin: string;
  readonly env: Record<string, string | undefined>;
  private features: Promise<DockerFeatures> | undefined;

  constructor(opts: DockerOptions = {}) {
    this.bin = opts.bin ?? 'docker';
    this.env = opts.env ?? {};
  }

  /** Runs a docker command, echoing it (secrets redacted) to the log. */
  async run(args: readonly string[], opts: CallOptions & { stream?: boolean } = {}): Promise<ExecResult> {
    return this.exec(args, { ...opts, quiet: false });
  }

  /** Runs a docker command silently (polls, inspections) and returns its output. */
  query(args: readonly string[], opts: CallOptions = {}): Promise<ExecResult> {
    return this.exec(args, { ...opts, quiet: true });
  }

  private exec(args: readonly string[], opts: CallOptions & { stream?: boolean; quiet: boolean }): Promise<ExecResult> {
    return execute(this.bin, args, {
      env: { ...this.env, ...opts.env },
      quiet: opts.quiet,
      ...(opts.input === undefined ? {} : { input: opts.input }),
      ...(opts.stream ? { stream: true } : {}),
      ...(opts.allowFailure ? { allowFailure: true } : {}),
    });
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

  /** Runs a command printing one JSON document per line (`--format '{{json .}}'`). */
  async jsonLines<T>(args: readonly string[], opts: CallOptions = {}): Promise<T[]> {
    const r = await this.query(args, opts);
    return r.stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as T);
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
}

/** Pure: reads the features from `docker stack --help` and `docker stack deploy --help`. */
export function parseFeatures(stackHelp: string, deployHelp: string): DockerFeatures {
  return {
    stackDeployDetach: /^\s*(-d, )?--detach\b/m.test(deployHelp),
    stackConfig: /^\s+config\s/m.test(stackHelp),
  };
}

/** Client and server versions, as `docker version` reports them; also proves the daemon is reachable. */
export interface DockerVersion {
  client: string;
  server: string;
  serverApi: string;
}

export async function dockerVersion(docker: Docker): Promise<DockerVersion> {
  const v = await docker.json<{ Client?: { Version?: string }; Server?: { Version?: string; ApiVersion?: string } | null }>([
    'version',
    '--format',
    '{{json .}}',
  ]);
  return { client: v.Client?.Version ?? 'unknown', server: v.Server?.Version ?? 'unknown', serverApi: v.Server?.ApiVersion ?? 'unknown' };
}
