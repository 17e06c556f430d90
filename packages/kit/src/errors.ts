interface ErrorOptions {
  /** A fix-it hint appended to the annotation. */
  hint?: string;
  cause?: unknown;
}

/**
 * A failure the action reports as a plain `::error::` annotation without a stack
 * trace: a command that failed, a timeout, a remote error, a refused precondition.
 * kit's `retry` retries these by default. Anything that is neither a Failure nor
 * a ConfigurationError escaping an action is a bug and is reported with its stack.
 */
export class Failure extends Error {
  override readonly name: string = 'Failure';
  readonly hint: string | undefined;
  constructor(message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.hint = options.hint;
  }
}

/**
 * The user's fault: bad input or bad configuration (a missing file, an unknown
 * service, a malformed reference). Reported like a Failure, and never retried:
 * the same call cannot succeed until the user changes something.
 */
export class ConfigurationError extends Failure {
  override readonly name: string = 'ConfigurationError';
}

/** A configuration error about one input: the message always names the input and the bad value. */
export class InputError extends ConfigurationError {
  override readonly name: string = 'InputError';
  readonly input: string;
  constructor(input: string, message: string, options: ErrorOptions = {}) {
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
