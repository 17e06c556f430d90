import { describe, expect, it } from '@jest/globals';
import { mismatches, parseChecks, parsePath, readPath, type Check, type Response } from '@switchyard/http-checks';

const base = new URL('http://10.0.0.5:8080/api');
const parse = (doc: unknown, extra: { expectVersion?: string } = {}) => parseChecks(doc, { input: 'checks', baseUrl: base, ...extra });
const res = (over: Partial<Response> = {}): Response => ({ status: 200, headers: {}, body: '', latencyMs: 10, ...over });

describe('parseChecks', () => {
  it('accepts URL shorthands and full mappings, joining paths to base-url', () => {
    const [a, b] = parse([
      '/healthz',
      { name: 'cart', url: 'https://shop.example.com/cart', method: 'post', body: { x: 1 }, status: ['2xx', 404, '300-302'], headers: { 'X-Token': 'abc' } },
    ]);
    expect(a!.url.href).toBe('http://10.0.0.5:8080/api/healthz');
    expect(a!.name).toBe('GET /api/healthz');
    expect(a!.status).toEqual([[200, 299]]);
    expect(b!.method).toBe('POST');
    expect(b!.body).toBe('{"x":1}');
    expect(b!.headers).toEqual({ 'x-token': 'abc', 'content-type': 'application/json' });
    expect(b!.status).toEqual([
      [200, 299],
      [404, 404],
      [300, 302],
    ]);
  });

  it.each([
    [null, "Input 'checks': is empty"],
    [[], "Input 'checks': is an empty list"],
    ['just text', "Input 'checks': must be a YAML list"],
    [[{ url: '/a', stauts: 200 }], `Input 'checks': check 1: unknown key "stauts" (known keys: name, url,`],
    [[{ name: 'x' }], `Input 'checks': check 1 ("x"): url is required`],
    [[{ url: 'ftp://h/x' }], 'must be http or https'],
    [[{ url: '/a', status: 'abc' }], 'status "abc" is not a status code'],
    [[{ url: '/a', status: 700 }], 'status 700 is not a status code'],
    [[{ url: '/a', method: 'FETCH' }], 'method "FETCH" is not one of'],
    [[{ url: '/a', 'body-matches': '(' }], 'body-matches "(" is not a valid regular expression'],
    [[{ url: '/a', json: { 'a..b': 1 } }], 'json: malformed path "a..b"'],
    [[{ url: '/a', 'max-latency': -5 }], 'max-latency -5 is not a positive duration'],
    [[{ url: '/a' }, { url: '/a' }], 'two checks are named "GET /api/a"'],
  ])('rejects %j', (doc, message) => {
    expect(() => parse(doc)).toThrow(message);
  });

  it('needs a base-url for relative URLs', () => {
    expect(() => parseChecks(['/a'], { input: 'checks-file' })).toThrow(`Input 'checks-file': check 1: url "/a" is relative but base-url is not set`);
  });

  it('requires a place to read the version when expect-version is set', () => {
    expect(() => parse(['/a'], { expectVersion: '1.2.3' })).toThrow(`Input 'expect-version': is "1.2.3" but no check says where to read the version`);
    expect(parse([{ url: '/v', 'version-header': 'X-Version' }], { expectVersion: '1' })[0]!.versionHeader).toBe('x-version');
  });
});

describe('json paths', () => {
  const doc = { data: { items: [{ id: 7 }], 'a.b': true } };
  it('reads nested fields and indexes', () => {
    expect(readPath(doc, parsePath('data.items[0].id'))).toEqual({ found: true, value: 7 });
    expect(readPath(doc, parsePath('$.data["a.b"]'))).toEqual({ found: true, value: true });
    expect(readPath(doc, parsePath('data.items[3].id'))).toEqual({ found: false });
    expect(readPath(doc, parsePath('data.missing'))).toEqual({ found: false });
  });
});

describe('mismatches', () => {
  const check = (doc: Record<string, unknown>, ev?: string): Check => parse([{ url: '/x', ...doc }], ev ? { expectVersion: ev } : {})[0]!;
  it('passes a matching response', () => {
    const c = check({ status: 200, 'body-contains': 'ok', 'body-matches': '^\\{', json: { 'data.id': 1, 'data.tags': ['a'] }, 'max-latency': 100 });
    expect(mismatches(c, res({ body: '{"ok":true,"data":{"id":1,"tags":["a"]}}' }))).toEqual([]);
  });
  it('lists every reason a response does not match', () => {
    const c = check({ status: '2xx', 'body-contains': 'ready', json: { 'data.id': 1, 'data.x': 2 }, 'max-latency': 100 });
    expect(mismatches(c, res({ status: 503, body: '{"data":{"id":2}}', latencyMs: 250 }))).toEqual([
      'status 503, expected 2xx',
      'body does not contain "ready"',
      'JSON data.id is 2, expected 1',
      'JSON data.x is missing, expected 2',
      'latency 250ms exceeds 100ms',
    ]);
    expect(mismatches(check({ json: { a: 1 } }), res({ body: '<html>' }))).toEqual(['body is not JSON (needed for a)']);
  });
  it('checks the running version from a JSON field or a header', () => {
    const byJson = check({ 'version-json': 'version' }, '2.0.0');
    expect(mismatches(byJson, res({ body: '{"version":"2.0.0"}' }), '2.0.0')).toEqual([]);
    expect(mismatches(byJson, res({ body: '{"version":"1.9.0"}' }), '2.0.0')).toEqual(['version is "1.9.0", expected "2.0.0"']);
    const byHeader = check({ 'version-header': 'x-release' }, '2.0.0');
    expect(mismatches(byHeader, res({ headers: {} }), '2.0.0')).toEqual(['version header x-release is missing, expected "2.0.0"']);
  });
});
