import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

export interface RegistryFakeOptions {
  /** `none` (default), `basic` (realm) or `bearer` (a token service at /token on the same server). */
  auth?: 'none' | 'basic' | 'bearer';
  username?: string;
  password?: string;
  /** Serve blob GETs through a 307 redirect to /storage/<digest> (as S3-backed registries do). */
  redirectBlobs?: boolean;
}

/**
 * An in-memory registry v2 for the client's protocol tests: manifests by tag
 * and digest, blobs, uploads (POST / PATCH / PUT, cross-repository mount),
 * Basic or Bearer auth with a token service that grants the scopes it is
 * asked for. Every request is recorded; `fail(match, n, status)` injects
 * errors; `tamper` corrupts what a GET returns.
 */
export async function startRegistryFake(opts: RegistryFakeOptions = {}) {
  const manifests = new Map<string, { body: Buffer; mediaType: string }>(); // repo@digest
  const tags = new Map<string, string>(); // repo:tag → digest
  const blobs = new Map<string, Buffer>(); // repo@digest
  const uploads = new Map<string, { repo: string; parts: Buffer[] }>();
  const requests: { method: string; url: string; authorization: string | undefined; headers: http.IncomingHttpHeaders }[] = [];
  const injected: { match: RegExp; n: number; status: number }[] = [];
  const tokens = new Map<string, string[]>(); // token → scopes
  const tamper = { manifestBody: false, digestHeader: false, schema1: false };
  let tokenCount = 0;
  let uploadCount = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://fake');
      requests.push({ method: req.method ?? '', url: url.pathname + url.search, authorization: req.headers.authorization, headers: req.headers });
      const send = (status: number, headers: Record<string, string | number> = {}, data?: Buffer | string) => {
        res.writeHead(status, headers);
        res.end(req.method === 'HEAD' ? undefined : data);
      };
      const error = (status: number, code: string, message: string, extra: Record<string, string> = {}) =>
        send(status, { 'content-type': 'application/json', ...extra }, JSON.stringify({ errors: [{ code, message }] }));
      for (const inj of injected) {
        if (inj.n > 0 && inj.match.test(`${req.method} ${url.pathname}`)) {
          inj.n--;
          return error(inj.status, 'UNAVAILABLE', 'injected');
        }
      }
      const base = `http://${req.headers.host}`;
      // Token service.
      if (url.pathname === '/token') {
        const basic = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
        if (req.headers.authorization && req.headers.authorization !== basic) return error(401, 'UNAUTHORIZED', 'bad credentials');
        const scopes = url.searchParams.getAll('scope');
        const token = `tok-${++tokenCount}`;
        tokens.set(token, req.headers.authorization ? scopes : scopes.map((s) => s.replace(/:pull,push$/, ':pull')));
        return send(200, { 'content-type': 'application/json' }, JSON.stringify({ token, expires_in: 300 }));
      }
      if (url.pathname.startsWith('/storage/')) {
        const key = decodeURIComponent(url.pathname.slice('/storage/'.length));
        const b = blobs.get(key);
        return b ? send(200, { 'content-length': b.length }, b) : error(404, 'BLOB_UNKNOWN', 'no');
      }
      if (!url.pathname.startsWith('/v2/')) return error(404, 'NOT_FOUND', 'no');
      // Auth.
      const path = url.pathname.slice(4);
      const m = /^(.+)\/(manifests|blobs|tags)\/(.*)$/.exec(path);
      const repo = m?.[1] ?? '';
      const write = !['GET', 'HEAD'].includes(req.method ?? '');
      if (opts.auth === 'basic') {
        const ok = req.headers.authorization === `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
        if (!ok) return error(401, 'UNAUTHORIZED', 'authentication required', { 'www-authenticate': 'Basic realm="fake"' });
      }
      if (opts.auth === 'bearer') {
        const token = req.headers.authorization?.replace(/^Bearer /, '');
        const granted = token ? tokens.get(token) : undefined;
        const need = path === '' ? undefined : `repository:${repo}:${write ? 'pull,push' : 'pull'}`;
        const allowed = granted && (!need || granted.some((s) => s === need || (s.startsWith(`repository:${repo}:`) && (!write || s.endsWith('push')))));
        if (!allowed) {
          const scope = need ? `,scope="${need}"` : '';
          return error(401, 'UNAUTHORIZED', 'authentication required', { 'www-authenticate': `Bearer realm="${base}/token",service="fake"${scope}` });
        }
      }
      if (path === '') return send(200, { 'content-type': 'application/json' }, '{}');
      if (!m) return error(404, 'NAME_UNKNOWN', 'no');
      const [, , kind, ref = ''] = m;
      if (kind === 'manifests') {
        if (req.method === 'PUT') {
          const digest = sha(body);
          if (ref.startsWith('sha256:') && ref !== digest) return error(400, 'DIGEST_INVALID', 'digest mismatch');
          manifests.set(`${repo}@${digest}`, { body, mediaType: String(req.headers['content-type']) });
          if (!ref.startsWith('sha256:')) tags.set(`${repo}:${ref}`, digest);
          return send(201, { 'docker-content-digest': digest, location: `/v2/${repo}/manifests/${digest}` });
        }
        const digest = ref.startsWith('sha256:') ? ref : tags.get(`${repo}:${ref}`);
        const found = digest ? manifests.get(`${repo}@${digest}`) : undefined;
        if (!found || !digest) return error(404, 'MANIFEST_UNKNOWN', 'manifest unknown');
        let out = found.body;
        let type = found.mediaType;
        if (tamper.schema1) {
          type = 'application/vnd.docker.distribution.manifest.v1+prettyjws';
          out = Buffer.from(JSON.stringify({ schemaVersion: 1, name: repo }));
        }
        if (tamper.manifestBody && req.method === 'GET') out = Buffer.concat([out, Buffer.from(' ')]);
        const headerDigest = tamper.digestHeader ? sha(Buffer.from('other')) : digest;
        return send(200, { 'content-type': type, 'content-length': out.length, 'docker-content-digest': headerDigest }, out);
      }
      if (kind === 'blobs') {
        if (ref.startsWith('uploads/')) {
          const id = ref.slice('uploads/'.length);
          if (req.method === 'POST') {
            const mount = url.searchParams.get('mount');
            const from = url.searchParams.get('from');
            if (mount && from && blobs.has(`${from}@${mount}`)) {
              blobs.set(`${repo}@${mount}`, blobs.get(`${from}@${mount}`)!);
              return send(201, { location: `/v2/${repo}/blobs/${mount}`, 'docker-content-digest': mount });
            }
            const uid = `u${++uploadCount}`;
            uploads.set(uid, { repo, parts: [] });
            return send(202, { location: `/v2/${repo}/blobs/uploads/${uid}?_state=x`, 'docker-upload-uuid': uid, range: '0-0' });
          }
          const up = uploads.get(id);
          if (!up) return error(404, 'BLOB_UPLOAD_UNKNOWN', 'no upload');
          if (req.method === 'PATCH') {
            up.parts.push(body);
            const size = up.parts.reduce((n, p) => n + p.length, 0);
            return send(202, { location: `${base}/v2/${repo}/blobs/uploads/${id}?_state=y`, range: `0-${size - 1}` });
          }
          if (req.method === 'PUT') {
            const all = Buffer.concat([...up.parts, body]);
            const digest = url.searchParams.get('digest') ?? '';
            if (sha(all) !== digest) return error(400, 'DIGEST_INVALID', 'digest mismatch');
            blobs.set(`${repo}@${digest}`, all);
            uploads.delete(id);
            return send(201, { location: `/v2/${repo}/blobs/${digest}`, 'docker-content-digest': digest });
          }
          if (req.method === 'DELETE') {
            uploads.delete(id);
            return send(204);
          }
        }
        const b = blobs.get(`${repo}@${ref}`);
        if (!b) return error(404, 'BLOB_UNKNOWN', 'blob unknown');
        if (opts.redirectBlobs && req.method === 'GET') return send(307, { location: `${base}/storage/${encodeURIComponent(`${repo}@${ref}`)}` });
        return send(200, { 'content-length': b.length, 'docker-content-digest': ref }, b);
      }
      if (kind === 'tags') {
        const list = [...tags.keys()].filter((k) => k.startsWith(`${repo}:`)).map((k) => k.slice(repo.length + 1));
        return send(200, { 'content-type': 'application/json' }, JSON.stringify({ name: repo, tags: list }));
      }
      return error(404, 'NOT_FOUND', 'no');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    requests,
    tamper,
    /** Answer the next n requests matching `METHOD /path` with `status`. */
    fail: (match: RegExp, n: number, status = 503) => void injected.push({ match, n, status }),
    /** Stores a blob in a repository; returns its digest. */
    putBlob: (repo: string, data: Buffer) => {
      const d = sha(data);
      blobs.set(`${repo}@${d}`, data);
      return d;
    },
    hasBlob: (repo: string, digest: string) => blobs.has(`${repo}@${digest}`),
    putManifest: (repo: string, body: Buffer, mediaType: string, tag?: string) => {
      const d = sha(body);
      manifests.set(`${repo}@${d}`, { body, mediaType });
      if (tag) tags.set(`${repo}:${tag}`, d);
      return d;
    },
    tagOf: (repo: string, tag: string) => tags.get(`${repo}:${tag}`),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type RegistryFake = Awaited<ReturnType<typeof startRegistryFake>>;
