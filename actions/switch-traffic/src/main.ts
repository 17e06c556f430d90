import { core, formatDuration, setOutputs, Failure } from '@switchyard/kit';
import { execute } from './flow';
import { getInputs } from './inputs';
import { outputsOf, summaryOf } from './report';
import { createAnalysis, createGates, createProvider } from './setup';
import { formatWeights } from './weights';

export async function run(): Promise<void> {
  const { plan, target, gates, analysis, drainWait } = await getInputs();
  const log = (line: string) => core.info(line);
  const provider = await createProvider(target, log);
  if (target.kind === 'haproxy' && !target.haproxy.stateFile && plan.mode !== 'status') {
    core.warning('haproxy-state-file is not set: a restarted proxy will load the weights of its configuration, not these');
  }
  const report = await execute(plan, {
    provider,
    gates: createGates(gates, log),
    analysis: createAnalysis(analysis, log),
    drainWaitMs: drainWait,
    log,
    group: core.group,
    // Set before any change, so an `if: failure()` rollback step has it even when this step fails part-way.
    onRead: (state) => core.setOutput('previous-weights', JSON.stringify(state.weights)),
  });
  const { 'previous-weights': _previous, ...outputs } = outputsOf(report);
  setOutputs(outputs);
  summaryOf(report, provider.kind).write();

  if (report.failure) {
    const restored = report.failure.restore
      ? `restored ${formatWeights(report.previous)} (change ${report.failure.restore.changeId})`
      : `weights unchanged (${formatWeights(report.previous)})`;
    throw new Failure(`Gate failed at step ${report.failure.step}; ${restored}:\n${report.failure.evidence.join('\n')}`);
  }
  if (report.drain && report.drain.left > 0)
    core.warning(
      `${report.drain.color} still has ${report.drain.left} request(s) in flight after ${formatDuration(report.drain.ms)} (drain-wait): stopping it now would cut them`,
    );
  if (outputs['live-color'] === 'mixed') core.warning(`Neither colour is clearly live: ${formatWeights(report.final)}`);
  const what = report.changeId ? `effective after ${formatDuration(report.effectiveMs)}` : 'nothing changed';
  core.info(`Done: ${formatWeights(report.final)} (live: ${outputs['live-color']}); ${what}`);
}
