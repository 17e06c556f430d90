import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseChecks, runChecks } from '@switchyard/http-checks';
import { actionDir, runBundledAction } from '@switchyard/testkit';
import { startFixture } from '../support/http-fixture';

let fx: Awaited<ReturnType<typeof startFixture>>;
beforeAll(async () => {
  fx = await startFixture('2.0.0');
});
afterAll(() => fx.close());

const checks = (doc: unknown, expectVersion?: string) =>
  parseChecks(doc, { input: 'checks', baseUrl: new URL(fx.url), ...(expectVersion ? { expectVersion } : {}) });
const opts = { timeoutMs: 8000, requestTimeoutMs: 2000, concurrency: 8, initialMs: 50, maxMs: 200 };

describe('check engine against a real HTTP server', () => {
  it('retries HTTP errors and closed connections until they pass', async () => {
    const results = await runChecks(checks(['/flaky/a/3', '/close/b/2']), opts);
    expect(results.map((r) => [r.passed, r.attempts, r.status])).toEqual([
      [true, 4, 200],
      [true, 3, 200],
    ]);
    expect(fx.hits('a')).toBe(4);
  });

  it('fails a wrong body at the deadline with the last reason', async () => {
    const [r] = await runChecks(checks([{ url: '/wrong-body', json: { status: 'ok' } }]), { ...opts, timeoutMs: 600 });
    expect(r!.passed).toBe(false);
    expect(r!.attempts).toBeGreaterThan(1);
    expect(r!.reason).toBe('JSON status is "degraded", expected "ok"');
    expect(r!.status).toBe(200);
  });

  it('reports connection refused and request timeouts as reasons', async () => {
    const [refused] = await runChecks(parseChecks(['http://127.0.0.1:1/x'], { input: 'checks' }), { ...opts, timeoutMs: 300 });
    expect(refused!.reason).toBe('connection refused');
    expect(refused!.status).toBeUndefined();
    const [slow] = await runChecks(checks(['/slow/1000']), { ...opts, timeoutMs: 400, requestTimeoutMs: 200 });
    expect(slow!.reason).toMatch(/^no complete response within \d+ms$/);
  });

  it('checks latency and the running version', async () => {
    const results = await runChecks(
      checks(
        [
          { url: '/slow/150', 'max-latency': 50 },
          { url: '/ok', 'version-json': 'version' },
          { url: '/ok', name: 'hdr', 'version-header': 'x-release' },
        ],
        '2.0.1',
      ),
      { ...opts, timeoutMs: 500, expectVersion: '2.0.1' },
    );
    expect(results[0]!.reason).toMatch(/^latency \d+ms exceeds 50ms$/);
    expect(results[1]!.reason).toBe('version is "2.0.0", expected "2.0.1"');
    expect(results[2]!.reason).toBe('version header x-release is "2.0.0", expected "2.0.1"');
  });

  it('sends the production Host header to the idle colour, and honours resolve overrides', async () => {
    const [viaHost] = await runChecks(checks([{ url: '/host', json: { host: 'shop.example.com' } }]), { ...opts, hostHeader: 'shop.example.com' });
    expect(viaHost!.passed).toBe(true);
    const resolved = parseChecks([{ url: `http://shop.example.com:${fx.port}/host`, json: { host: `shop.example.com:${fx.port}` } }], { input: 'checks' });
    const [viaResolve] = await runChecks(resolved, { ...opts, resolve: new Map([[`shop.example.com:${fx.port}`, '127.0.0.1']]) });
    expect(viaResolve!.passed).toBe(true);
  });

  it('runs checks in parallel, bounded by concurrency', async () => {
    const six = checks(Array.from({ length: 6 }, (_, i) => ({ name: `slow ${i}`, url: '/slow/300' })));
    const t0 = performance.now();
    await runChecks(six, { ...opts, concurrency: 6 });
    const parallel = performance.now() - t0;
    const t1 = performance.now();
    await runChecks(six, { ...opts, concurrency: 2 });
    const bounded = performance.now() - t1;
    // 6 in parallel take about one request; 2 at a time take about three.
    expect(bounded).toBeGreaterThan(parallel * 2);
  });
});

describe('bundled smoke-test action', () => {
  const action = actionDir('smoke-test');

  it('passes and sets outputs, a report and a summary', async () => {
    const r = await runBundledAction(action, {
      inputs: { 'base-url': fx.url, 'expect-version': '2.0.0', checks: '- url: /flaky/d/1\n  version-json: version\n- /ok\n' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs.passed).toBe('true');
    expect(JSON.parse(r.outputs['failed-checks']!)).toEqual([]);
    const report = JSON.parse(r.outputs.report!) as { name: string; attempts: number; passed: boolean }[];
    expect(report.map((x) => [x.name, x.passed, x.attempts])).toEqual([
      ['GET /flaky/d/1', true, 2],
      ['GET /ok', true, 1],
    ]);
    expect(r.summary).toContain('## Smoke test: passed');
    expect(r.summary).toContain('| GET /flaky/d/1 | ✅ passed | 2 | 200 |');
  });

  it('fails with one error listing every failing check and its reason', async () => {
    const r = await runBundledAction(action, {
      inputs: { 'base-url': fx.url, timeout: '1s', checks: '- name: degraded\n  url: /wrong-body\n  body-contains: \'"ok"\'\n- /ok\n- /missing\n' },
    });
    expect(r.code).toBe(1);
    expect(r.outputs.passed).toBe('false');
    expect(JSON.parse(r.outputs['failed-checks']!)).toEqual(['degraded', 'GET /missing']);
    const errors = r.annotations.filter((a) => a.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(
      /^2 of 3 smoke check\(s\) failed:\n- degraded \(GET .*\/wrong-body\): body does not contain "\\"ok\\"" after \d+ attempt\(s\)\n- GET \/missing \(GET .*\/missing\): status 404, expected 2xx after \d+ attempt\(s\)$/,
    );
    expect(r.summary).toContain('❌ failed');
  });

  it('with fail-on-error: false, succeeds and reports passed=false', async () => {
    const r = await runBundledAction(action, { inputs: { 'base-url': fx.url, timeout: '500ms', 'fail-on-error': 'false', checks: '- /missing' } });
    expect(r.code).toBe(0);
    expect(r.outputs.passed).toBe('false');
    expect(r.annotations.map((a) => a.level)).toEqual(['warning']);
    expect(r.annotations[0]!.message).toMatch(
      /^1 of 1 smoke check\(s\) did not pass \(fail-on-error is false: a warning, the step succeeds\):\n- GET \/missing \(GET .*\/missing\): status 404, expected 2xx after \d+ attempt\(s\)$/,
    );
    expect(r.summary).toContain('## Smoke test: 1 of 1 did not pass (a warning: fail-on-error is false)');
    expect(r.summary).toMatch(/\| GET \/missing \| ⚠️ did not pass \| \d+ \| 404 \|/);
    expect(r.summary).not.toContain('failed');
  });

  it('reads checks from a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'checks-'));
    writeFileSync(join(dir, 'checks.yml'), '- /ok\n');
    const r = await runBundledAction(action, { inputs: { 'base-url': fx.url, 'checks-file': join(dir, 'checks.yml') } });
    expect(r.code).toBe(0);
  });

  describe('bad input: a clear error naming the input, exit 1, no request sent', () => {
    it.each([
      [{ checks: '- url: /flaky/never/0\n  status: [200\n' }, /^Input 'checks': invalid YAML at line 2, column 15: Flow sequence/],
      [{ checks: '- url: /flaky/never/0\n  stauts: 200\n' }, /^Input 'checks': check 1: unknown key "stauts"/],
      [{ checks: '- url: /flaky/never/0', 'base-url': 'not a url' }, /^Input 'base-url': "not a url" is not a valid absolute URL$/],
      [{ checks: '- /flaky/never/0', timeout: '-5s' }, /^Input 'timeout': "-5s" is negative/],
      [{ checks: '[]' }, /^Input 'checks': is an empty list/],
      [{}, /^Input 'checks': is required \(or give checks-file\)$/],
      [{ 'checks-file': '/nonexistent/checks.yml' }, /^Input 'checks-file': "\/nonexistent\/checks.yml" cannot be read/],
      [{ checks: '- /flaky/never/0', concurrency: '0' }, /^Input 'concurrency': 0 is below the minimum 1$/],
      [{ checks: '- /flaky/never/0', 'fail-on-error': 'yes' }, /^Input 'fail-on-error': "yes" is not a boolean/],
      [{ checks: '- /flaky/never/0', resolve: 'shop.example.com' }, /^Input 'resolve': "shop.example.com" is not host:port:address$/],
    ])('%j', async (inputs, message) => {
      const r = await runBundledAction(action, { inputs: { 'base-url': fx.url, ...inputs } });
      expect(r.code).toBe(1);
      const errors = r.annotations.filter((a) => a.level === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]!.message).toMatch(message);
      expect(fx.hits('never')).toBe(0);
      expect(r.outputs).toEqual({});
    });
  });
});
