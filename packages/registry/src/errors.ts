import { Failure, InputError } from '@switchyard/kit';

/** One entry of a registry's JSON error body (`{"errors":[{code,message,detail}]}`). */
export interface RegistryErrorDetail {
  code: string;
  message: string;
  detail?: unknown;
}

/**
 * A registry answered with an unexpected HTTP status. `status` and the
 * registry's error codes (MANIFEST_UNKNOWN, BLOB_UNKNOWN, DENIED, ...) are
 * kept for callers; 429 and 5xx are retried by the client before this escapes.
 */
export class RegistryError extends Failure {
  override readonly name: string = 'RegistryError';
  constructor(
    message: string,
    readonly status: number,
    readonly errors: RegistryErrorDetail[] = [],
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super(message, options);
  }
  /** Whether the registry reported a given error code. */
  has(code: string): boolean {
    return this.errors.some((e) => e.code === code);
  }
}

/** The registry rejected our credentials, or we had none where they are required (401/403). */
export class RegistryAuthError extends RegistryError {
  override readonly name: string = 'RegistryAuthError';
}

/** A manifest or blob's bytes do not hash to the digest they were asked by or announced with. */
export class DigestMismatchError extends Failure {
  override readonly name: string = 'DigestMismatchError';
}

/** A manifest in a format we refuse (Docker schema 1, unknown media types). */
export class UnsupportedManifestError extends Failure {
  override readonly name: string = 'UnsupportedManifestError';
}

/**
 * An https request met a server speaking plain http (TLS saw an HTTP answer).
 * Never retried: a registry without TLS must be named among the caller's
 * insecure registries, which only belongs on a trusted network.
 */
export class PlainHttpRegistryError extends Failure {
  override readonly name: string = 'PlainHttpRegistryError';
  constructor(
    readonly registry: string,
    message: string,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/**
 * Transport-level failure (reset, refused, timeout, a TLS certificate refused),
 * a kit Failure: reported as a plain error naming the request, never as a bug.
 * Whether it is retried is the client's decision (transport.ts isTransient:
 * connection errors yes, certificate errors no), not the class's.
 */
export class RegistryNetworkError extends Failure {
  override readonly name: string = 'RegistryNetworkError';
  constructor(
    message: string,
    readonly code: string | undefined,
    options: { hint?: string; cause?: unknown } = {},
  ) {
    super(message, options);
  }
}

/**
 * A PlainHttpRegistryError as the InputError of an action's
 * insecure-registries input (the registry is not listed). `hint` adds what
 * else the action's user must change (build-image: the pushing daemon).
 */
export function notInInsecureRegistries(e: PlainHttpRegistryError, opts: { input?: string; hint?: string } = {}): InputError {
  const input = opts.input ?? 'insecure-registries';
  const r = e.registry;
  return new InputError(input, `${e.message}; ${r} is not in ${input}`, {
    hint: `if the network to ${r} is trusted (as for a Docker daemon with it in insecure-registries), add ${r} to ${input}${opts.hint ? ` (${opts.hint})` : ''}; otherwise serve the registry over https`,
    cause: e,
  });
}
