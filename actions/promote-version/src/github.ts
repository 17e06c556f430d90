import { ConfigurationError, errorMessage, Failure, retry, type ReleaseManifest } from '@switchyard/kit';

/** The one Octokit method we use: `request(route, params)`. Tests point it at a local fake through GITHUB_API_URL. */
export interface GitHubApi {
  request(route: string, params?: Record<string, unknown>): Promise<{ status: number; data: unknown }>;
}

/** Lazily loads @actions/github (only runs that record pay for it); honours GITHUB_API_URL. */
export async function connectGitHub(token: string): Promise<GitHubApi> {
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(token, { userAgent: 'switchyard-promote-version' });
  return { request: (route, params) => octokit.request(route, params ?? {}) as Promise<{ status: number; data: unknown }> };
}

export interface Repo {
  owner: string;
  repo: string;
}

export function repoFromEnv(env: NodeJS.ProcessEnv = process.env): Repo {
  const full = env.GITHUB_REPOSITORY ?? '';
  const [owner, repo] = full.split('/');
  if (!owner || !repo)
    throw new ConfigurationError(`GITHUB_REPOSITORY is ${JSON.stringify(full)}: cannot record deployments outside a GitHub repository context`);
  return { owner, repo };
}

interface Deployment {
  id: number;
  sha: string;
  ref: string;
  environment: string;
  payload: unknown;
  created_at?: string;
}
interface DeploymentStatus {
  id: number;
  state: string;
  description?: string | null;
  created_at?: string;
}

/** GitHub 5xx and network failures are retried briefly; 4xx are final. */
async function call<T>(api: GitHubApi, route: string, params: Record<string, unknown>): Promise<T> {
  const res = await retry(() => api.request(route, params), {
    label: route,
    timeoutMs: 60_000,
    maxAttempts: 5,
    initialMs: 300,
    retryable: (e) => {
      const status = (e as { status?: number }).status;
      return status === undefined || status >= 500 || status === 429;
    },
  }).catch((e: unknown) => {
    const status = (e as { status?: number }).status;
    if (status === 401 || status === 403 || status === 404) {
      throw new Failure(`GitHub API ${route}: HTTP ${status}: ${errorMessage(e)}`, {
        hint: 'the token needs `permissions: deployments: write` (and `contents: write` for commit-path)',
        cause: e,
      });
    }
    throw e;
  });
  return res.data as T;
}

/** The version a deployment is for: Switchyard's payload.version, if any. */
export function payloadOf(d: Pick<Deployment, 'payload'>): Record<string, unknown> {
  let p = d.payload;
  if (typeof p === 'string') {
    try {
      p = JSON.parse(p);
    } catch {
      return {};
    }
  }
  return typeof p === 'object' && p !== null ? (p as Record<string, unknown>) : {};
}

/**
 * A deployment is of `release` when its payload names the version, or (for
 * deployments not made by Switchyard, e.g. a job's `environment:`) when it
 * has no version in its payload and was made from the release's commit.
 */
export function isDeploymentOf(d: Deployment, release: ReleaseManifest): boolean {
  const version = payloadOf(d).version;
  if (typeof version === 'string') return version === release.version;
  return release.commit.length >= 7 && (d.sha === release.commit || d.ref === release.commit);
}

export interface Verification {
  verified: boolean;
  /** One line for the log / error. */
  reason: string;
  deploymentId?: number;
}

/**
 * Decides `require-verified`: reads the `from` environment's deployments
 * (newest first) of this release and their statuses. The newest one with a
 * final status decides: `success` (or `inactive` after `success`, i.e.
 * superseded by a later release) is verified; `failure`/`error` is not.
 * Deployments still in progress (promoted, not yet verified) are skipped.
 */
export async function findVerification(api: GitHubApi, repo: Repo, environment: string, release: ReleaseManifest): Promise<Verification> {
  const deployments = await call<Deployment[]>(api, 'GET /repos/{owner}/{repo}/deployments', { ...repo, environment, per_page: 100 });
  const mine = deployments.filter((d) => isDeploymentOf(d, release));
  if (mine.length === 0) return { verified: false, reason: `no deployment of version ${release.version} is recorded for ${environment}` };
  const unfinished: string[] = [];
  for (const d of mine) {
    const statuses = await call<DeploymentStatus[]>(api, 'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
      ...repo,
      deployment_id: d.id,
      per_page: 100,
    });
    const latest = statuses[0];
    if (latest?.state === 'success')
      return { verified: true, reason: `deployment ${d.id} of ${release.version} in ${environment} succeeded`, deploymentId: d.id };
    if (latest?.state === 'inactive' && statuses.some((s) => s.state === 'success'))
      return { verified: true, reason: `deployment ${d.id} of ${release.version} in ${environment} succeeded (since superseded)`, deploymentId: d.id };
    if (latest?.state === 'failure' || latest?.state === 'error')
      return {
        verified: false,
        reason: `the latest deployment of ${release.version} in ${environment} (${d.id}) ended in ${latest.state}${latest.description ? `: ${latest.description}` : ''}`,
        deploymentId: d.id,
      };
    unfinished.push(`${d.id} (${latest?.state ?? 'no status'})`);
  }
  return { verified: false, reason: `deployment(s) of ${release.version} in ${environment} never verified: ${unfinished.join(', ')}` };
}

export interface DeploymentRequest {
  environment: string;
  release: ReleaseManifest;
  /** Extra payload fields (from, mode, services, run). */
  payload: Record<string, unknown>;
  description: string;
  /** Fallback ref when the release commit is not in this repository (the workflow's GITHUB_SHA). */
  fallbackRef: string;
}

const SHA_RE = /^[0-9a-f]{7,40}$/;

/** Creates a deployment for `environment` with the version and digests in its payload. Returns its id. */
export async function createDeployment(api: GitHubApi, repo: Repo, r: DeploymentRequest, log: (l: string) => void): Promise<number> {
  const body = (ref: string) => ({
    ...repo,
    ref,
    environment: r.environment,
    task: 'deploy',
    auto_merge: false,
    required_contexts: [],
    transient_environment: false,
    description: r.description.slice(0, 140),
    payload: { version: r.release.version, commit: r.release.commit, tool: 'switchyard', ...r.payload },
  });
  const first = SHA_RE.test(r.release.commit) ? r.release.commit : r.fallbackRef;
  try {
    const d = await call<{ id?: number; message?: string }>(api, 'POST /repos/{owner}/{repo}/deployments', body(first));
    if (!d.id) throw new Failure(`GitHub did not create the deployment: ${d.message ?? 'no id returned'}`);
    return d.id;
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status === 422 && first !== r.fallbackRef && r.fallbackRef) {
      log(`the release commit ${first} is not a ref of this repository; recording the deployment at ${r.fallbackRef}`);
      const d = await call<{ id?: number }>(api, 'POST /repos/{owner}/{repo}/deployments', body(r.fallbackRef));
      if (d.id) return d.id;
    }
    throw e;
  }
}

export interface StatusRequest {
  state: 'success' | 'failure' | 'error' | 'in_progress' | 'inactive';
  description: string;
  logUrl: string;
  environmentUrl: string;
}

export async function setDeploymentStatus(api: GitHubApi, repo: Repo, id: number, s: StatusRequest): Promise<void> {
  await call(api, 'POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
    ...repo,
    deployment_id: id,
    state: s.state,
    description: s.description.slice(0, 140),
    ...(s.logUrl ? { log_url: s.logUrl } : {}),
    ...(s.environmentUrl ? { environment_url: s.environmentUrl } : {}),
  });
}

/** Checks a deployment given by id belongs to the environment (and version) being recorded. */
export async function checkDeployment(api: GitHubApi, repo: Repo, id: number, environment: string, release: ReleaseManifest): Promise<void> {
  const d = await call<Deployment>(api, 'GET /repos/{owner}/{repo}/deployments/{deployment_id}', { ...repo, deployment_id: id });
  if (d.environment !== environment) throw new Failure(`deployment ${id} is for environment ${d.environment}, not ${environment}`);
  const v = payloadOf(d).version;
  if (typeof v === 'string' && v !== release.version) throw new Failure(`deployment ${id} is of version ${v}, not ${release.version}`);
}

/** The newest deployment of this release in `environment` still waiting for its verification (latest status in_progress/queued/pending, or none). */
export async function findAwaitingDeployment(api: GitHubApi, repo: Repo, environment: string, release: ReleaseManifest): Promise<number | undefined> {
  const deployments = await call<Deployment[]>(api, 'GET /repos/{owner}/{repo}/deployments', { ...repo, environment, per_page: 100 });
  for (const d of deployments.filter((x) => typeof payloadOf(x).version === 'string' && isDeploymentOf(x, release))) {
    const statuses = await call<DeploymentStatus[]>(api, 'GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses', {
      ...repo,
      deployment_id: d.id,
      per_page: 1,
    });
    const state = statuses[0]?.state;
    if (state === undefined || state === 'in_progress' || state === 'queued' || state === 'pending') return d.id;
    return undefined;
  }
  return undefined;
}

/**
 * Commits `content` to `path` through the contents API (one commit), unless
 * the file already holds exactly that. Retries once on a concurrent update.
 * Returns the commit SHA, or undefined when unchanged.
 */
export async function commitFile(api: GitHubApi, repo: Repo, path: string, branch: string, content: string, message: string): Promise<string | undefined> {
  for (let attempt = 0; ; attempt++) {
    let sha: string | undefined;
    try {
      const existing = await api.request('GET /repos/{owner}/{repo}/contents/{path}', { ...repo, path, ...(branch ? { ref: branch } : {}) });
      const data = existing.data as { sha?: string; content?: string; encoding?: string; type?: string };
      if (data.type && data.type !== 'file') throw new ConfigurationError(`commit-path ${path} is a ${data.type} in the repository, not a file`);
      sha = data.sha;
      if (data.content !== undefined && Buffer.from(data.content, 'base64').toString('utf8') === content) return undefined;
    } catch (e) {
      if ((e as { status?: number }).status !== 404) throw e;
    }
    try {
      const res = await call<{ commit?: { sha?: string } }>(api, 'PUT /repos/{owner}/{repo}/contents/{path}', {
        ...repo,
        path,
        message,
        content: Buffer.from(content).toString('base64'),
        ...(sha ? { sha } : {}),
        ...(branch ? { branch } : {}),
      });
      return res.commit?.sha ?? '';
    } catch (e) {
      const status = (e as { status?: number }).status;
      if ((status === 409 || status === 422) && attempt < 2) continue;
      throw e;
    }
  }
}
