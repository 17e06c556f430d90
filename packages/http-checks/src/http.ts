import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { Check } from './spec';

export interface Target {
  /** Send this Host header (and TLS server name) instead of the URL's host. */
  hostHeader?: string;
  /** curl-style overrides: `host:port` → address to connect to. */
  resolve?: Map<string, string>;
  /** Per-request timeout (connect + full response). */
  timeoutMs: number;
}

export interface Response {
  status: number;
  headers: Record<string, string>;
  body: string;
  latencyMs: number;
}

const MAX_BODY = 1 << 20;

/** The request did not complete within its timeout. */
export class RequestTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no complete response within ${timeoutMs}ms`);
  }
}

/** Turns socket-level failures into short, readable reasons. */
export function describeNetworkError(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset by peer';
    case 'ENOTFOUND':
      return `host not found (${e.message.split(' ').pop()})`;
    case 'EAI_AGAIN':
      return 'DNS lookup failed (temporary)';
    case 'EHOSTUNREACH':
      return 'host unreachable';
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return 'connection closed';
    default:
      return e.message.includes('socket hang up') ? 'connection closed before a response (socket hang up)' : `${e.code ?? 'error'}: ${e.message}`;
  }
}

/** One HTTP request with a hard timeout, a fresh connection, and a bounded body. */
export function send(check: Check, target: Target): Promise<Response> {
  const url = check.url;
  const isHttps = url.protocol === 'https:';
  const port = url.port || (isHttps ? '443' : '80');
  const override = target.resolve?.get(`${url.hostname}:${port}`);
  const lookup: LookupFunction | undefined = override
    ? (_host, options, cb) => {
        const family = override.includes(':') ? 6 : 4;
        if ((options as { all?: boolean }).all)
          (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address: override, family }]);
        else cb(null, override, family);
      }
    : undefined;
  const headers: Record<string, string> = { 'user-agent': 'switchyard-smoke-test', accept: '*/*', ...check.headers };
  if (target.hostHeader) headers.host = target.hostHeader;
  if (check.body !== undefined) headers['content-length'] = String(Buffer.byteLength(check.body));
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const options: https.RequestOptions = {
      method: check.method,
      headers,
      agent: false,
      ...(lookup ? { lookup } : {}),
      ...(isHttps && target.hostHeader ? { servername: target.hostHeader.replace(/:\d+$/, '') } : {}),
    };
    const req = (isHttps ? https : http).request(url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY) chunks.push(c);
      });
      res.on('end', () => {
        clearTimeout(timer);
        const flat: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
        resolve({
          status: res.statusCode ?? 0,
          headers: flat,
          body: Buffer.concat(chunks).toString('utf8'),
          latencyMs: Math.round(performance.now() - started),
        });
      });
      res.on('error', (e) => fail(e));
      res.on('aborted', () => fail(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
    });
    const fail = (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new Error(describeNetworkError(e)));
    };
    const timer = setTimeout(() => {
      req.destroy();
      reject(new RequestTimeoutError(target.timeoutMs));
    }, target.timeoutMs);
    req.on('error', fail);
    req.end(check.body);
  });
}
