// The local GitHub API stand-in that promote-version records deployments in (the pipeline's, with a state file).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { startGitHubApi } from '../../packages/local-pipeline/src/github-api';

const dir = mkdtempSync(join(tmpdir(), 'pipeline-gh-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const call = async (base: string, method: string, path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, { method, headers: { 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: res.status, data: (await res.json()) as Record<string, unknown> & Array<Record<string, unknown>> };
};

describe('local GitHub API stand-in', () => {
  it('records deployments and statuses, filters and orders them newest first, and persists across restarts', async () => {
    const file = join(dir, 'api.json');
    let api = await startGitHubApi({ file });
    const a = await call(api.url, 'POST', '/repos/acme/shop/deployments', {
      ref: 'main',
      sha: 'a'.repeat(40),
      environment: 'qa',
      payload: { version: '1.0.0' },
    });
    expect(a.status).toBe(201);
    const b = await call(api.url, 'POST', '/repos/acme/shop/deployments', { ref: 'main', environment: 'uat', payload: { version: '1.0.0' } });
    expect((await call(api.url, 'POST', `/repos/acme/shop/deployments/${a.data.id}/statuses`, { state: 'success', environment_url: 'http://qa' })).status).toBe(
      201,
    );
    expect((await call(api.url, 'POST', `/repos/acme/shop/deployments/${a.data.id}/statuses`, { state: 'nonsense' })).status).toBe(422);
    await api.close();

    api = await startGitHubApi({ file });
    const qa = await call(api.url, 'GET', '/repos/acme/shop/deployments?environment=qa&per_page=100');
    expect(qa.data.map((d) => [d.id, d.environment, (d.payload as { version: string }).version])).toEqual([[a.data.id, 'qa', '1.0.0']]);
    const all = await call(api.url, 'GET', '/repos/acme/shop/deployments');
    expect(all.data.map((d) => d.id)).toEqual([b.data.id, a.data.id]);
    const statuses = await call(api.url, 'GET', `/repos/acme/shop/deployments/${a.data.id}/statuses?per_page=1`);
    expect(statuses.data.map((s) => s.state)).toEqual(['success']);
    expect((await call(api.url, 'GET', '/repos/acme/shop/deployments/999')).status).toBe(404);
    expect(api.requests.map((q) => `${q.method} ${q.path} ${q.status}`)).toContain('GET /repos/acme/shop/deployments 200');
    // GitHub's auto_inactive: a newer success in the environment makes the older one inactive
    const c = await call(api.url, 'POST', '/repos/acme/shop/deployments', { ref: 'main', environment: 'qa', payload: {} });
    await call(api.url, 'POST', `/repos/acme/shop/deployments/${c.data.id}/statuses`, { state: 'success' });
    const older = await call(api.url, 'GET', `/repos/acme/shop/deployments/${a.data.id}/statuses`);
    expect(older.data.map((s) => s.state)).toEqual(['inactive', 'success']);
    await api.close();
  });

  it('answers 501 naming any endpoint it does not implement', async () => {
    const seen: string[] = [];
    const api = await startGitHubApi({ file: join(dir, 'other.json'), log: (l) => seen.push(l) });
    const r = await call(api.url, 'GET', '/repos/acme/shop/pulls');
    expect(r.status).toBe(501);
    expect(r.data.message).toBe('GET /repos/acme/shop/pulls is not implemented by the local GitHub API stand-in (packages/local-pipeline/src/github-api.ts)');
    expect(seen).toEqual(['local GitHub API: GET /repos/acme/shop/pulls is not implemented by the local stand-in']);
    expect(api.unimplemented()).toEqual(['GET /repos/acme/shop/pulls']);
    await api.close();
  });

  it('stores contents with optimistic concurrency on the blob sha', async () => {
    const api = await startGitHubApi({ file: join(dir, 'contents.json') });
    const put = await call(api.url, 'PUT', '/repos/acme/shop/contents/environments/uat.json', {
      message: 'promote',
      content: Buffer.from('{}').toString('base64'),
    });
    expect(put.status).toBe(201);
    const got = await call(api.url, 'GET', '/repos/acme/shop/contents/environments/uat.json');
    expect(Buffer.from(String(got.data.content), 'base64').toString()).toBe('{}');
    expect((await call(api.url, 'PUT', '/repos/acme/shop/contents/environments/uat.json', { message: 'x', content: '', sha: 'stale' })).status).toBe(409);
    expect((await call(api.url, 'PUT', '/repos/acme/shop/contents/environments/uat.json', { message: 'x', content: '', sha: got.data.sha })).status).toBe(200);
    await api.close();
  });
});
