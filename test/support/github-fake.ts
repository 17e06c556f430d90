// The GitHub REST stand-in for one repository, as promote-version's tests use it: the same
// stateful fake the local pipeline serves (packages/local-pipeline/src/github-api.ts), kept in
// memory, on a clock that ticks one second per timestamp, with the repository's live state
// (deployments, files, commits) and every request recorded for assertions. Point Octokit at it
// with GITHUB_API_URL=fake.url; `failNext(n, status)` answers the next n requests with an error.
import { type FakeDeployment, type RecordedRequest, startGitHubApi } from '../../packages/local-pipeline/src/github-api';

export type { FakeDeployment, RecordedRequest };

export async function startGitHubFake(opts: { owner?: string; repo?: string } = {}) {
  const repository = `${opts.owner ?? 'switchyard'}/${opts.repo ?? 'example'}`;
  let clock = Date.parse('2026-11-26T00:00:00Z');
  const api = await startGitHubApi({ repositories: [repository], now: () => new Date((clock += 1000)).toISOString() });
  const state = api.repo(repository);
  return {
    ...api,
    repository,
    deployments: state.deployments,
    commits: state.commits,
    files: state.files,
    seed: (d: { environment: string; ref: string; payload: unknown; states: string[] }) => api.seed(repository, d),
  };
}

export type GitHubFake = Awaited<ReturnType<typeof startGitHubFake>>;
