import * as core from './core';
import { errorMessage, Failure } from './errors';
import { redact } from './secrets';

const POST_STATE = 'isPost';

/**
 * The one entry every action's `index.ts` calls. Without `post` it runs `main`.
 * With `post`, the same bundle serves both stages: the main stage records that
 * it ran, and the runner's `post:` step (which sees that state) runs `post`.
 * Whatever escapes either stage is reported by `reportFailure`.
 */
export async function runAction(main: () => Promise<void>, post?: () => Promise<void>): Promise<void> {
  const isPost = post !== undefined && core.getState(POST_STATE) === 'true';
  try {
    if (isPost) {
      await post();
    } else {
      if (post) core.saveState(POST_STATE, 'true');
      await main();
    }
  } catch (e) {
    reportFailure(e);
  }
}

/**
 * One named value handed from the main stage to the post stage. Declare it once,
 * next to the code that needs it, so the key is written and read in one place.
 */
export function stateSlot(name: string): { save(value: string): void; read(): string } {
  return { save: (value) => core.saveState(name, value), read: () => core.getState(name) };
}

/**
 * A Failure (or ConfigurationError) becomes a single `::error::` annotation with
 * its hint and exit code 1; anything else is a bug, reported with its stack.
 */
export function reportFailure(e: unknown): void {
  if (e instanceof Failure) {
    core.setFailed(redact(e.hint ? `${e.message}\nHint: ${e.hint}` : e.message));
    return;
  }
  if (e instanceof Error && e.stack) core.info(redact(e.stack));
  core.setFailed(redact(`Unexpected error: ${errorMessage(e)} (this is a bug in Switchyard; please report it with the log)`));
}
