import { InputError, parseDuration, show } from '@switchyard/kit';
import { parsePath, type Segment } from './path';

/** Inclusive status ranges, e.g. `2xx` → [200, 299]. */
export type StatusRange = [number, number];

export interface JsonExpectation {
  path: string;
  segments: Segment[];
  equals: unknown;
}

/** One fully parsed, validated check. Nothing here touches the network. */
export interface Check {
  name: string;
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
  status: StatusRange[];
  bodyContains: string[];
  bodyMatches: RegExp[];
  json: JsonExpectation[];
  maxLatencyMs?: number;
  /** Where this check reads the running version from (with `expect-version`). */
  versionJson?: { path: string; segments: Segment[] };
  versionHeader?: string;
}

export interface ParseOptions {
  /** Input name used in error messages. */
  input: string;
  baseUrl?: URL;
  expectVersion?: string;
}

const KEYS = [
  'name',
  'url',
  'method',
  'headers',
  'body',
  'status',
  'body-contains',
  'body-matches',
  'json',
  'max-latency',
  'version-json',
  'version-header',
] as const;
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * Validates the checks document (a YAML list) into checks. Every problem
 * names the input, the check (by position and name) and the bad value.
 */
export function parseChecks(doc: unknown, opts: ParseOptions): Check[] {
  const { input } = opts;
  if (doc === null || doc === undefined) throw new InputError(input, 'is empty: give at least one check');
  const list = Array.isArray(doc) ? doc : (doc as { checks?: unknown }).checks;
  if (!Array.isArray(list)) throw new InputError(input, 'must be a YAML list of checks (or a mapping with a `checks:` list)');
  if (list.length === 0) throw new InputError(input, 'is an empty list: give at least one check');
  const checks = list.map((item, i) => parseCheck(item, i, opts));
  const names = new Set<string>();
  for (const c of checks) {
    if (names.has(c.name)) throw new InputError(input, `two checks are named ${show(c.name)}: names must be unique`);
    names.add(c.name);
  }
  if (opts.expectVersion && !checks.some((c) => c.versionJson || c.versionHeader)) {
    throw new InputError(
      'expect-version',
      `is ${show(opts.expectVersion)} but no check says where to read the version: add version-json or version-header to a check`,
    );
  }
  return checks;
}

function parseCheck(item: unknown, index: number, opts: ParseOptions): Check {
  const raw: Record<string, unknown> = typeof item === 'string' ? { url: item } : (item as Record<string, unknown>);
  const where = (name?: unknown) => `check ${index + 1}${typeof name === 'string' ? ` (${show(name)})` : ''}`;
  const fail = (why: string): never => {
    throw new InputError(opts.input, `${where(raw?.name)}: ${why}`);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(`must be a URL or a mapping, got ${show(item)}`);
  for (const key of Object.keys(raw)) {
    if (!(KEYS as readonly string[]).includes(key)) fail(`unknown key ${show(key)} (known keys: ${KEYS.join(', ')})`);
  }
  const str = (key: string): string | undefined => {
    const v = raw[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' && typeof v !== 'number') fail(`${key} must be a string, got ${show(v)}`);
    return String(v);
  };
  const strList = (key: string): string[] => {
    const v = raw[key];
    if (v === undefined || v === null) return [];
    const arr = Array.isArray(v) ? v : [v];
    return arr.map((x) => (typeof x === 'string' || typeof x === 'number' ? String(x) : fail(`${key} must be a string or a list of strings, got ${show(v)}`)));
  };

  const urlText = str('url') ?? fail('url is required');
  const url = resolveUrl(urlText, opts.baseUrl, fail);
  const method = (str('method') ?? 'GET').toUpperCase();
  if (!METHODS.includes(method)) fail(`method ${show(method)} is not one of ${METHODS.join(', ')}`);

  const headers: Record<string, string> = {};
  if (raw.headers !== undefined) {
    if (typeof raw.headers !== 'object' || raw.headers === null || Array.isArray(raw.headers)) fail('headers must be a mapping of name: value');
    for (const [k, v] of Object.entries(raw.headers as Record<string, unknown>)) {
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(k)) fail(`header name ${show(k)} is not valid`);
      if (typeof v !== 'string' && typeof v !== 'number') fail(`header ${k} must be a string`);
      headers[k.toLowerCase()] = String(v);
    }
  }
  let body: string | undefined;
  if (raw.body !== undefined && raw.body !== null) {
    if (typeof raw.body === 'string') body = raw.body;
    else {
      body = JSON.stringify(raw.body);
      headers['content-type'] ??= 'application/json';
    }
  }

  const status = parseStatus(raw.status, fail);
  const bodyMatches = strList('body-matches').map((src) => {
    try {
      return new RegExp(src);
    } catch (e) {
      return fail(`body-matches ${show(src)} is not a valid regular expression: ${(e as Error).message}`);
    }
  });
  const json: JsonExpectation[] = [];
  if (raw.json !== undefined) {
    if (typeof raw.json !== 'object' || raw.json === null || Array.isArray(raw.json))
      fail('json must be a mapping of path: expected value, e.g. { "data.items[0].id": 1 }');
    for (const [path, equals] of Object.entries(raw.json as Record<string, unknown>)) json.push({ path, segments: segments(path, 'json', fail), equals });
  }
  let maxLatencyMs: number | undefined;
  if (raw['max-latency'] !== undefined) {
    const v = raw['max-latency'];
    const ms = typeof v === 'number' ? v : typeof v === 'string' ? parseDuration(v, 'ms') : undefined;
    if (ms === undefined || !(ms > 0)) fail(`max-latency ${show(v)} is not a positive duration (e.g. 500 or 500ms)`);
    maxLatencyMs = ms;
  }
  const vj = str('version-json');
  const vh = str('version-header');
  const name = str('name') ?? `${method} ${url.pathname}${url.search}`;
  return {
    name,
    url,
    method,
    headers,
    ...(body !== undefined ? { body } : {}),
    status,
    bodyContains: strList('body-contains'),
    bodyMatches,
    json,
    ...(maxLatencyMs !== undefined ? { maxLatencyMs } : {}),
    ...(vj ? { versionJson: { path: vj, segments: segments(vj, 'version-json', fail) } } : {}),
    ...(vh ? { versionHeader: vh.toLowerCase() } : {}),
  };
}

function segments(path: string, key: string, fail: (why: string) => never): Segment[] {
  try {
    return parsePath(path);
  } catch (e) {
    return fail(`${key}: ${(e as Error).message}`);
  }
}

function resolveUrl(text: string, base: URL | undefined, fail: (why: string) => never): URL {
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    let u: URL;
    try {
      u = new URL(text);
    } catch {
      return fail(`url ${show(text)} is not a valid URL`);
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') fail(`url ${show(text)} must be http or https`);
    return u;
  }
  if (!base) return fail(`url ${show(text)} is relative but base-url is not set`);
  // Join so that base paths are kept: base http://h/api + /healthz → http://h/api/healthz.
  const joined = new URL(base.href.replace(/\/?$/, '/') + text.replace(/^\//, ''));
  return joined;
}

export function parseStatus(v: unknown, fail: (why: string) => never): StatusRange[] {
  if (v === undefined || v === null) return [[200, 299]];
  const items = Array.isArray(v) ? v : [v];
  if (items.length === 0) fail('status must not be an empty list');
  return items.map((s): StatusRange => {
    if (typeof s === 'number' && Number.isInteger(s) && s >= 100 && s <= 599) return [s, s];
    if (typeof s === 'string') {
      const t = s.trim();
      if (/^[1-5]xx$/i.test(t)) return [Number(t[0]) * 100, Number(t[0]) * 100 + 99];
      if (/^[1-5]\d\d$/.test(t)) return [Number(t), Number(t)];
      const r = /^([1-5]\d\d)-([1-5]\d\d)$/.exec(t);
      if (r && Number(r[1]) <= Number(r[2])) return [Number(r[1]), Number(r[2])];
    }
    return fail(`status ${show(s)} is not a status code, a class like 2xx, or a range like 200-204`);
  });
}

export function describeStatus(ranges: StatusRange[]): string {
  return ranges.map(([a, b]) => (a === b ? String(a) : b - a === 99 && a % 100 === 0 ? `${a / 100}xx` : `${a}-${b}`)).join(' or ');
}
