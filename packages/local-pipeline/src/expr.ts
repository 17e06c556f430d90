// The `${{ }}` expression language, evaluated by GitHub's own evaluator
// (@actions/expressions, from actions/languageservices) behind the small API
// the runner uses: evaluate / evaluateCondition / evaluateValue / interpolate /
// evaluateDeep. We supply what the package leaves to its host: the context data
// (plain JS values converted to its data model), the status functions
// (success, failure, always, cancelled) and hashFiles.
//
// Where the package itself differs from the GitHub runner, this module follows
// the runner (each case is pinned by a test in test/pipeline/expr.test.ts):
//   • `''` inside a string literal is one quote wherever it appears: the
//     package unescapes only the first pair (`'a''b''c'` gave `a'b''c`).
//   • numbers, in literals and in string-to-number coercion, are read by the
//     runner's rule (ExpressionUtility.ParseNumber): decimal with an optional
//     sign and exponent, `0x` hex and `0o` octal (32-bit), `Infinity`,
//     `-Infinity`; anything else is NaN. The package uses JavaScript's
//     Number(), which also reads `0b101`, `0B…`, `0X…` and `0O…`: there
//     `0b101` is a syntax error and `'0b101' == 5` is false, as on GitHub.
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { Expr } from '@actions/expressions/ast';
import type { FunctionDefinition, FunctionInfo } from '@actions/expressions/funcs/info';
import { TokenType, type Token } from '@actions/expressions/lexer';
import { equals, truthy as dataTruthy } from '@actions/expressions/result';

export class ExpressionError extends Error {
  override name = 'ExpressionError';
  constructor(
    message: string,
    readonly expression: string,
  ) {
    super(`${message} in expression \`${expression}\``);
  }
}

// ---- numbers as the runner reads them ------------------------------------

const INT32 = 2 ** 32;
/** A 32-bit two's-complement integer from hex/octal digits, or NaN when it does not fit (as Int32 parsing does). */
function int32(digits: string, radix: 16 | 8): number {
  const v = parseInt(digits, radix);
  if (!Number.isFinite(v) || v >= INT32) return NaN;
  return v >= INT32 / 2 ? v - INT32 : v;
}

/** The runner's string → number rule (ExpressionUtility.ParseNumber). */
export function parseNumber(text: string): number {
  const s = text.trim();
  if (s === '') return 0;
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return Number(s);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return int32(s.slice(2), 16);
  if (/^0o[0-7]+$/.test(s)) return int32(s.slice(2), 8);
  if (/^\+?Infinity$/.test(s)) return Infinity;
  if (s === '-Infinity') return -Infinity;
  return NaN;
}

// The package's StringData.number() is JavaScript's Number(); the lexer reads number
// literals through it and comparisons coerce strings with it. Follow the runner instead.
data.StringData.prototype.number = function number(this: data.StringData) {
  return parseNumber(this.coerceString());
};

// ---- JS values ⇄ the package's data model --------------------------------

type Data = data.ExpressionData;

function toData(v: unknown): Data {
  if (v === null || v === undefined) return new data.Null();
  if (typeof v === 'boolean') return new data.BooleanData(v);
  if (typeof v === 'number') return new data.NumberData(v);
  if (typeof v === 'string') return new data.StringData(v);
  if (Array.isArray(v)) return new data.Array(...v.map(toData));
  if (typeof v === 'object') return new data.Dictionary(...Object.entries(v).map(([key, value]) => ({ key, value: toData(value) })));
  return new data.StringData(String(v));
}

function fromData(d: Data): unknown {
  switch (d.kind) {
    case data.Kind.Null:
      return null;
    case data.Kind.Boolean:
    case data.Kind.Number:
    case data.Kind.String:
      return (d as data.BooleanData | data.NumberData | data.StringData).value;
    case data.Kind.Array:
      return (d as data.Array).values().map(fromData);
    default:
      return Object.fromEntries((d as data.Dictionary).pairs().map((p) => [p.key, fromData(p.value)]));
  }
}

/** How a value appears when interpolated into a string (GitHub's rules: null → '', numbers to 15 digits, 'Array', 'Object'). */
export const toStr = (v: unknown): string => (typeof v === 'string' ? v : toData(v).coerceString());

/** Falsy: false, 0, -0, NaN, '', null. */
export const truthy = (v: unknown): boolean => dataTruthy(toData(v));

/** `==` as GitHub evaluates it (loose, case-insensitive for strings). */
export const looseEq = (a: unknown, b: unknown): boolean => equals(toData(a), toData(b));

// ---- parsing and evaluation ----------------------------------------------

export interface EvalHooks {
  /** Status functions; default: success() true, failure() false, cancelled() false. */
  success?: () => boolean;
  failure?: () => boolean;
  cancelled?: () => boolean;
  hashFiles?: (patterns: string[]) => string;
}

const STATUS = ['success', 'failure', 'always', 'cancelled'];

/** Lexes with the package's lexer, then applies the runner's `''` rule to every string token. */
export function tokenize(src: string): Token[] {
  let tokens: Token[];
  try {
    tokens = new Lexer(src).lex().tokens;
  } catch (e) {
    throw new ExpressionError((e as Error).message.replace(/ within expression: .*$/s, ''), src);
  }
  for (const t of tokens) if (t.type === TokenType.STRING) t.value = t.lexeme.slice(1, -1).replaceAll("''", "'");
  return tokens;
}

function functionsFor(hooks: EvalHooks, status: boolean): Map<string, FunctionDefinition> {
  const fns = new Map<string, FunctionDefinition>();
  const bool = (name: string, f: () => boolean) => fns.set(name.toLowerCase(), { name, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(f()) });
  if (status) {
    bool('success', hooks.success ?? (() => true));
    bool('failure', hooks.failure ?? (() => false));
    bool('cancelled', hooks.cancelled ?? (() => false));
    bool('always', () => true);
  }
  const hash = hooks.hashFiles;
  if (hash)
    fns.set('hashfiles', { name: 'hashFiles', minArgs: 1, maxArgs: 255, call: (...args) => new data.StringData(hash(args.map((a) => a.coerceString()))) });
  return fns;
}

function parse(src: string, contexts: string[], fns: Map<string, FunctionDefinition>): Expr {
  const infos: FunctionInfo[] = [...fns.values()].map(({ name, minArgs, maxArgs }) => ({ name, minArgs, maxArgs }));
  try {
    return new Parser(tokenize(src), contexts, infos).parse();
  } catch (e) {
    if (e instanceof ExpressionError) throw e;
    const msg = (e as Error).message;
    if (/^Unrecognized function: 'hashFiles'/i.test(msg)) throw new ExpressionError('hashFiles() is only available in steps', src);
    if (STATUS.some((s) => msg.toLowerCase() === `unrecognized function: '${s}'`))
      throw new ExpressionError(`${msg} (status functions are only available in if:)`, src);
    if (/^Unrecognized named-value/.test(msg)) throw new ExpressionError(`${msg} (available here: ${contexts.join(', ')})`, src);
    throw new ExpressionError(msg, src);
  }
}

function run(src: string, ctx: Record<string, unknown>, hooks: EvalHooks, status: boolean): unknown {
  const fns = functionsFor(hooks, status);
  const tree = parse(src, Object.keys(ctx), fns);
  try {
    return fromData(new Evaluator(tree, toData(ctx) as data.Dictionary, fns).evaluate());
  } catch (e) {
    const err = e as Error;
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    throw new ExpressionError(`${err.message}${cause}`, src);
  }
}

/**
 * Evaluates one expression (the text between `${{` and `}}`). Contexts are the keys of `ctx`;
 * status functions are known when a status hook is given (or in conditions), hashFiles when its hook is.
 */
export function evaluate(src: string, ctx: Record<string, unknown>, hooks: EvalHooks = {}): unknown {
  return run(src, ctx, hooks, Boolean(hooks.success || hooks.failure || hooks.cancelled));
}

/** Whether an expression (text without `${{ }}`) calls a status function. */
export function usesStatusFunction(src: string): boolean {
  const t = tokenize(src);
  return t.some((tok, i) => tok.type === TokenType.IDENTIFIER && STATUS.includes(tok.lexeme.toLowerCase()) && t[i + 1]?.type === TokenType.LEFT_PAREN);
}

/** Splits a template into literal text and `${{ expr }}` parts (braces inside string literals are respected). */
export function splitTemplate(template: string): Array<{ text: string } | { expr: string }> {
  const parts: Array<{ text: string } | { expr: string }> = [];
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf('${{', i);
    if (start < 0) {
      parts.push({ text: template.slice(i) });
      break;
    }
    if (start > i) parts.push({ text: template.slice(i, start) });
    let j = start + 3;
    let inStr = false;
    for (; j < template.length; j++) {
      if (template[j] === "'") inStr = !inStr;
      else if (!inStr && template.startsWith('}}', j)) break;
    }
    if (j >= template.length) throw new ExpressionError('missing closing }}', template.slice(start));
    parts.push({ expr: template.slice(start + 3, j).trim() });
    i = j + 2;
  }
  return parts;
}

/**
 * Evaluates a YAML string value: `${{ x }}` alone keeps x's type (so a matrix
 * can be `${{ fromJSON(...) }}`); anything else is interpolated into a string.
 */
export function evaluateValue(template: string, ctx: Record<string, unknown>, hooks: EvalHooks = {}): unknown {
  const parts = splitTemplate(template);
  if (parts.length === 1 && 'expr' in parts[0]!) return evaluate(parts[0].expr, ctx, hooks);
  return parts.map((p) => ('expr' in p ? toStr(evaluate(p.expr, ctx, hooks)) : p.text)).join('');
}

export const interpolate = (template: string, ctx: Record<string, unknown>, hooks: EvalHooks = {}): string => toStr(evaluateValue(template, ctx, hooks));

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deeply evaluates strings inside a YAML value (mappings and sequences kept). */
export function evaluateDeep(value: unknown, ctx: Record<string, unknown>, hooks: EvalHooks = {}): unknown {
  if (typeof value === 'string') return evaluateValue(value, ctx, hooks);
  if (Array.isArray(value)) return value.map((v) => evaluateDeep(v, ctx, hooks));
  if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateDeep(v, ctx, hooks)]));
  return value;
}

/**
 * Evaluates an `if:` condition as GitHub does: the `${{ }}` wrapper is optional,
 * status functions are available, and a condition without one is implicitly `success() && (…)`.
 */
export function evaluateCondition(condition: unknown, ctx: Record<string, unknown>, hooks: EvalHooks): boolean {
  const success = () => (hooks.success ? hooks.success() : true);
  if (condition === undefined || condition === null || condition === '') return success();
  if (typeof condition === 'boolean' || typeof condition === 'number') return truthy(condition) && success();
  let src = String(condition).trim();
  const parts = splitTemplate(src);
  if (parts.length === 1 && 'expr' in parts[0]!) src = parts[0].expr;
  else if (parts.some((p) => 'expr' in p)) {
    // Text around an expression makes the whole condition a (truthy) string, as on GitHub.
    return truthy(parts.map((p) => ('expr' in p ? toStr(run(p.expr, ctx, hooks, true)) : p.text)).join('')) && success();
  }
  const value = run(src, ctx, hooks, true);
  if (usesStatusFunction(src)) return truthy(value);
  return success() && truthy(value);
}
