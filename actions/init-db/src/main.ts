import { core, errorMessage, redact, setOutputs } from '@switchyard/kit';
import { getInputs, type Outputs } from './inputs';
import { migrate } from './migrate';
import { RunState } from './model';
import { summary } from './report';

export async function run(): Promise<void> {
  const inputs = getInputs();
  const state = new RunState();
  let failure: unknown;
  try {
    await migrate(inputs, state, { log: (line) => core.info(line), warn: (line) => core.warning(redact(line)), group: core.group });
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
