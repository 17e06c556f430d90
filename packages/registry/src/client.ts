import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Authenticator, type AuthOptions } from './auth';
import { DigestMismatchError, RegistryError, UnsupportedManifestError } from './errors';
import { MANIFEST_ACCEPT, SUPPORTED_MANIFEST_TYPES, type ParsedManifest } from './media';
import { DIGEST_RE } from './reference';
import { contentType, header, Transport, unexpected, type Exchange, type Response, type TransportOptions } from './transport';
import { chunks, sha256, verifyingStream } from './verify';

export interface RegistryClientOptions extends AuthOptions, TransportOptions {
  /** Registry host[:port] as in image references (`ghcr.io`, `127.0.0.1:5001`, `docker.io`). */
  registry: string;
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

/** `repository:<name>:pull,push` */
export function repositoryScope(repository: string, actions: 'pull' | 'pull,push' = 'pull,push'): string {
  return `repository:${repository}:${actions}`;
}

/**
 * An OCI distribution (registry v2) client for one registry: the API
 * (manifests, blobs, mounts, uploads, tags). Underneath it:
 *
 * - auth.ts: pings `/v2/` once; Basic or Bearer (token service, tokens cached
 *   per scope set); credentials from the options or the Docker config file.
 * - transport.ts: the scheme by reference.ts registryScheme (http for loopback
 *   and listed insecure registries, https everywhere else); 429,
 *   5xx and connection errors retried with kit `retry` (full jitter) within
 *   `timeoutMs` per operation.
 * - verify.ts: every manifest read is verified against its sha256 digest;
 *   blob streams are verified as they flow. Docker schema 1 is refused.
 */
export class RegistryClient {
  readonly registry: string;
  readonly baseUrl: string;
  private readonly transport: Transport;
  private readonly auth: Authenticator;

  constructor(opts: RegistryClientOptions) {
    this.registry = opts.registry;
    this.transport = new Transport(opts.registry, opts);
    this.baseUrl = this.transport.baseUrl;
    this.auth = new Authenticator(opts.registry, this.transport, opts);
  }

  /** One authenticated exchange, retried on transient failures. */
  private exchange(label: string, x: Exchange): Promise<Response> {
    return this.transport.retrying(label, () => this.auth.send(x, label));
  }

  /** HEAD or GET of a manifest, accepting every supported type (indexes first). */
  private readManifest(method: 'HEAD' | 'GET', repository: string, reference: string, label: string): Promise<Response> {
    const url = manifestPath(repository, reference);
    return this.exchange(label, {
      method,
      url,
      headers: { Accept: MANIFEST_ACCEPT },
      scopes: [repositoryScope(repository, 'pull')],
      maxBytes: MAX_MANIFEST_BYTES,
    });
  }

  /** HEAD or GET of a blob, following redirects to storage backends. */
  private readBlob(
    method: 'HEAD' | 'GET',
    repository: string,
    digest: string,
    label: string,
    opts: { stream?: boolean; maxBytes?: number } = {},
  ): Promise<Response> {
    return this.exchange(label, { method, url: blobPath(repository, digest), scopes: [repositoryScope(repository, 'pull')], redirects: true, ...opts });
  }

  /** Where the credentials came from (`inputs`, a config path, a helper), or `anonymous`. Never the secret. */
  async credentialSource(): Promise<string> {
    return (await this.auth.getCredentials())?.source ?? 'anonymous';
  }

  /** Closes idle keep-alive sockets (call when done so the process can exit promptly). */
  close(): void {
    this.transport.close();
  }

  /**
   * `GET /v2/`: checks the registry speaks the v2 API and that our credentials
   * are accepted. Returns the auth scheme in use.
   */
  async ping(): Promise<{ auth: 'none' | 'basic' | 'bearer' }> {
    const c = await this.auth.getChallenge();
    if (!c) return { auth: 'none' };
    const label = `GET ${this.baseUrl}/v2/`;
    const res = await this.exchange(label, { method: 'GET', url: '/v2/', scopes: [] });
    if (res.status !== 200) throw unexpected(label, res);
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
    const res = await this.readManifest('HEAD', repository, reference, label);
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw unexpected(label, res);
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
    const res = await this.readManifest('GET', repository, reference, label);
    if (res.status !== 200) throw unexpected(label, res);
    let parsed: ParsedManifest;
    try {
      parsed = JSON.parse(res.body.toString('utf8')) as ParsedManifest;
    } catch {
      throw new UnsupportedManifestError(`${label}: the manifest is not JSON`);
    }
    const mediaType = parsed.mediaType || contentType(res) || '';
    if (parsed.schemaVersion !== 2) {
      checkMediaType(contentType(res) ?? '', label);
      throw new UnsupportedManifestError(
        `${label}: schemaVersion ${String(parsed.schemaVersion)} manifests are not supported (Docker schema 1 is deprecated); re-push the image with a current Docker`,
      );
    }
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
    const res = await this.exchange(label, {
      method: 'PUT',
      url: manifestPath(repository, reference),
      headers: { 'Content-Type': mediaType, 'Content-Length': String(bytes.length) },
      body: bytes,
      scopes: [repositoryScope(repository)],
    });
    if (res.status !== 201 && res.status !== 200) throw unexpected(label, res);
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
    const res = await this.exchange(label, { method: 'DELETE', url: manifestPath(repository, digest), scopes: [repositoryScope(repository, 'pull,push')] });
    if (res.status === 404) return false;
    if (res.status !== 202 && res.status !== 200) throw unexpected(label, res);
    return true;
  }

  /** HEAD a blob; undefined when the repository does not have it. */
  async headBlob(repository: string, digest: string): Promise<BlobDescriptor | undefined> {
    const label = `HEAD blob ${this.registry}/${repository}@${digest}`;
    const res = await this.readBlob('HEAD', repository, digest, label);
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw unexpected(label, res);
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
    const res = await this.exchange(label, {
      method: 'POST',
      url,
      headers: { 'Content-Length': '0' },
      scopes: [repositoryScope(repository), repositoryScope(fromRepository, 'pull')],
    });
    if (res.status === 201) return true;
    if (res.status === 202) {
      const location = header(res, 'location');
      if (location) await this.auth.send({ method: 'DELETE', url: location, scopes: [repositoryScope(repository)] }, label).catch(() => undefined);
      return false;
    }
    throw unexpected(label, res);
  }

  /**
   * Uploads a blob: POST an upload session, PATCH the bytes (one streamed
   * request, or `chunkSize` pieces with Content-Range), PUT `?digest=`.
   * The bytes are hashed on the way and must match `digest`. The whole upload
   * is retried from the start on transient errors (the source is reopened).
   */
  async uploadBlob(repository: string, digest: string, size: number, source: BlobSource, opts: UploadOptions = {}): Promise<void> {
    const label = `upload ${this.registry}/${repository}@${digest}`;
    await this.transport.retrying(label, async () => {
      const start = await this.auth.send(
        { method: 'POST', url: `/v2/${repository}/blobs/uploads/`, headers: { 'Content-Length': '0' }, scopes: [repositoryScope(repository)] },
        label,
      );
      if (start.status !== 202) throw unexpected(label, start);
      let location = uploadLocation(start, label);
      const input = Buffer.isBuffer(source) ? Readable.from([source]) : await source();
      const chunkSize = opts.chunkSize && opts.chunkSize < size ? opts.chunkSize : undefined;
      if (!chunkSize) {
        const res = await this.auth.send(
          {
            method: 'PATCH',
            url: location,
            headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(size) },
            body: verifyingStream(input, digest, size, label),
            scopes: [repositoryScope(repository)],
          },
          label,
        );
        if (res.status !== 202 && res.status !== 204) throw unexpected(label, res);
        location = uploadLocation(res, label);
      } else {
        const hash = createHash('sha256');
        let seen = 0;
        for await (const chunk of chunks(input, chunkSize)) {
          hash.update(chunk);
          const range = `${seen}-${seen + chunk.length - 1}`;
          seen += chunk.length;
          const res = await this.auth.send(
            {
              method: 'PATCH',
              url: location,
              headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(chunk.length), 'Content-Range': range },
              body: chunk,
              scopes: [repositoryScope(repository)],
            },
            label,
          );
          if (res.status !== 202) throw unexpected(label, res);
          location = uploadLocation(res, label);
        }
        const got = `sha256:${hash.digest('hex')}`;
        if (got !== digest || seen !== size) throw new DigestMismatchError(`${label}: the source's bytes hash to ${got} (${seen} bytes, expected ${size})`);
      }
      const done = new URL(location, this.baseUrl);
      done.searchParams.set('digest', digest);
      const res = await this.auth.send(
        { method: 'PUT', url: done.toString(), headers: { 'Content-Length': '0' }, scopes: [repositoryScope(repository)] },
        label,
      );
      if (res.status !== 201 && res.status !== 204) throw unexpected(label, res);
    });
  }

  /**
   * Opens a blob for reading (following redirects to storage backends). The
   * returned stream errors with DigestMismatchError if the bytes do not hash
   * to `digest`. Opening is retried; a failure mid-stream is the caller's to retry.
   */
  async getBlob(repository: string, digest: string): Promise<{ size: number; stream: Readable }> {
    const label = `GET blob ${this.registry}/${repository}@${digest}`;
    const res = await this.readBlob('GET', repository, digest, label, { stream: true });
    if (res.status !== 200 || !res.stream) throw unexpected(label, res);
    const size = Number(header(res, 'content-length') ?? -1);
    return { size, stream: verifyingStream(res.stream, digest, size >= 0 ? size : undefined, label) };
  }

  /** Reads a (small) blob whole, verified: image configs. */
  async getBlobBytes(repository: string, digest: string, maxBytes = 16 * 1024 * 1024): Promise<Buffer> {
    const label = `GET blob ${this.registry}/${repository}@${digest}`;
    const res = await this.readBlob('GET', repository, digest, label, { maxBytes });
    if (res.status !== 200) throw unexpected(label, res);
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
      const res = await this.exchange(label, { method: 'GET', url, scopes: [repositoryScope(repository, 'pull')], maxBytes: 32 * 1024 * 1024 });
      if (res.status === 404) return [];
      if (res.status !== 200) throw unexpected(label, res);
      out.push(...((JSON.parse(res.body.toString('utf8')) as { tags?: string[] | null }).tags ?? []));
      const link = header(res, 'link');
      const m = link ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(link) : null;
      url = m?.[1];
    }
    return out;
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

function uploadLocation(res: Response, label: string): string {
  const loc = header(res, 'location');
  if (!loc) throw new RegistryError(`${label}: the registry answered ${res.status} without an upload Location`, res.status);
  return new URL(loc, res.url).toString();
}

function checkMediaType(mediaType: string, label: string): void {
  if (SUPPORTED_MANIFEST_TYPES.includes(mediaType)) return;
  if (/schema1|manifest\.v1\+(pretty)?jws|manifest\.v1\+json/.test(mediaType))
    throw new UnsupportedManifestError(`${label}: Docker schema 1 manifests (${mediaType}) are not supported; re-push the image with a current Docker`);
  throw new UnsupportedManifestError(`${label}: manifest media type ${JSON.stringify(mediaType)} is not an image manifest or index`);
}
