import { parseDuration } from './duration';
import { InputError, show } from './errors';

/** Reads one raw input by its action.yml name; returns '' when unset. */
export type InputSource = (name: string) => string;

/**
 * The runner's input source: `INPUT_<NAME>` with spaces as underscores and the
 * name upper-cased, exactly as @actions/core reads it. Values are trimmed.
 */
export const runnerInputs: InputSource = (name) => (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();

/**
 * Typed access to an action's inputs. Every error names the input and shows
 * the bad value. Construct with a custom source in tests.
 */
export class Inputs {
  constructor(private readonly source: InputSource = runnerInputs) {}

  /** Raw string; '' when unset. */
  raw(name: string): string {
    return this.source(name);
  }

  string(name: string, opts: { required?: boolean; default?: string; pattern?: RegExp; patternHint?: string } = {}): string {
    const v = this.source(name);
    if (v === '') {
      if (opts.required) throw new InputError(name, 'is required but was not set');
      return opts.default ?? '';
    }
    if (opts.pattern && !opts.pattern.test(v)) {
      throw new InputError(name, `${show(v)} is not valid${opts.patternHint ? `: expected ${opts.patternHint}` : ''}`);
    }
    return v;
  }

  optionalString(name: string): string | undefined {
    const v = this.source(name);
    return v === '' ? undefined : v;
  }

  int(name: string, opts: { default?: number; min?: number; max?: number; required?: boolean } = {}): number {
    const v = this.source(name);
    if (v === '') {
      if (opts.required || opts.default === undefined) throw new InputError(name, 'is required but was not set');
      return opts.default;
    }
    if (!/^-?\d+$/.test(v)) throw new InputError(name, `${show(v)} is not a whole number`);
    const n = Number(v);
    if (opts.min !== undefined && n < opts.min) throw new InputError(name, `${n} is below the minimum ${opts.min}`);
    if (opts.max !== undefined && n > opts.max) throw new InputError(name, `${n} is above the maximum ${opts.max}`);
    return n;
  }

  /** Exactly what the runner's toolkit accepts: true/True/TRUE or false/False/FALSE. `yes`, `1`, `tRuE` are rejected. */
  bool(name: string, opts: { default: boolean }): boolean {
    const v = this.source(name);
    if (v === '') return opts.default;
    if (['true', 'True', 'TRUE'].includes(v)) return true;
    if (['false', 'False', 'FALSE'].includes(v)) return false;
    throw new InputError(name, `${show(v)} is not a boolean: use true or false`);
  }

  enum<T extends string>(name: string, allowed: readonly T[], opts: { default?: T } = {}): T {
    const v = this.source(name);
    if (v === '') {
      if (opts.default === undefined) throw new InputError(name, `is required: one of ${allowed.join(', ')}`);
      return opts.default;
    }
    if (!(allowed as readonly string[]).includes(v)) {
      throw new InputError(name, `${show(v)} is not one of ${allowed.join(', ')}`);
    }
    return v as T;
  }

  /** A duration like `90s`, `5m`, `1m30s`, `500ms`; bare numbers are seconds. Returns ms. */
  duration(name: string, opts: { default?: string; min?: number; max?: number } = {}): number {
    const v = this.source(name) || opts.default || '';
    if (v === '') throw new InputError(name, 'is required: a duration such as 90s or 5m');
    if (/^-/.test(v)) throw new InputError(name, `${show(v)} is negative: a duration must be zero or more`);
    const ms = parseDuration(v);
    if (ms === undefined) throw new InputError(name, `${show(v)} is not a duration: use e.g. 90s, 5m, 1m30s, 500ms`);
    if (opts.min !== undefined && ms < opts.min) throw new InputError(name, `${show(v)} is shorter than the minimum ${opts.min}ms`);
    if (opts.max !== undefined && ms > opts.max) throw new InputError(name, `${show(v)} is longer than the maximum ${opts.max}ms`);
    return ms;
  }

  /** An absolute URL with one of the given protocols (default http/https). */
  url(name: string, opts: { required?: boolean; protocols?: string[] } = {}): URL | undefined {
    const v = this.source(name);
    if (v === '') {
      if (opts.required) throw new InputError(name, 'is required: an absolute URL');
      return undefined;
    }
    return parseUrl(name, v, opts.protocols);
  }

  /** Multi-line (or comma-separated with `commas: true`) list; blank lines and `#` comments dropped. */
  list(name: string, opts: { commas?: boolean } = {}): string[] {
    return splitList(this.source(name), opts.commas ?? false);
  }
}

export function parseUrl(name: string, value: string, protocols: string[] = ['http:', 'https:']): URL {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new InputError(name, `${show(value)} is not a valid absolute URL`);
  }
  if (!protocols.includes(u.protocol)) {
    throw new InputError(name, `${show(value)} has protocol ${u.protocol}; expected ${protocols.join(' or ')}`);
  }
  return u;
}

export function splitList(text: string, commas: boolean): string[] {
  const parts = commas ? text.split(/[\n,]/) : text.split('\n');
  return parts.map((s) => s.trim()).filter((s) => s !== '' && !s.startsWith('#'));
}

/** `KEY=value` lines (e.g. build args, env); values may contain '='. */
export function parseKeyValues(name: string, lines: string[], keyPattern = /^[A-Za-z_][A-Za-z0-9_.-]*$/): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of lines) {
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    if (eq <= 0 || !keyPattern.test(key)) {
      throw new InputError(name, `${show(line)} is not KEY=value`);
    }
    out.set(key, line.slice(eq + 1));
  }
  return out;
}
