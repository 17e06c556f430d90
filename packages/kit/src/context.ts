/** The parts of the GitHub run context our actions record, read from the runner's env. */
export interface RunContext {
  repository: string;
  serverUrl: string;
  sha: string;
  ref: string;
  runId: string;
  runAttempt: string;
  actor: string;
  workflow: string;
  job: string;
}

export function runContext(env: NodeJS.ProcessEnv = process.env): RunContext {
  return {
    repository: env.GITHUB_REPOSITORY ?? '',
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
    runId: env.GITHUB_RUN_ID ?? 'local',
    runAttempt: env.GITHUB_RUN_ATTEMPT ?? '1',
    actor: env.GITHUB_ACTOR ?? (env.USER || 'local'),
    workflow: env.GITHUB_WORKFLOW ?? '',
    job: env.GITHUB_JOB ?? '',
  };
}

/** Link to the current run, or '' outside Actions. */
export function runUrl(ctx: RunContext): string {
  return ctx.repository && ctx.runId !== 'local' ? `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}` : '';
}
