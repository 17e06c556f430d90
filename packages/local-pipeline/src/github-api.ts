// A local stand-in for the few GitHub REST endpoints our actions call
// (deployments, deployment statuses, repository contents), so promote-version
// records and checks "verified upstream" across local runs exactly as it would
// on GitHub. State persists in one JSON file. Any other endpoint answers 501
// with a message naming it, and is printed: nothing is silently faked.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';

interface Deployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  description: string | null;
  payload: unknown;
  creator: { login: string };
  created_at: string;
  updated_at: string;
  statuses: Status[];
}
interface Status {
  id: number;
  state: string;
  description: string;
  environment: string;
  environment_url: string;
  log_url: string;
  created_at: string;
}
interface State {
  nextId: number;
  deployments: Record<string, Deployment[]>;
  contents: Record<string, { content: string; sha: string; message: string }>;
}

export interface LocalGitHubApi {
  url: string;
  /** Every request, e.g. `POST /repos/acme/shop/deployments 201`. */
  requests: string[];
  close(): Promise<void>;
}

export async function startGitHubApi(file: string, log: (line: string) => void = () => {}): Promise<LocalGitHubApi> {
  const load = (): State => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as State) : { nextId: 1, deployments: {}, contents: {} });
  const save = (s: State) => {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(s, null, 2));
  };
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://local');
      const send = (status: number, data: unknown) => {
        requests.push(`${req.method} ${url.pathname} ${status}`);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(data));
      };
      let input: Record<string, unknown>;
      try {
        input = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      } catch {
        return send(400, { message: 'Problems parsing JSON' });
      }
      const s = load();
      const now = new Date().toISOString();
      const m = /^\/repos\/([^/]+)\/([^/]+)\/(deployments|contents)(?:\/(.*))?$/.exec(url.pathname);
      if (!m) {
        log(`local GitHub API: ${req.method} ${url.pathname} is not implemented by the local stand-in`);
        return send(501, {
          message: `${req.method} ${url.pathname} is not implemented by the local GitHub API stand-in (packages/local-pipeline/src/github-api.ts)`,
        });
      }
      const repo = `${m[1]}/${m[2]}`;
      const list = (s.deployments[repo] ??= []);
      const rest = m[4] ?? '';
      const view = (d: Deployment) => {
        const { statuses: _statuses, ...pub } = d;
        return { ...pub, url: `${url.origin}/repos/${repo}/deployments/${d.id}` };
      };
      if (m[3] === 'deployments') {
        if (req.method === 'GET' && rest === '') {
          const q = url.searchParams;
          const found = list
            .filter(
              (d) =>
                (!q.get('environment') || d.environment === q.get('environment')) &&
                (!q.get('sha') || d.sha === q.get('sha')) &&
                (!q.get('ref') || d.ref === q.get('ref')) &&
                (!q.get('task') || d.task === q.get('task')),
            )
            .sort((a, b) => b.id - a.id);
          const per = Number(q.get('per_page') ?? 30);
          const page = Number(q.get('page') ?? 1);
          return send(200, found.slice((page - 1) * per, page * per).map(view));
        }
        if (req.method === 'POST' && rest === '') {
          if (typeof input.ref !== 'string' || !input.ref) return send(422, { message: 'ref is required' });
          const d: Deployment = {
            id: s.nextId++,
            sha: typeof input.sha === 'string' ? input.sha : /^[0-9a-f]{40}$/.test(input.ref) ? input.ref : '0'.repeat(40),
            ref: input.ref,
            task: typeof input.task === 'string' ? input.task : 'deploy',
            environment: typeof input.environment === 'string' ? input.environment : 'production',
            description: typeof input.description === 'string' ? input.description : null,
            payload: input.payload ?? {},
            creator: { login: 'local' },
            created_at: now,
            updated_at: now,
            statuses: [],
          };
          list.push(d);
          save(s);
          return send(201, view(d));
        }
        const dm = /^(\d+)(\/statuses)?$/.exec(rest);
        const d = dm ? list.find((x) => x.id === Number(dm[1])) : undefined;
        if (dm && !d) return send(404, { message: 'Not Found' });
        if (d && req.method === 'GET' && !dm![2]) return send(200, view(d));
        if (d && req.method === 'GET' && dm![2]) return send(200, [...d.statuses].reverse().slice(0, Number(url.searchParams.get('per_page') ?? 30)));
        if (d && req.method === 'POST' && dm![2]) {
          const st: Status = {
            id: s.nextId++,
            state: String(input.state ?? ''),
            description: String(input.description ?? ''),
            environment: String(input.environment ?? d.environment),
            environment_url: String(input.environment_url ?? ''),
            log_url: String(input.log_url ?? ''),
            created_at: now,
          };
          if (!['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'].includes(st.state))
            return send(422, { message: `invalid state '${st.state}'` });
          d.statuses.push(st);
          d.updated_at = now;
          save(s);
          return send(201, st);
        }
      } else {
        const key = `${repo}:${decodeURIComponent(rest)}`;
        const cur = s.contents[key];
        if (req.method === 'GET')
          return cur ? send(200, { type: 'file', path: rest, sha: cur.sha, content: cur.content, encoding: 'base64' }) : send(404, { message: 'Not Found' });
        if (req.method === 'PUT') {
          if (cur && input.sha !== cur.sha) return send(409, { message: `${rest} does not match ${String(input.sha)}` });
          const sha = `${s.nextId++}`.padStart(40, '0');
          s.contents[key] = { content: String(input.content ?? ''), sha, message: String(input.message ?? '') };
          save(s);
          return send(cur ? 200 : 201, { content: { path: rest, sha }, commit: { sha, message: input.message } });
        }
      }
      log(`local GitHub API: ${req.method} ${url.pathname} is not implemented by the local stand-in`);
      return send(501, { message: `${req.method} ${url.pathname} is not implemented by the local GitHub API stand-in` });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
