// smoke-test's job summary: a failing check fails the smoke test, unless the
// step runs with fail-on-error false (a probe such as "is a release live
// here?"), where it is a warning and the summary says the step succeeds.
import { describe, expect, it } from '@jest/globals';
import type { CheckResult } from '@switchyard/http-checks';
import { summary } from '../../actions/smoke-test/src/main';

const probe: CheckResult = {
  name: 'a release answers on the live entry point',
  method: 'GET',
  url: 'http://127.0.0.1:8080/version',
  passed: false,
  attempts: 3,
  status: 503,
  latencyMs: 2,
  reason: 'status 503, expected 200',
  elapsedMs: 3_000,
};
const ok: CheckResult = {
  name: 'GET /healthz',
  method: 'GET',
  url: 'http://127.0.0.1:8080/healthz',
  passed: true,
  attempts: 1,
  status: 200,
  latencyMs: 4,
  elapsedMs: 4,
};

describe('summary', () => {
  it('calls a failing check a failure when the step fails on it (the default)', () => {
    const text = summary([probe, ok], 3_000, undefined).toString();
    expect(text).toContain('## Smoke test: 1 failed');
    expect(text).toContain('| a release answers on the live entry point | ❌ failed | 3 | 503 | 2 ms | status 503, expected 200 |');
    expect(text).toContain('| GET /healthz | ✅ passed | 1 | 200 | 4 ms |');
    expect(text).not.toContain('did not pass');
    expect(text).not.toContain('The step succeeds');
  });

  it('with fail-on-error false, a check that does not pass is a warning, its reason kept, and the step said to succeed', () => {
    const text = summary([probe, ok], 3_000, undefined, false).toString();
    expect(text).toContain('## Smoke test: 1 of 2 did not pass (a warning: fail-on-error is false)');
    expect(text).toContain('The step succeeds: its `passed` output (`false`) tells the workflow what to do next.');
    expect(text).toContain('| a release answers on the live entry point | ⚠️ did not pass | 3 | 503 | 2 ms | status 503, expected 200 |');
    expect(text).toContain('| GET /healthz | ✅ passed | 1 | 200 | 4 ms |');
    expect(text).not.toMatch(/failed/);
  });

  it('reads the same either way when every check passes', () => {
    for (const failOnError of [true, false]) {
      const text = summary([ok], 1_500, '1.2.3', failOnError).toString();
      expect(text).toContain('## Smoke test: passed');
      expect(text).toContain('1 check(s) in 1.5s, expecting version `1.2.3`.');
      expect(text).not.toContain('The step succeeds');
    }
  });
});
