import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received, as the test asserts it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string: `/repos/o/r/deployments`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
}

export interface FakeDeployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  description: string | null;
  payload: unknown;
  created_at: string;
  statuses: { id: number; state: string; description: string; log_url?: string; environment_url?: string; created_at: string }[];
}

/**
 * A local fake of the GitHub REST endpoints promote-version uses: deployments
 * (create, list by environment, get), deployment statuses (create, list) and
 * repository contents (get, put). State lives in memory; every request is
 * recorded so tests assert exactly what was sent. Point Octokit at it with
 * GITHUB_API_URL=fake.url. `failNext(n, status)` answers the next n requests
 * with an error (to test retries).
 */
export async function startGitHubFake(opts: { owner?: string; repo?: string } = {}) {
  const owner = opts.owner ?? 'switchyard';
  const repo = opts.repo ?? 'example';
  const requests: RecordedRequest[] = [];
  const deployments: FakeDeployment[] = [];
  const files = new Map<string, { content: string; sha: string }>();
  const commits: { path: string; message: string; branch: string | undefined; content: string }[] = [];
  let nextId = 100;
  let failures: { n: number; status: number } = { n: 0, status: 502 };
  let clock = Date.parse('2026-11-26T00:00:00Z');
  const now = () => new Date((clock += 1000)).toISOString();
  /** Refs that exist in the fake repository (others get 422 on deployment creation), or undefined for any. */
  let knownRefs: Set<string> | undefined;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
      requests.push({
        method: req.method ?? '',
        path: decodeURIComponent(url.pathname),
        query: Object.fromEntries(url.searchParams),
        body,
        authorization: req.headers.authorization,
      });
      const send = (status: number, data: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(data));
      };
      if (failures.n > 0) {
        failures.n--;
        return send(failures.status, { message: 'injected failure' });
      }
      const base = `/repos/${owner}/${repo}`;
      const p = url.pathname;
      if (!p.startsWith(base)) return send(404, { message: 'Not Found' });
      const rest = p.slice(base.length);
      let m: RegExpExecArray | null;
      if (rest === '/deployments' && req.method === 'POST') {
        const b = body as { ref: string; environment: string; payload: unknown; description?: string; task?: string };
        if (knownRefs && !knownRefs.has(b.ref)) return send(422, { message: `No ref found for: ${b.ref}` });
        const d: FakeDeployment = {
          id: nextId++,
          sha: b.ref,
          ref: b.ref,
          task: b.task ?? 'deploy',
          environment: b.environment,
          description: b.description ?? null,
          payload: b.payload ?? {},
          created_at: now(),
          statuses: [],
        };
        deployments.push(d);
        return send(201, view(d));
      }
      if (rest === '/deployments' && req.method === 'GET') {
        const list = deployments
          .filter((d) => !url.searchParams.get('environment') || d.environment === url.searchParams.get('environment'))
          .filter((d) => !url.searchParams.get('sha') || d.sha === url.searchParams.get('sha'))
          .slice()
          .reverse();
        return send(200, list.slice(0, Number(url.searchParams.get('per_page') ?? 30)).map(view));
      }
      if ((m = /^\/deployments\/(\d+)$/.exec(rest)) && req.method === 'GET') {
        const d = deployments.find((x) => x.id === Number(m![1]));
        return d ? send(200, view(d)) : send(404, { message: 'Not Found' });
      }
      if ((m = /^\/deployments\/(\d+)\/statuses$/.exec(rest))) {
        const d = deployments.find((x) => x.id === Number(m![1]));
        if (!d) return send(404, { message: 'Not Found' });
        if (req.method === 'POST') {
          const b = body as { state: string; description?: string; log_url?: string; environment_url?: string };
          const s = {
            id: nextId++,
            state: b.state,
            description: b.description ?? '',
            ...(b.log_url ? { log_url: b.log_url } : {}),
            ...(b.environment_url ? { environment_url: b.environment_url } : {}),
            created_at: now(),
          };
          if (b.state === 'success') {
            // GitHub's auto_inactive: earlier successful deployments of the environment become inactive.
            for (const o of deployments)
              if (o !== d && o.environment === d.environment && o.statuses.at(-1)?.state === 'success')
                o.statuses.push({ id: nextId++, state: 'inactive', description: '', created_at: now() });
          }
          d.statuses.push(s);
          return send(201, s);
        }
        return send(
          200,
          d.statuses
            .slice()
            .reverse()
            .slice(0, Number(url.searchParams.get('per_page') ?? 30)),
        );
      }
      if ((m = /^\/contents\/(.+)$/.exec(rest))) {
        const path = decodeURIComponent(m[1]!);
        const f = files.get(path);
        if (req.method === 'GET')
          return f
            ? send(200, { type: 'file', path, sha: f.sha, encoding: 'base64', content: Buffer.from(f.content).toString('base64') })
            : send(404, { message: 'Not Found' });
        if (req.method === 'PUT') {
          const b = body as { message: string; content: string; sha?: string; branch?: string };
          if (f && b.sha !== f.sha) return send(409, { message: `${path} does not match ${b.sha ?? '(none)'}` });
          if (!f && b.sha) return send(422, { message: 'sha given for a new file' });
          const content = Buffer.from(b.content, 'base64').toString('utf8');
          const sha = `blob${nextId++}`;
          files.set(path, { content, sha });
          commits.push({ path, message: b.message, branch: b.branch, content });
          return send(f ? 200 : 201, { content: { path, sha }, commit: { sha: `commit${nextId++}`, message: b.message } });
        }
      }
      return send(404, { message: `Not Found: ${req.method} ${p}` });
    });
  });
  const view = (d: FakeDeployment) => {
    const { statuses: _statuses, ...rest } = d;
    return rest;
  };
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    repository: `${owner}/${repo}`,
    requests,
    deployments,
    files,
    commits,
    /** Requests without the bookkeeping, as `METHOD path` lines. */
    lines: () => requests.map((r) => `${r.method} ${r.path}`),
    failNext: (n: number, status = 502) => {
      failures = { n, status };
    },
    setKnownRefs: (refs: string[] | undefined) => {
      knownRefs = refs ? new Set(refs) : undefined;
    },
    /** Seeds a deployment with statuses (oldest first), as another workflow would have recorded it. */
    seed: (d: { environment: string; ref: string; payload: unknown; states: string[] }) => {
      const dep: FakeDeployment = {
        id: nextId++,
        sha: d.ref,
        ref: d.ref,
        task: 'deploy',
        environment: d.environment,
        description: null,
        payload: d.payload,
        created_at: now(),
        statuses: [],
      };
      for (const state of d.states) dep.statuses.push({ id: nextId++, state, description: state, created_at: now() });
      deployments.push(dep);
      return dep.id;
    },
    reset: () => {
      requests.length = 0;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type GitHubFake = Awaited<ReturnType<typeof startGitHubFake>>;
