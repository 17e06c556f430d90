// GitHub records through the real @actions/github Octokit pointed at a local
// fake (GITHUB_API_URL), asserting the exact requests.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { ReleaseManifest } from '@switchyard/kit';
import {
  commitFile,
  connectGitHub,
  createDeployment,
  findAwaitingDeployment,
  findVerification,
  isDeploymentOf,
  type GitHubApi,
} from '../../actions/promote-version/src/github';
import { startGitHubFake, type GitHubFake } from '../support/github-fake';

const D = `sha256:${'d'.repeat(64)}`;
const commit = '1234567890abcdef1234567890abcdef12345678';
const release: ReleaseManifest = {
  schemaVersion: 1,
  version: '1.4.0',
  commit,
  created: '2026-11-26T00:00:00Z',
  services: { cart: { image: 'r.io/cart', digest: D } },
};
const repo = { owner: 'switchyard', repo: 'example' };
const GH = '/repos/switchyard/example';

let gh: GitHubFake;
let api: GitHubApi;
beforeAll(async () => {
  gh = await startGitHubFake();
  process.env.GITHUB_API_URL = gh.url;
  api = await connectGitHub('test-token');
});
afterAll(async () => {
  delete process.env.GITHUB_API_URL;
  await gh.close();
});
beforeEach(() => {
  gh.deployments.length = 0;
  gh.reset();
});

describe('findVerification', () => {
  it('is verified by a successful deployment of the version', async () => {
    const id = gh.seed({ environment: 'qa', ref: commit, payload: { version: '1.4.0' }, states: ['in_progress', 'success'] });
    gh.reset();
    expect(await findVerification(api, repo, 'qa', release)).toEqual({ verified: true, reason: `deployment ${id} of 1.4.0 in qa succeeded`, deploymentId: id });
    expect(gh.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', `${GH}/deployments`, { environment: 'qa', per_page: '100' }],
      ['GET', `${GH}/deployments/${id}/statuses`, { per_page: '100' }],
    ]);
  });

  it('accepts a success since superseded (inactive), skips unfinished ones, and stops at a failure', async () => {
    const old = gh.seed({ environment: 'qa', ref: commit, payload: { version: '1.4.0' }, states: ['success', 'inactive'] });
    gh.seed({ environment: 'qa', ref: commit, payload: { version: '1.4.0' }, states: ['in_progress'] });
    expect(await findVerification(api, repo, 'qa', release)).toMatchObject({
      verified: true,
      deploymentId: old,
      reason: expect.stringContaining('since superseded'),
    });
    const failed = gh.seed({ environment: 'qa', ref: commit, payload: { version: '1.4.0' }, states: ['failure'] });
    expect(await findVerification(api, repo, 'qa', release)).toEqual({
      verified: false,
      deploymentId: failed,
      reason: `the latest deployment of 1.4.0 in qa (${failed}) ended in failure: failure`,
    });
  });

  it('is not verified without a deployment of this version', async () => {
    gh.seed({ environment: 'qa', ref: commit, payload: { version: '1.3.9' }, states: ['success'] });
    gh.seed({ environment: 'uat', ref: commit, payload: { version: '1.4.0' }, states: ['success'] });
    expect(await findVerification(api, repo, 'qa', release)).toEqual({ verified: false, reason: 'no deployment of version 1.4.0 is recorded for qa' });
  });

  it('counts a deployment made by a job environment (no payload) from the release commit', async () => {
    const id = gh.seed({ environment: 'qa', ref: commit, payload: '', states: ['success'] });
    expect(await findVerification(api, repo, 'qa', release)).toMatchObject({ verified: true, deploymentId: id });
  });

  it('retries GitHub 5xx', async () => {
    gh.seed({ environment: 'qa', ref: commit, payload: { version: '1.4.0' }, states: ['success'] });
    gh.reset();
    gh.failNext(1, 502);
    expect((await findVerification(api, repo, 'qa', release)).verified).toBe(true);
    expect(gh.lines()[0]).toBe(`GET ${GH}/deployments`);
    expect(gh.lines()[1]).toBe(`GET ${GH}/deployments`);
  });
});

describe('deployments', () => {
  it('falls back to the workflow commit when the release commit is not a ref here', async () => {
    gh.setKnownRefs(['f'.repeat(40)]);
    const lines: string[] = [];
    try {
      const id = await createDeployment(
        api,
        repo,
        { environment: 'uat', release, payload: { from: 'qa' }, description: 'promote 1.4.0 from qa', fallbackRef: 'f'.repeat(40) },
        (l) => lines.push(l),
      );
      expect(gh.deployments.find((d) => d.id === id)!.ref).toBe('f'.repeat(40));
      expect(gh.requests.map((r) => (r.body as { ref: string }).ref)).toEqual([commit, 'f'.repeat(40)]);
      expect(lines[0]).toContain('is not a ref of this repository');
    } finally {
      gh.setKnownRefs(undefined);
    }
  });

  it('finds the deployment awaiting verification, and none once it is final', async () => {
    const id = gh.seed({ environment: 'uat', ref: commit, payload: { version: '1.4.0' }, states: ['in_progress'] });
    expect(await findAwaitingDeployment(api, repo, 'uat', release)).toBe(id);
    gh.deployments.at(-1)!.statuses.push({ id: 1, state: 'success', description: '', created_at: '' });
    expect(await findAwaitingDeployment(api, repo, 'uat', release)).toBeUndefined();
  });

  it('matches deployments by payload version before commit', () => {
    expect(isDeploymentOf({ id: 1, sha: commit, ref: commit, environment: 'qa', payload: { version: '1.3.9' } }, release)).toBe(false);
    expect(isDeploymentOf({ id: 1, sha: 'x', ref: 'main', environment: 'qa', payload: '{"version":"1.4.0"}' }, release)).toBe(true);
    expect(isDeploymentOf({ id: 1, sha: commit, ref: 'main', environment: 'qa', payload: {} }, release)).toBe(true);
  });
});

describe('commitFile', () => {
  it('creates, updates with the current sha, and skips identical content', async () => {
    expect(await commitFile(api, repo, 'environments/uat.json', '', '{"a":1}\n', 'm1')).toMatch(/^commit/);
    expect(await commitFile(api, repo, 'environments/uat.json', 'main', '{"a":2}\n', 'm2')).toMatch(/^commit/);
    expect(await commitFile(api, repo, 'environments/uat.json', '', '{"a":2}\n', 'm3')).toBeUndefined();
    expect(gh.commits.map((c) => [c.message, c.branch, c.content])).toEqual([
      ['m1', undefined, '{"a":1}\n'],
      ['m2', 'main', '{"a":2}\n'],
    ]);
    const puts = gh.requests.filter((r) => r.method === 'PUT');
    expect((puts[1]!.body as { sha: string }).sha).toMatch(/^blob/);
    expect(gh.requests.filter((r) => r.method === 'GET').map((r) => r.query)).toEqual([{}, { ref: 'main' }, {}]);
  });
});
