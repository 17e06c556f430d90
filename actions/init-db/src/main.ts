import { core, errorMessage, redact, setOutputs } from '@switchyard/kit';
import { getInputs, type Outputs } from './inputs';
import { migrate } from './migrate';
import { RunState } from './model';
import { summary } from './report';

export async function run(): Promise<void> {
  const inputs = getInputs();
  const state = new RunState();
  // The runner cancels a step with SIGINT, then SIGTERM: stop after recording exactly what committed.
  const cancel = new AbortController();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => cancel.abort(sig));
  let failure: unknown;
  try {
    await migrate(inputs, state, {
      log: (line) => core.info(line),
      warn: (line) => core.warning(redact(line)),
      group: core.group,
      signal: cancel.signal,
      // A line per round trip: sent only when the runner shows step-debug lines (RUNNER_DEBUG=1), not written to be thrown away.
      debug: process.env.RUNNER_DEBUG === '1' ? (line) => core.debug(redact(line)) : undefined,
    });
  } catch (e) {
    failure = e;
    throw e;
  } finally {
    const outputs: Outputs = {
      'current-version': state.currentVersion,
      applied: state.applied,
      'applied-count': state.applied.length,
      'pending-count': state.pending.length - state.applied.length,
      'snapshot-id': state.snapshotId,
      lint: state.lint,
    };
    setOutputs(outputs);
    summary(state, inputs.database, failure === undefined ? undefined : errorMessage(failure)).write();
  }
}
