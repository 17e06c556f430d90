import { runChecks, type CheckResult } from '@switchyard/http-checks';
import { core, Failure, formatDuration, setOutputs, Summary } from '@switchyard/kit';
import { getInputs, type Outputs } from './inputs';

export async function run(): Promise<void> {
  const inputs = await getInputs();
  const target = inputs.hostHeader ? ` with Host: ${inputs.hostHeader}` : '';
  const started = Date.now();
  const results = await core.group(
    `Run ${inputs.checks.length} check(s)${target}, ${inputs.concurrency} at a time, deadline ${formatDuration(inputs.timeout)}`,
    async () => {
      const done = await runChecks(inputs.checks, {
        timeoutMs: inputs.timeout,
        requestTimeoutMs: inputs.requestTimeout,
        concurrency: inputs.concurrency,
        hostHeader: inputs.hostHeader,
        resolve: inputs.resolve,
        expectVersion: inputs.expectVersion,
        log: (line) => core.info(line),
      });
      for (const r of done) core.info(`${r.passed ? '✓' : '✗'} ${r.name}: ${line(r)}`);
      return done;
    },
  );
  const failed = results.filter((r) => !r.passed);
  const outputs: Outputs = { passed: failed.length === 0, 'failed-checks': failed.map((r) => r.name), report: results };
  setOutputs(outputs);
  summary(results, Date.now() - started, inputs.expectVersion, inputs.failOnError).write();

  if (failed.length > 0) {
    const list = failed.map((r) => `- ${r.name} (${r.method} ${r.url}): ${r.reason} after ${r.attempts} attempt(s)`).join('\n');
    if (inputs.failOnError) throw new Failure(`${failed.length} of ${results.length} smoke check(s) failed:\n${list}`);
    core.warning(`${failed.length} of ${results.length} smoke check(s) did not pass (fail-on-error is false: a warning, the step succeeds):\n${list}`);
  } else {
    core.info(`All ${results.length} check(s) passed in ${formatDuration(Date.now() - started)}`);
  }
}

function line(r: CheckResult): string {
  const status = r.status === undefined ? 'no response' : `HTTP ${r.status}`;
  const latency = r.latencyMs === undefined ? '' : `, ${r.latencyMs}ms`;
  return `${status}${latency}, ${r.attempts} attempt(s)${r.passed ? '' : `: ${r.reason}`}`;
}

/**
 * The job summary. With fail-on-error false (a probe whose answer the
 * workflow reads from `passed`, such as "is a release live here?") a check
 * that does not pass is a warning, not a failure: the step succeeds, and the
 * summary says so instead of reading like a failed smoke test.
 */
export function summary(results: CheckResult[], elapsedMs: number, expectVersion: string | undefined, failOnError = true): Summary {
  const failed = results.filter((r) => !r.passed).length;
  const verdict =
    failed === 0 ? 'passed' : failOnError ? `${failed} failed` : `${failed} of ${results.length} did not pass (a warning: fail-on-error is false)`;
  const s = new Summary().heading(`Smoke test: ${verdict}`);
  s.text(`${results.length} check(s) in ${formatDuration(elapsedMs)}${expectVersion ? `, expecting version \`${expectVersion}\`` : ''}.`);
  if (failed > 0 && !failOnError) s.text('The step succeeds: its `passed` output (`false`) tells the workflow what to do next.');
  s.table(
    ['Check', 'Result', 'Attempts', 'Status', 'Latency', 'Reason'],
    results.map((r) => [
      `${r.name}`,
      r.passed ? '✅ passed' : failOnError ? '❌ failed' : '⚠️ did not pass',
      r.attempts,
      r.status ?? '—',
      r.latencyMs === undefined ? '—' : `${r.latencyMs} ms`,
      r.reason ?? '',
    ]),
  );
  return s;
}
