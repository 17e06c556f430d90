import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { redact, retry, type Sleep } from '@switchyard/kit';
import { DigestMismatchError, PlainHttpRegistryError, RegistryAuthError, RegistryError, RegistryNetworkError, type RegistryErrorDetail } from './errors';
import { registryEndpointHost, registryScheme } from './reference';

/** How the client reaches one registry: scheme, timeouts, retries. */
export interface TransportOptions {
  /** Default: registryScheme(registry, insecureRegistries): `http` for loopback hosts (127.0.0.0/8, localhost, ::1, ::ffff:127.0.0.0/104) and listed ones, `https` otherwise. */
  scheme?: 'http' | 'https';
  /**
   * Registries spoken to over plain http, like Docker's `insecure-registries`:
   * exact host[:port] names, or IP networks (CIDR) matching registries named
   * by an IP address (see parseInsecureRegistry). Invalid entries throw.
   */
  insecureRegistries?: readonly string[];
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

/** One HTTP exchange with the registry (or its token service, or a storage backend). */
export interface Exchange {
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

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  stream?: http.IncomingMessage;
  url: string;
}

export const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);
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

/**
 * HTTP to one registry over Node's http/https: a keep-alive agent for the
 * registry's origin, redirects when asked, bounded buffered bodies, and the
 * retry policy (429, 5xx and connection errors, full jitter, a deadline per
 * operation). Knows nothing about auth.
 */
export class Transport {
  readonly baseUrl: string;
  private readonly agent: http.Agent;
  private closed = false;

  constructor(
    private readonly registry: string,
    private readonly opts: TransportOptions,
  ) {
    const scheme = opts.scheme ?? registryScheme(registry, opts.insecureRegistries);
    this.baseUrl = `${scheme}://${registryEndpointHost(registry)}`;
    this.agent = scheme === 'https' ? new https.Agent({ keepAlive: true, maxSockets: 16 }) : new http.Agent({ keepAlive: true, maxSockets: 16 });
  }

  /** Closes idle keep-alive sockets and stops retrying. */
  close(): void {
    this.closed = true;
    this.agent.destroy();
  }

  /** Runs an operation with retries on transient failures. */
  retrying<T>(label: string, fn: () => Promise<T>): Promise<T> {
    return retry(fn, {
      label,
      timeoutMs: this.opts.timeoutMs ?? 120_000,
      maxAttempts: this.opts.maxAttempts ?? 6,
      initialMs: this.opts.initialBackoffMs ?? 200,
      maxMs: 5_000,
      retryable: (e) => !this.closed && isTransient(e),
      sleep: this.opts.sleep,
      log: this.opts.log,
    });
  }

  /** A raw HTTP exchange (no auth handling), following redirects when asked. */
  async request(x: Exchange, hops = 0): Promise<Response> {
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

  /** The words added to a refused certificate's error: which server's certificate, and how to get it trusted. */
  private untrusted(url: URL, code: string): { reason: string; hint: string } {
    const backend = url.origin === new URL(this.baseUrl).origin ? '' : ', a server the registry redirected to';
    return {
      reason: ` (${code}): the TLS certificate of ${url.host}${backend} is not trusted`,
      hint:
        `give ${url.host} a certificate from a CA the runner trusts, or trust its CA for this step (env NODE_EXTRA_CA_CERTS: a PEM file of the CA); ` +
        'insecure-registries does not skip verification: it means plain http, for registries without TLS',
    };
  }

  private rawRequest(url: URL, x: Exchange): Promise<Response> {
    const mod = url.protocol === 'https:' ? https : http;
    const agent = url.origin === new URL(this.baseUrl).origin ? this.agent : undefined;
    const requestTimeoutMs = this.opts.requestTimeoutMs ?? 30_000;
    return new Promise<Response>((resolve, reject) => {
      let settled = false;
      const fail = (e: Error) => {
        if (x.body instanceof Readable && !x.body.destroyed) x.body.destroy();
        if (settled) return;
        settled = true;
        const code = (e as NodeJS.ErrnoException).code;
        const where = `${x.method} ${redact(url.origin + url.pathname)}`;
        const plain = url.protocol === 'https:' ? plainHttpAnswer(e) : undefined;
        if (plain) {
          reject(
            new PlainHttpRegistryError(this.registry, `${where}: ${url.host} answered in plain http, not https (TLS: ${plain}, ${code})`, {
              hint: `a registry without TLS is reached only when named among the insecure registries (as in Docker's insecure-registries), and only on a trusted network; otherwise serve it over https`,
              cause: e,
            }),
          );
          return;
        }
        if (e instanceof RegistryError || e instanceof DigestMismatchError) {
          reject(e);
          return;
        }
        const certificate = url.protocol === 'https:' && isCertificateError(code) ? this.untrusted(url, code!) : undefined;
        // e.message, not kit errorMessage: the same text for Node's errors, also across realms (Jest); an
        // empty one (AggregateError of a dual-stack connect) shows the code. A certificate error keeps
        // OpenSSL's reason without Node's advice after it (the hint says what to do).
        const reason = (certificate ? e.message.split('; ')[0] : e.message) || (code ?? 'connection failed');
        reject(
          new RegistryNetworkError(`${where}: ${reason}${certificate?.reason ?? ''}`, code, {
            ...(certificate ? { hint: certificate.hint } : {}),
            cause: e,
          }),
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
      req.setTimeout(requestTimeoutMs, () => {
        const e = new Error(`no response for ${requestTimeoutMs} ms`) as NodeJS.ErrnoException;
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

export function header(res: Response, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function contentType(res: Response): string | undefined {
  return header(res, 'content-type')?.split(';')[0]?.trim();
}

/** The registry's JSON error body (`{"errors":[…]}`), or none. */
export function registryErrors(res: Response): RegistryErrorDetail[] {
  if (!res.body.length) return [];
  try {
    const j = JSON.parse(res.body.toString('utf8')) as { errors?: RegistryErrorDetail[] };
    return Array.isArray(j.errors) ? j.errors : [];
  } catch {
    return [];
  }
}

/** ` (CODE: message; …)` from the error body, or the start of a text body (redacted), for messages. */
export function detail(res: Response): string {
  const errs = registryErrors(res);
  if (errs.length) return ` (${errs.map((e) => `${e.code}: ${e.message}`).join('; ')})`;
  const text = res.body.toString('utf8').trim().slice(0, 200);
  return text ? ` (${redact(text)})` : '';
}

/** An answer the caller did not expect, as a RegistryError keeping the status and the registry's error codes. */
export function unexpected(label: string, res: Response): RegistryError {
  return new RegistryError(`${label}: HTTP ${res.status}${detail(res)}`, res.status, registryErrors(res));
}

/** OpenSSL's reason when the bytes answering a ClientHello are an HTTP response, not a TLS record; undefined for any other error. */
function plainHttpAnswer(e: Error): string | undefined {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  if (code !== 'EPROTO' && !code.startsWith('ERR_SSL_')) return undefined;
  return /wrong version number|packet length too long/i.exec(e.message)?.[0].toLowerCase();
}

/**
 * OpenSSL's and Node's codes for a server certificate that failed verification
 * (self-signed, expired, unknown issuer, wrong host name). Never in RETRY_CODES:
 * the same certificate is refused again.
 */
function isCertificateError(code: string | undefined): boolean {
  return code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|INVALID_CA|HOSTNAME_MISMATCH/.test(code);
}

/** 429/5xx answers and connection errors are worth another attempt; everything else is final. */
export function isTransient(e: unknown): boolean {
  if (e instanceof RegistryNetworkError) return e.code === undefined || RETRY_CODES.has(e.code) || /socket hang up|aborted/i.test(e.message);
  if (e instanceof RegistryAuthError) return false;
  if (e instanceof RegistryError) return RETRY_STATUS.has(e.status);
  return false;
}
