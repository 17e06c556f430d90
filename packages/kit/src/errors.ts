/**
 * A mistake the user can fix (bad input, missing file, a refused precondition).
 * Reported as a plain `::error::` annotation without a stack trace. Anything
 * else that escapes an action is treated as a bug and reported with its stack.
 */
export class UserError extends Error {
  override readonly name: string = 'UserError';
  /** Optional fix-it hint appended to the annotation. */
  readonly hint: string | undefined;
  constructor(message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hint = options.hint;
  }
}

/** A user error about one input: the message always names the input and the bad value. */
export class InputError extends UserError {
  override readonly name: string = 'InputError';
  readonly input: string;
  constructor(input: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(`Input '${input}': ${message}`, options);
    this.input = input;
  }
}

/** The message of anything thrown, including non-Error values. */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  try {
    return JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}

/** Shows a value in an error message: strings quoted, others as JSON; one line, shortened. */
export function show(value: unknown, max = 80): string {
  const isString = typeof value === 'string';
  const text = isString ? value : (JSON.stringify(value) ?? String(value));
  const oneLine = text.replace(/\r?\n/g, '\\n');
  const cut = oneLine.length > max ? `${oneLine.slice(0, max)}…` : oneLine;
  return isString ? JSON.stringify(cut) : cut;
}
