import * as core from './core';
import { errorMessage, UserError } from './errors';
import { redact } from './secrets';

/**
 * The one top-level handler every action's entry uses. A UserError becomes a
 * single `::error::` annotation (with its hint) and exit code 1; anything else
 * is reported as a bug, with the stack in the log.
 */
export async function runAction(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (e) {
    reportFailure(e);
  }
}

export function reportFailure(e: unknown): void {
  if (e instanceof UserError) {
    core.setFailed(redact(e.hint ? `${e.message}\nHint: ${e.hint}` : e.message));
    return;
  }
  if (e instanceof Error && e.stack) core.info(redact(e.stack));
  core.setFailed(redact(`Unexpected error: ${errorMessage(e)} (this is a bug in Switchyard; please report it with the log)`));
}
