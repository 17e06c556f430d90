import { Failure } from '@switchyard/kit';

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

/** Transport-level failure (reset, refused, timeout): retried by the client until its deadline. */
export class RegistryNetworkError extends Error {
  override readonly name: string = 'RegistryNetworkError';
  constructor(
    message: string,
    readonly code: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
