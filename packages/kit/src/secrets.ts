import * as core from './core';

const known = new Set<string>();

/**
 * Registers a secret: the runner masks it in every later log line
 * (`::add-mask::`), and `redact()` removes it from text we build ourselves
 * (error messages, echoed commands) so it never leaks even outside a runner.
 */
export function addSecret(value: string | undefined): void {
  if (!value) return;
  if (known.has(value)) return;
  known.add(value);
  core.setSecret(value);
  // URL-encoded forms appear in connection strings.
  const encoded = encodeURIComponent(value);
  if (encoded !== value && !known.has(encoded)) {
    known.add(encoded);
    core.setSecret(encoded);
  }
}

/** Replaces every registered secret in `text` with `***`. */
export function redact(text: string): string {
  let out = text;
  // Longest first so a secret containing another is masked whole.
  for (const s of [...known].sort((a, b) => b.length - a.length)) {
    if (s.length >= 3) out = out.split(s).join('***');
  }
  return out;
}
