import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { PassThrough, Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { addSecret, errorMessage, redact, retry, type Sleep } from '@switchyard/kit';
import { parseWwwAuthenticate, type AuthChallenge } from './challenge';
import { resolveCredentials, type Credentials } from './credentials';
import { DigestMismatchError, RegistryAuthError, RegistryError, RegistryNetworkError, UnsupportedManifestError, type RegistryErrorDetail } from './errors';
import { MANIFEST_ACCEPT, SUPPORTED_MANIFEST_TYPES, type ParsedManifest } from './media';
import { DIGEST_RE, isLoopbackHost, registryEndpointHost } from './reference';

export interface RegistryClientOptions {
  /** Registry host[:port] as in image references (`ghcr.io`, `127.0.0.1:5001`, `docker.io`). */
  registry: string;
  /** Explicit credentials (both or neither). Without them the Docker config file is read. */
  username?: string;
  password?: string;
  /** Directory holding the Docker config.json (default $DOCKER_CONFIG, else ~/.docker). */
  dockerConfigDir?: string;
  /** Already resolved credentials; `null` forces anonymous access. Overrides username/password/dockerConfigDir. */
  credentials?: Credentials | null;
  /** Default: `http` for loopback hosts (127.0.0.0/8, localhost, ::1), `https` otherwise. */
  scheme?: 'http' | 'https';
  /** Deadline for one operation including its retries (ms). Default 120 s. */
  timeoutMs?: number;
  /** Socket inactivity timeout for one HTTP request (ms). Default 30 s. */
  requestTimeoutMs?: number;
  /** Attempts per operation on 429, 5xx and connection errors. Default 6. */
  maxAttempts?: number;
  /** First backoff ceiling (ms), default 200; max ceiling 5 s. */
  initialBackoffMs?: number;
  /** Injectable for tests. */
  sleep?: Sleep;
  /** Log sink for retries and auth (e.g. core.info). */
  log?: (line: string) => void;
  userAgent?: string;
}

/** What a HEAD (or GET, or PUT) tells about a manifest. */
export interface ManifestDescriptor {
  /** `sha256:<hex>` */
  digest: string;
  mediaType: string;
  size: number;
}

/** A manifest read from the registry, its bytes verified against its digest. */
export interface Manifest extends ManifestDescriptor {
  /** The exact bytes: PUT these to copy the manifest without changing its digest. */
  body: Buffer;
  parsed: ParsedManifest;
}

export interface BlobDescriptor {
  digest: string;
  size: number;
}

/** Bytes of a blob to upload: a buffer, or a function opening a fresh stream for each attempt. */
export type BlobSource = Buffer | (() => Readable | Promise<Readable>);

export interface UploadOptions {
  /** Split the upload into PATCH requests of this many bytes (Content-Range). Default: one streamed PATCH. */
  chunkSize?: number;
}

const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const RETRY_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_SOCKET',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

interface Exchange {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';
  /** Path under the registry (`/v2/...`) or an absolute URL (upload locations, redirects). */
  url: string;
  headers?: Record<string, string>;
  body?: Buffer | Readable;
  /** Token scopes this request needs. */
  scopes: string[];
  /** Keep the body as a stream instead of buffering it. */
  stream?: boolean;
  /** Follow 3xx redirects (blob downloads go to storage backends). */
  redirects?: boolean;
  /** Largest buffered body accepted. */
  maxBytes?: number;
}

interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  stream?: http.IncomingMessage;
  url: string;
}

interface Token {
  value: string;
  expires: number;
}

/** `repository:<name>:pull,push` */
export function repositoryScope(repository: string, actions: 'pull' | 'pull,push' = 'pull,push'): string {
  return `repository:${repository}:${actions}`;
}

export function sha256(data: Buffer | string): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

/**
 * An OCI distribution (registry v2) client for one registry.
 *
 * - Auth: pings `/v2/` once; answers Basic challenges with the credentials and
 *   Bearer challenges through the token service (scope
 *   `repository:<name>:pull,push`, tokens cached per scope set until they expire).
 *   Credentials come from the options or the Docker config file, resolved lazily.
 * - Every manifest read is verified against its sha256 digest; blob streams are
 *   verified as they flow. Docker schema 1 is refused.
 * - 429, 5xx and connection errors are retried with kit `retry` (full jitter)
 *   within `timeoutMs` per operation.
 * - http for loopback registries, https everywhere else.
 */
export class RegistryClient {
  readonly registry: string;
  readonly baseUrl: string;
  private readonly agent: http.Agent;
  private readonly opts: RegistryClientOptions;
  private credentials: Promise<Credentials | undefined> | undefined;
  private challenge: Promise<AuthChallenge | undefined> | undefined;
  private readonly tokens = new Map<string, Token>();
  private closed = false;

  constructor(opts: RegistryClientOptions) {
    this.opts = opts;
    this.registry = opts.registry;
    const scheme = opts.scheme ?? (isLoopbackHost(opts.registry) ? 'http' : 'https');
    this.baseUrl = `${scheme}://${registryEndpointHost(opts.registry)}`;
    this.agent = scheme === 'https' ? new https.Agent({ keepAlive: true, maxSockets: 16 }) : new http.Agent({ keepAlive: true, maxSockets: 16 });
    if (opts.credentials !== undefined) this.credentials = Promise.resolve(opts.credentials ?? undefined);
    if (opts.password) addSecret(opts.password);
  }

  /** Where the credentials came from (`inputs`, a config path, a helper), or `anonymous`. Never the secret. */
  async credentialSource(): Promise<string> {
    return (await this.getCredentials())?.source ?? 'anonymous';
  }

  /** Closes idle keep-alive sockets (call when done so the process can exit promptly). */
  close(): void {
    this.closed = true;
    this.agent.destroy();
  }

  /**
   * `GET /v2/`: checks the registry speaks the v2 API and that our credentials
   * are accepted. Returns the auth scheme in use.
   */
  async ping(): Promise<{ auth: 'none' | 'basic' | 'bearer' }> {
    const c = await this.getChallenge();
    if (!c) return { auth: 'none' };
    const label = `GET ${this.baseUrl}/v2/`;
    const res = await this.op(label, () => this.send({ method: 'GET', url: '/v2/', scopes: [] }, label));
    if (res.status !== 200) throw this.unexpected(label, res);
    return { auth: c.scheme === 'bearer' ? 'bearer' : 'basic' };
  }

  /**
   * HEAD a manifest by tag or digest (Accept: OCI index, Docker manifest list,
   * OCI manifest, Docker v2 schema 2). Returns undefined when it does not
   * exist. When the registry omits Docker-Content-Digest the manifest is
   * fetched and hashed instead.
   */
  async headManifest(repository: string, reference: string): Promise<ManifestDescriptor | undefined> {
    const label = `HEAD ${this.registry}/${refPath(repository, reference)}`;
    const res = await this.op(label, () =>
      this.send(
        { method: 'HEAD', url: manifestPath(repository, reference), headers: { Accept: MANIFEST_ACCEPT }, scopes: [repositoryScope(repository, 'pull')] },
        label,
      ),
    );
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw this.unexpected(label, res);
    const digest = header(res, 'docker-content-digest');
    const mediaType = contentType(res);
    if (!digest || !mediaType || !DIGEST_RE.test(digest)) {
      const m = await this.getManifest(repository, reference);
      return { digest: m.digest, mediaType: m.mediaType, size: m.size };
    }
    checkMediaType(mediaType, label);
    if (DIGEST_RE.test(reference) && digest !== reference) throw new DigestMismatchError(`${label}: registry reports digest ${digest}`);
    return { digest, mediaType, size: Number(header(res, 'content-length') ?? 0) };
  }

  /**
   * GET a manifest by tag or digest; its bytes are verified against the
   * requested digest (or the registry's Docker-Content-Digest for a tag).
   * Throws RegistryError with status 404 when it does not exist.
   */
  async getManifest(repository: string, reference: string): Promise<Manifest> {
    const label = `GET ${this.registry}/${refPath(repository, reference)}`;
    const res = await this.op(label, () =>
      this.send(
        {
          method: 'GET',
          url: manifestPath(repository, reference),
          headers: { Accept: MANIFEST_ACCEPT },
          scopes: [repositoryScope(repository, 'pull')],
          maxBytes: MAX_MANIFEST_BYTES,
        },
        label,
      ),
    );
    if (res.status !== 200) throw this.unexpected(label, res);
    let parsed: ParsedManifest;
    try {
      parsed = JSON.parse(res.body.toString('utf8')) as ParsedManifest;
    } catch {
      throw new UnsupportedManifestError(`${label}: the manifest is not JSON`);
    }
    const mediaType = parsed.mediaType || contentType(res) || '';
    if (parsed.schemaVersion !== 2) checkMediaType(contentType(res) ?? '', label);
    if (parsed.schemaVersion !== 2)
      throw new UnsupportedManifestError(
        `${label}: schemaVersion ${String(parsed.schemaVersion)} manifests are not supported (Docker schema 1 is deprecated); re-push the image with a current Docker`,
      );
    checkMediaType(mediaType, label);
    const digest = sha256(res.body);
    if (DIGEST_RE.test(reference) && digest !== reference) throw new DigestMismatchError(`${label}: the manifest's bytes hash to ${digest}`);
    const announced = header(res, 'docker-content-digest');
    if (announced?.startsWith('sha256:') && announced !== digest)
      throw new DigestMismatchError(`${label}: the registry announced ${announced} but the bytes hash to ${digest}`);
    return { digest, mediaType, size: res.body.length, body: res.body, parsed: { ...parsed, mediaType } };
  }

  /**
   * PUT a manifest's exact bytes under a tag or digest. The digest the registry
   * reports must equal the bytes' sha256. Returns the stored descriptor.
   */
  async putManifest(repository: string, reference: string, body: Buffer | string, mediaType: string): Promise<ManifestDescriptor> {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const digest = sha256(bytes);
    const label = `PUT ${this.registry}/${refPath(repository, reference)}`;
    checkMediaType(mediaType, label);
    if (DIGEST_RE.test(reference) && reference !== digest) throw new DigestMismatchError(`${label}: the manifest's bytes hash to ${digest}`);
    const res = await this.op(label, () =>
      this.send(
        {
          method: 'PUT',
          url: manifestPath(repository, reference),
          headers: { 'Content-Type': mediaType, 'Content-Length': String(bytes.length) },
          body: bytes,
          scopes: [repositoryScope(repository)],
        },
        label,
      ),
    );
    if (res.status !== 201 && res.status !== 200) throw this.unexpected(label, res);
    const reported = header(res, 'docker-content-digest');
    if (reported?.startsWith('sha256:') && reported !== digest)
      throw new DigestMismatchError(`${label}: the registry stored digest ${reported}, expected ${digest}`);
    return { digest, mediaType, size: bytes.length };
  }

  /**
   * Deletes a manifest by digest (every tag pointing at it goes too). Returns
   * false when it was not there. Registries may refuse (405 when deletes are disabled).
   */
  async deleteManifest(repository: string, digest: string): Promise<boolean> {
    const label = `DELETE ${this.registry}/${repository}@${digest}`;
    if (!DIGEST_RE.test(digest)) throw new DigestMismatchError(`${label}: manifests are deleted by sha256 digest only`);
    const res = await this.op(label, () =>
      this.send({ method: 'DELETE', url: manifestPath(repository, digest), scopes: [repositoryScope(repository, 'pull,push')] }, label),
    );
    if (res.status === 404) return false;
    if (res.status !== 202 && res.status !== 200) throw this.unexpected(label, res);
    return true;
  }

  /** HEAD a blob; undefined when the repository does not have it. */
  async headBlob(repository: string, digest: string): Promise<BlobDescriptor | undefined> {
    const label = `HEAD blob ${this.registry}/${repository}@${digest}`;
    const res = await this.op(label, () =>
      this.send({ method: 'HEAD', url: blobPath(repository, digest), scopes: [repositoryScope(repository, 'pull')], redirects: true }, label),
    );
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw this.unexpected(label, res);
    return { digest, size: Number(header(res, 'content-length') ?? -1) };
  }

  /**
   * Cross-repository mount (`POST /blobs/uploads/?mount=<digest>&from=<repo>`):
   * makes a blob of `fromRepository` (same registry) available in
   * `repository` without transferring it. Returns false when the registry
   * declines (then upload the blob instead).
   */
  async mountBlob(repository: string, digest: string, fromRepository: string): Promise<boolean> {
    const label = `mount ${digest} ${fromRepository} → ${repository}`;
    const url = `/v2/${repository}/blobs/uploads/?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(fromRepository)}`;
    const res = await this.op(label, () =>
      this.send(
        { method: 'POST', url, headers: { 'Content-Length': '0' }, scopes: [repositoryScope(repository), repositoryScope(fromRepository, 'pull')] },
        label,
      ),
    );
    if (res.status === 201) return true;
    if (res.status === 202) {
      const location = header(res, 'location');
      if (location) await this.send({ method: 'DELETE', url: location, scopes: [repositoryScope(repository)] }, label).catch(() => undefined);
      return false;
    }
    throw this.unexpected(label, res);
  }

  /**
   * Uploads a blob: POST an upload session, PATCH the bytes (one streamed
   * request, or `chunkSize` pieces with Content-Range), PUT `?digest=`.
   * The bytes are hashed on the way and must match `digest`. The whole upload
   * is retried from the start on transient errors (the source is reopened).
   */
  async uploadBlob(repository: string, digest: string, size: number, source: BlobSource, opts: UploadOptions = {}): Promise<void> {
    const label = `upload ${this.registry}/${repository}@${digest}`;
    await this.op(label, async () => {
      const start = await this.send(
        { method: 'POST', url: `/v2/${repository}/blobs/uploads/`, headers: { 'Content-Length': '0' }, scopes: [repositoryScope(repository)] },
        label,
      );
      if (start.status !== 202) throw this.unexpected(label, start);
      let location = this.location(start, label);
      const input = Buffer.isBuffer(source) ? Readable.from([source]) : await source();
      const hash = createHash('sha256');
      let seen = 0;
      const chunkSize = opts.chunkSize && opts.chunkSize < size ? opts.chunkSize : undefined;
      if (!chunkSize) {
        const verified = verifyingStream(input, digest, size, hash, label);
        const res = await this.send(
          {
            method: 'PATCH',
            url: location,
            headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
            body: verified,
            scopes: [repositoryScope(repository)],
          },
          label,
        );
        if (res.status !== 202 && res.status !== 204) throw this.unexpected(label, res);
        location = this.location(res, label);
      } else {
        for await (const chunk of chunks(input, chunkSize)) {
          hash.update(chunk);
          const range = `${seen}-${seen + chunk.length - 1}`;
          seen += chunk.length;
          const res = await this.send(
            {
              method: 'PATCH',
              url: location,
              headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(chunk.length), 'Content-Range': range },
              body: chunk,
              scopes: [repositoryScope(repository)],
            },
            label,
          );
          if (res.status !== 202) throw this.unexpected(label, res);
          location = this.location(res, label);
        }
        const got = `sha256:${hash.digest('hex')}`;
        if (got !== digest || seen !== size) throw new DigestMismatchError(`${label}: the source's bytes hash to ${got} (${seen} bytes, expected ${size})`);
      }
      const done = new URL(location, this.baseUrl);
      done.searchParams.set('digest', digest);
      const res = await this.send({ method: 'PUT', url: done.toString(), headers: { 'Content-Length': '0' }, scopes: [repositoryScope(repository)] }, label);
      if (res.status !== 201 && res.status !== 204) throw this.unexpected(label, res);
    });
  }

  /**
   * Opens a blob for reading (following redirects to storage backends). The
   * returned stream errors with DigestMismatchError if the bytes do not hash
   * to `digest`. Opening is retried; a failure mid-stream is the caller's to retry.
   */
  async getBlob(repository: string, digest: string): Promise<{ size: number; stream: Readable }> {
    const label = `GET blob ${this.registry}/${repository}@${digest}`;
    const res = await this.op(label, () =>
      this.send({ method: 'GET', url: blobPath(repository, digest), scopes: [repositoryScope(repository, 'pull')], redirects: true, stream: true }, label),
    );
    if (res.status !== 200 || !res.stream) throw this.unexpected(label, res);
    const size = Number(header(res, 'content-length') ?? -1);
    return { size, stream: verifyingStream(res.stream, digest, size >= 0 ? size : undefined, createHash('sha256'), label) };
  }

  /** Reads a (small) blob whole, verified: image configs. */
  async getBlobBytes(repository: string, digest: string, maxBytes = 16 * 1024 * 1024): Promise<Buffer> {
    const label = `GET blob ${this.registry}/${repository}@${digest}`;
    const res = await this.op(label, () =>
      this.send({ method: 'GET', url: blobPath(repository, digest), scopes: [repositoryScope(repository, 'pull')], redirects: true, maxBytes }, label),
    );
    if (res.status !== 200) throw this.unexpected(label, res);
    const got = sha256(res.body);
    if (got !== digest) throw new DigestMismatchError(`${label}: the bytes hash to ${got}`);
    return res.body;
  }

  /** Tags of a repository (`GET /v2/<name>/tags/list`, following `Link` pagination). */
  async listTags(repository: string): Promise<string[]> {
    const label = `list tags ${this.registry}/${repository}`;
    const out: string[] = [];
    let url: string | undefined = `/v2/${repository}/tags/list?n=1000`;
    while (url) {
      const current: string = url;
      const res = await this.op(label, () =>
        this.send({ method: 'GET', url: current, scopes: [repositoryScope(repository, 'pull')], maxBytes: 32 * 1024 * 1024 }, label),
      );
      if (res.status === 404) return [];
      if (res.status !== 200) throw this.unexpected(label, res);
      out.push(...((JSON.parse(res.body.toString('utf8')) as { tags?: string[] | null }).tags ?? []));
      const link = header(res, 'link');
      const m = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link) : null;
      url = m?.[1];
    }
    return out;
  }

  // ---- internals ---------------------------------------------------------

  private getCredentials(): Promise<Credentials | undefined> {
    this.credentials ??= resolveCredentials(this.registry, {
      ...(this.opts.username !== undefined ? { username: this.opts.username } : {}),
      ...(this.opts.password !== undefined ? { password: this.opts.password } : {}),
      ...(this.opts.dockerConfigDir !== undefined ? { dockerConfigDir: this.opts.dockerConfigDir } : {}),
    });
    return this.credentials;
  }

  /** The registry's auth challenge from an anonymous `GET /v2/` (cached; undefined = no auth). */
  private getChallenge(): Promise<AuthChallenge | undefined> {
    if (!this.challenge) {
      const p = this.op(`ping ${this.registry}`, async () => {
        const res = await this.request({ method: 'GET', url: '/v2/', scopes: [] });
        if (res.status === 200) return undefined;
        if (res.status === 401) {
          const cs = parseWwwAuthenticate(header(res, 'www-authenticate') ?? '');
          const c = cs.find((x) => x.scheme === 'bearer') ?? cs.find((x) => x.scheme === 'basic');
          if (!c)
            throw new RegistryAuthError(
              `registry ${this.registry} asks for authentication with an unsupported challenge: ${header(res, 'www-authenticate') ?? '(none)'}`,
              401,
            );
          return c;
        }
        if (res.status === 404) throw new RegistryError(`${this.baseUrl}/v2/ answered 404: not a registry v2 API`, 404);
        throw this.unexpected(`ping ${this.registry}`, res);
      });
      this.challenge = p;
      p.catch(() => {
        if (this.challenge === p) this.challenge = undefined;
      });
    }
    return this.challenge;
  }

  private async authorization(scopes: string[], challenge: AuthChallenge | undefined, fresh = false): Promise<string | undefined> {
    if (!challenge) return undefined;
    const creds = await this.getCredentials();
    if (challenge.scheme === 'basic') {
      if (!creds) return undefined;
      const value = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
      addSecret(value.slice(6));
      return value;
    }
    const key = [...scopes].sort().join(' ');
    const cached = this.tokens.get(key);
    if (!fresh && cached && cached.expires > Date.now()) return `Bearer ${cached.value}`;
    const token = await this.fetchToken(challenge, scopes, creds);
    this.tokens.set(key, token);
    return `Bearer ${token.value}`;
  }

  private async fetchToken(c: AuthChallenge, scopes: string[], creds: Credentials | undefined): Promise<Token> {
    const realm = c.params.realm;
    if (!realm) throw new RegistryAuthError(`registry ${this.registry}: Bearer challenge without a realm`, 401);
    const url = new URL(realm);
    const label = `token ${url.host} for ${scopes.join(' ') || 'registry'}`;
    let res: Response;
    if (creds?.identityToken) {
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: creds.identityToken,
        client_id: 'switchyard',
        ...(c.params.service ? { service: c.params.service } : {}),
      });
      for (const s of scopes) form.append('scope', s);
      const body = Buffer.from(form.toString());
      res = await this.request({
        method: 'POST',
        url: url.toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': String(body.length) },
        body,
        scopes: [],
        maxBytes: 1024 * 1024,
      });
    } else {
      if (c.params.service) url.searchParams.set('service', c.params.service);
      for (const s of scopes) url.searchParams.append('scope', s);
      const headers: Record<string, string> = {};
      if (creds) headers.Authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
      res = await this.request({ method: 'GET', url: url.toString(), headers, scopes: [], maxBytes: 1024 * 1024 });
    }
    if (res.status === 401 || res.status === 403)
      throw new RegistryAuthError(
        `${label}: the token service refused ${creds ? `the credentials from ${creds.source}` : 'anonymous access'} (HTTP ${res.status})`,
        res.status,
        registryErrors(res),
        { hint: creds ? 'check the username and password or token' : 'log in (docker/login-action) or give username and password' },
      );
    if (res.status !== 200) throw this.unexpected(label, res);
    const json = JSON.parse(res.body.toString('utf8')) as { token?: string; access_token?: string; expires_in?: number };
    const value = json.token ?? json.access_token;
    if (!value) throw new RegistryAuthError(`${label}: the token service answered without a token`, res.status);
    addSecret(value);
    const lifetime = Math.max(30, json.expires_in ?? 60) * 1000;
    return { value, expires: Date.now() + lifetime - 15_000 };
  }

  /**
   * One authenticated exchange: answers a 401 once with a fresh challenge and
   * token; a second refusal is a RegistryAuthError. 429/5xx become retryable errors.
   */
  private async send(x: Exchange, label: string): Promise<Response> {
    let challenge = await this.getChallenge();
    const withAuth = async (fresh: boolean) => {
      const auth = await this.authorization(x.scopes, challenge, fresh);
      return this.request({ ...x, headers: { ...x.headers, ...(auth ? { Authorization: auth } : {}) } });
    };
    let res = await withAuth(false);
    if (res.status === 401 && !(x.body instanceof Readable)) {
      res.stream?.resume();
      const again = parseWwwAuthenticate(header(res, 'www-authenticate') ?? '');
      const next = again.find((c) => c.scheme === 'bearer') ?? again.find((c) => c.scheme === 'basic');
      if (next) {
        challenge = next;
        this.challenge = Promise.resolve(next);
      }
      if (challenge?.scheme === 'bearer') {
        const extra = challenge.params.scope;
        if (extra) for (const s of extra.split(' ')) if (!x.scopes.includes(s)) x = { ...x, scopes: [...x.scopes, s] };
        res = await withAuth(true);
      } else if (next && !(await this.getCredentials())) {
        // basic: nothing new to try without credentials
      }
    }
    if (res.status === 401 || res.status === 403) {
      res.stream?.resume();
      const creds = await this.getCredentials();
      const who = creds
        ? `the credentials from ${creds.source} (user ${JSON.stringify(creds.username)})`
        : 'anonymous access (no credentials given or found in the Docker config)';
      throw new RegistryAuthError(`${label}: registry ${this.registry} refused ${who}: HTTP ${res.status}${detail(res)}`, res.status, registryErrors(res), {
        hint: creds ? 'check the username/password (or re-run docker login)' : 'give username and password inputs, or log in first (docker/login-action)',
      });
    }
    if (RETRY_STATUS.has(res.status)) {
      res.stream?.resume();
      throw this.unexpected(label, res);
    }
    return res;
  }

  /** Runs an operation with retries on transient failures. */
  private op<T>(label: string, fn: () => Promise<T>): Promise<T> {
    return retry(fn, {
      label,
      timeoutMs: this.opts.timeoutMs ?? 120_000,
      maxAttempts: this.opts.maxAttempts ?? 6,
      initialMs: this.opts.initialBackoffMs ?? 200,
      maxMs: 5_000,
      retryable: (e) => !this.closed && isTransient(e),
      ...(this.opts.sleep ? { sleep: this.opts.sleep } : {}),
      ...(this.opts.log ? { log: this.opts.log } : {}),
    });
  }

  private location(res: Response, label: string): string {
    const loc = header(res, 'location');
    if (!loc) throw new RegistryError(`${label}: the registry answered ${res.status} without an upload Location`, res.status);
    return new URL(loc, res.url).toString();
  }

  private unexpected(label: string, res: Response): RegistryError {
    return new RegistryError(`${label}: HTTP ${res.status}${detail(res)}`, res.status, registryErrors(res));
  }

  /** A raw HTTP exchange (no auth handling), following redirects when asked. */
  private async request(x: Exchange, hops = 0): Promise<Response> {
    const url = new URL(x.url, this.baseUrl);
    const res = await this.rawRequest(url, x);
    if (x.redirects && [301, 302, 303, 307, 308].includes(res.status) && hops < 5) {
      res.stream?.resume();
      const loc = header(res, 'location');
      if (!loc) return res;
      const target = new URL(loc, url);
      const headers = { ...x.headers };
      if (target.host !== url.host) delete headers.Authorization;
      return this.request({ ...x, url: target.toString(), headers }, hops + 1);
    }
    return res;
  }

  private rawRequest(url: URL, x: Exchange): Promise<Response> {
    const mod = url.protocol === 'https:' ? https : http;
    const agent = url.origin === new URL(this.baseUrl).origin ? this.agent : undefined;
    return new Promise<Response>((resolve, reject) => {
      let settled = false;
      const fail = (e: Error) => {
        if (x.body instanceof Readable && !x.body.destroyed) x.body.destroy();
        if (settled) return;
        settled = true;
        const code = (e as NodeJS.ErrnoException).code;
        reject(
          e instanceof RegistryError || e instanceof DigestMismatchError
            ? e
            : new RegistryNetworkError(`${x.method} ${redact(url.origin + url.pathname)}: ${errorMessage(e)}`, code, { cause: e }),
        );
      };
      const req = mod.request(
        url,
        { method: x.method, agent, headers: { 'User-Agent': this.opts.userAgent ?? 'switchyard-registry/1', ...x.headers } },
        (res) => {
          const base = { status: res.statusCode ?? 0, headers: res.headers, url: url.toString() };
          if (x.stream && res.statusCode === 200) {
            settled = true;
            resolve({ ...base, body: Buffer.alloc(0), stream: res });
            return;
          }
          const parts: Buffer[] = [];
          let total = 0;
          const limit = x.maxBytes ?? 1024 * 1024;
          res.on('data', (chunk: Buffer) => {
            total += chunk.length;
            if (total > limit) {
              res.destroy();
              fail(new RegistryError(`${x.method} ${url.pathname}: response larger than ${limit} bytes`, res.statusCode ?? 0));
              return;
            }
            parts.push(chunk);
          });
          res.on('end', () => {
            if (settled) return;
            settled = true;
            resolve({ ...base, body: Buffer.concat(parts) });
          });
          res.on('error', fail);
        },
      );
      req.setTimeout(this.opts.requestTimeoutMs ?? 30_000, () => {
        const e = new Error(`no response for ${this.opts.requestTimeoutMs ?? 30_000} ms`) as NodeJS.ErrnoException;
        e.code = 'ETIMEDOUT';
        req.destroy(e);
      });
      req.on('error', fail);
      if (x.body instanceof Readable) {
        x.body.on('error', (e) => {
          req.destroy(e);
          fail(e);
        });
        x.body.pipe(req);
      } else {
        req.end(x.body);
      }
    });
  }
}

/** `repo:tag` or `repo@digest`, for messages. */
function refPath(repository: string, reference: string): string {
  return `${repository}${DIGEST_RE.test(reference) ? '@' : ':'}${reference}`;
}

function manifestPath(repository: string, reference: string): string {
  return `/v2/${repository}/manifests/${reference}`;
}
function blobPath(repository: string, digest: string): string {
  return `/v2/${repository}/blobs/${digest}`;
}

function header(res: Response, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
function contentType(res: Response): string | undefined {
  return header(res, 'content-type')?.split(';')[0]?.trim();
}

function checkMediaType(mediaType: string, label: string): void {
  if (SUPPORTED_MANIFEST_TYPES.includes(mediaType)) return;
  if (/schema1|manifest\.v1\+(pretty)?jws|manifest\.v1\+json/.test(mediaType))
    throw new UnsupportedManifestError(`${label}: Docker schema 1 manifests (${mediaType}) are not supported; re-push the image with a current Docker`);
  throw new UnsupportedManifestError(`${label}: manifest media type ${JSON.stringify(mediaType)} is not an image manifest or index`);
}

function registryErrors(res: Response): RegistryErrorDetail[] {
  if (!res.body.length) return [];
  try {
    const j = JSON.parse(res.body.toString('utf8')) as { errors?: RegistryErrorDetail[] };
    return Array.isArray(j.errors) ? j.errors : [];
  } catch {
    return [];
  }
}

function detail(res: Response): string {
  const errs = registryErrors(res);
  if (errs.length) return ` (${errs.map((e) => `${e.code}: ${e.message}`).join('; ')})`;
  const text = res.body.toString('utf8').trim().slice(0, 200);
  return text ? ` (${redact(text)})` : '';
}

/** 429/5xx answers and connection errors are worth another attempt; everything else is final. */
export function isTransient(e: unknown): boolean {
  if (e instanceof RegistryNetworkError) return e.code === undefined || RETRY_CODES.has(e.code) || /socket hang up|aborted/i.test(e.message);
  if (e instanceof RegistryAuthError) return false;
  if (e instanceof RegistryError) return RETRY_STATUS.has(e.status);
  return false;
}

/** Passes bytes through, hashing them; errors at the end if the digest or size differs. */
function verifyingStream(input: Readable, digest: string, size: number | undefined, hash: ReturnType<typeof createHash>, label: string): Readable {
  let seen = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      seen += chunk.length;
      cb(null, chunk);
    },
    flush(cb) {
      const got = `sha256:${hash.digest('hex')}`;
      if (got !== digest) return cb(new DigestMismatchError(`${label}: the bytes hash to ${got}`));
      if (size !== undefined && seen !== size) return cb(new DigestMismatchError(`${label}: ${seen} bytes, expected ${size}`));
      cb();
    },
  });
  const out = new PassThrough();
  pipeline(input, t, out).catch((e: unknown) => out.destroy(e as Error));
  return out;
}

/** Regroups a stream into buffers of exactly `size` bytes (the last may be shorter). */
async function* chunks(input: Readable, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let length = 0;
  for await (const piece of input as AsyncIterable<Buffer>) {
    let buf = piece;
    while (length + buf.length >= size) {
      const take = size - length;
      pending.push(buf.subarray(0, take));
      yield Buffer.concat(pending);
      pending = [];
      length = 0;
      buf = buf.subarray(take);
    }
    if (buf.length) {
      pending.push(buf);
      length += buf.length;
    }
  }
  if (length) yield Buffer.concat(pending);
}
