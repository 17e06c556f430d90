// The one local stand-in for the GitHub REST endpoints our actions call: deployments (create,
// list, get), deployment statuses (create, list; a success makes earlier successful deployments
// of the environment inactive, as GitHub's auto_inactive does) and repository contents (get, put).
// It is stateful — in memory, and in a JSON file when `file` is given, so the local pipeline's
// promote-version sees what earlier runs recorded — and it records every request, so tests assert
// exactly what was sent. Any other endpoint answers 501 with a message naming it, and is logged:
// nothing is silently faked.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';

/** One request the stand-in received, as a test asserts it. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string: `/repos/o/r/deployments`. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
  /** The status it was answered with. */
  status: number;
}

export interface FakeStatus {
  id: number;
  state: string;
  description: string;
  environment?: string;
  log_url?: string;
  environment_url?: string;
  created_at: string;
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
  statuses: FakeStatus[];
}

/** One repository's state. The arrays are live: tests may read and edit them. */
export interface FakeRepository {
  deployments: FakeDeployment[];
  /** Contents by path (UTF-8 text). */
  files: Record<string, { content: string; sha: string }>;
  /** Every contents PUT, in order. */
  commits: { path: string; message: string; branch: string | undefined; content: string }[];
}

interface State {
  nextId: number;
  repos: Record<string, FakeRepository>;
}

export interface GitHubApiOptions {
  /** Keep the state in this JSON file (loaded at start, written after every change). */
  file?: string;
  /** Serve only these `owner/repo` names (others: 404); default: any repository. */
  repositories?: string[];
  /** Where unimplemented requests are reported. */
  log?: (line: string) => void;
  /** Timestamps (default: the wall clock). */
  now?: () => string;
}

const STATES = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'];

export async function startGitHubApi(opts: GitHubApiOptions = {}) {
  const log = opts.log ?? (() => {});
  const now = opts.now ?? (() => new Date().toISOString());
  let state: State = { nextId: 100, repos: {} };
  if (opts.file && existsSync(opts.file)) {
    const saved = JSON.parse(readFileSync(opts.file, 'utf8')) as Partial<State>;
    if (saved.repos && typeof saved.nextId === 'number') state = saved as State;
    else log(`local GitHub API: ${opts.file} is in an older format; starting with no deployments`);
  }
  const save = () => {
    if (!opts.file) return;
    mkdirSync(dirname(opts.file), { recursive: true });
    writeFileSync(opts.file, JSON.stringify(state, null, 2));
  };
  const repo = (name: string): FakeRepository => (state.repos[name] ??= { deployments: [], files: {}, commits: [] });
  const requests: RecordedRequest[] = [];
  let failures = { n: 0, status: 502 };
  let knownRefs: Set<string> | undefined;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://local');
      const raw = Buffer.concat(chunks).toString('utf8');
      const rec: RecordedRequest = {
        method: req.method ?? '',
        path: decodeURIComponent(url.pathname),
        query: Object.fromEntries(url.searchParams),
        body: undefined,
        authorization: req.headers.authorization,
        status: 0,
      };
      requests.push(rec);
      const send = (status: number, data: unknown) => {
        rec.status = status;
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(data));
      };
      try {
        rec.body = raw ? (JSON.parse(raw) as unknown) : undefined;
      } catch {
        return send(400, { message: 'Problems parsing JSON' });
      }
      if (failures.n > 0) {
        failures.n--;
        return send(failures.status, { message: 'injected failure' });
      }
      const m = /^\/repos\/([^/]+)\/([^/]+)\/(deployments|contents)(?:\/(.*))?$/.exec(url.pathname);
      const unimplemented = () => {
        log(`local GitHub API: ${req.method} ${url.pathname} is not implemented by the local stand-in`);
        return send(501, {
          message: `${req.method} ${url.pathname} is not implemented by the local GitHub API stand-in (packages/local-pipeline/src/github-api.ts)`,
        });
      };
      if (!m) return unimplemented();
      const name = `${m[1]}/${m[2]}`;
      if (opts.repositories && !opts.repositories.includes(name)) return send(404, { message: 'Not Found' });
      const r = repo(name);
      const rest = m[4] ?? '';
      const input = (rec.body ?? {}) as Record<string, unknown>;
      const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
      const view = (d: FakeDeployment) => {
        const { statuses: _statuses, ...pub } = d;
        return { ...pub, url: `${url.origin}/repos/${name}/deployments/${d.id}` };
      };
      const page = <T>(list: T[]) => {
        const per = Number(url.searchParams.get('per_page') ?? 30);
        const p = Number(url.searchParams.get('page') ?? 1);
        return list.slice((p - 1) * per, p * per);
      };

      if (m[3] === 'deployments') {
        if (rest === '' && req.method === 'GET') {
          const q = url.searchParams;
          const found = r.deployments.filter((d) => (['environment', 'sha', 'ref', 'task'] as const).every((k) => !q.get(k) || d[k] === q.get(k))).reverse();
          return send(200, page(found).map(view));
        }
        if (rest === '' && req.method === 'POST') {
          const ref = str(input.ref);
          if (!ref) return send(422, { message: 'ref is required' });
          if (knownRefs && !knownRefs.has(ref)) return send(422, { message: `No ref found for: ${ref}` });
          const d: FakeDeployment = {
            id: state.nextId++,
            sha: ref,
            ref,
            task: str(input.task) ?? 'deploy',
            environment: str(input.environment) ?? 'production',
            description: str(input.description) ?? null,
            payload: input.payload ?? {},
            created_at: now(),
            statuses: [],
          };
          r.deployments.push(d);
          save();
          return send(201, view(d));
        }
        const dm = /^(\d+)(\/statuses)?$/.exec(rest);
        if (!dm) return unimplemented();
        const d = r.deployments.find((x) => x.id === Number(dm[1]));
        if (!d) return send(404, { message: 'Not Found' });
        if (req.method === 'GET') return dm[2] ? send(200, page([...d.statuses].reverse())) : send(200, view(d));
        if (req.method === 'POST' && dm[2]) {
          const s: FakeStatus = {
            id: state.nextId++,
            state: String(input.state ?? ''),
            description: str(input.description) ?? '',
            ...(str(input.environment) ? { environment: str(input.environment) } : {}),
            ...(str(input.log_url) ? { log_url: str(input.log_url) } : {}),
            ...(str(input.environment_url) ? { environment_url: str(input.environment_url) } : {}),
            created_at: now(),
          };
          if (!STATES.includes(s.state)) return send(422, { message: `invalid state '${s.state}'` });
          if (s.state === 'success' && input.auto_inactive !== false)
            for (const o of r.deployments)
              if (o !== d && o.environment === d.environment && o.statuses.at(-1)?.state === 'success')
                o.statuses.push({ id: state.nextId++, state: 'inactive', description: '', created_at: now() });
          d.statuses.push(s);
          save();
          return send(201, s);
        }
        return unimplemented();
      }

      const path = decodeURIComponent(rest);
      const cur = r.files[path];
      if (req.method === 'GET')
        return cur
          ? send(200, { type: 'file', path, sha: cur.sha, encoding: 'base64', content: Buffer.from(cur.content).toString('base64') })
          : send(404, { message: 'Not Found' });
      if (req.method === 'PUT') {
        const sha = str(input.sha);
        if (cur && sha !== cur.sha) return send(409, { message: `${path} does not match ${sha ?? '(none)'}` });
        if (!cur && sha) return send(422, { message: 'sha given for a new file' });
        const content = Buffer.from(str(input.content) ?? '', 'base64').toString('utf8');
        const blob = `blob${state.nextId++}`;
        r.files[path] = { content, sha: blob };
        r.commits.push({ path, message: str(input.message) ?? '', branch: str(input.branch), content });
        save();
        return send(cur ? 200 : 201, { content: { path, sha: blob }, commit: { sha: `commit${state.nextId++}`, message: input.message } });
      }
      return unimplemented();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    /** Every request, in order, with the status it got. */
    requests,
    /** Requests as `METHOD path` lines. */
    lines: () => requests.map((q) => `${q.method} ${q.path}`),
    /** Requests no endpoint of the stand-in answered (501). */
    unimplemented: () => requests.filter((q) => q.status === 501).map((q) => `${q.method} ${q.path}`),
    /** A repository's live state. */
    repo,
    /** Answers the next n requests with an error status (to test retries). */
    failNext: (n: number, status = 502) => {
      failures = { n, status };
    },
    /** Refs that exist (others get 422 on deployment creation); undefined: any. */
    setKnownRefs: (refs: string[] | undefined) => {
      knownRefs = refs ? new Set(refs) : undefined;
    },
    /** Seeds a deployment with statuses (oldest first), as another workflow would have recorded it. */
    seed: (repository: string, d: { environment: string; ref: string; payload: unknown; states: string[] }) => {
      const dep: FakeDeployment = {
        id: state.nextId++,
        sha: d.ref,
        ref: d.ref,
        task: 'deploy',
        environment: d.environment,
        description: null,
        payload: d.payload,
        created_at: now(),
        statuses: [],
      };
      for (const s of d.states) dep.statuses.push({ id: state.nextId++, state: s, description: s, created_at: now() });
      repo(repository).deployments.push(dep);
      save();
      return dep.id;
    },
    /** Forgets the recorded requests (the state stays). */
    reset: () => {
      requests.length = 0;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type LocalGitHubApi = Awaited<ReturnType<typeof startGitHubApi>>;
