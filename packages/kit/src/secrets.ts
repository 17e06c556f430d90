import * as core from './core';

/**
 * A set of secrets and the text they must never appear in: each value and its
 * URL-encoded form (as in connection strings), replaced longest first so a
 * secret containing another is masked whole. Pure: it prints nothing, so a
 * workflow runner can keep its own.
 */
export class Masker {
  private readonly values: string[] = [];

  /** Registers a value; returns the forms that were new (for the runner's `::add-mask::`). */
  add(value: string | undefined): string[] {
    if (!value) return [];
    const added: string[] = [];
    for (const form of [value, encodeURIComponent(value)]) {
      if (this.values.includes(form)) continue;
      this.values.push(form);
      added.push(form);
    }
    this.values.sort((a, b) => b.length - a.length);
    return added;
  }

  /** Whether `text` contains any registered secret. */
  reveals(text: string): boolean {
    return this.values.some((s) => s.length >= 3 && text.includes(s));
  }

  /** `text` with every registered secret (of three characters or more) replaced by `***`. */
  redact(text: string): string {
    let out = text;
    for (const s of this.values) if (s.length >= 3) out = out.split(s).join('***');
    return out;
  }
}

const known = new Masker();

/**
 * Registers a secret: the runner masks it in every later log line
 * (`::add-mask::`), and `redact()` removes it from text we build ourselves
 * (error messages, echoed commands) so it never leaks even outside a runner.
 */
export function addSecret(value: string | undefined): void {
  for (const form of known.add(value)) core.setSecret(form);
}

/** Replaces every registered secret in `text` with `***`. */
export function redact(text: string): string {
  return known.redact(text);
}
