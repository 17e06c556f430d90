// The `${{ }}` expression language of GitHub Actions, as a small tokenizer +
// recursive-descent parser + evaluator (no eval). Semantics follow GitHub's
// documentation: loose equality that coerces to numbers when types differ,
// case-insensitive string comparison, `&&`/`||` returning an operand, property
// access on a missing value giving null, the `.*` object filter, and the
// functions contains, startsWith, endsWith, format, join, toJSON, fromJSON,
// hashFiles, success, failure, always, cancelled.

export class ExpressionError extends Error {
  override name = 'ExpressionError';
  constructor(
    message: string,
    readonly expression: string,
  ) {
    super(`${message} in expression \`${expression}\``);
  }
}

type Token =
  | { kind: 'num'; value: number; pos: number }
  | { kind: 'str'; value: string; pos: number }
  | { kind: 'ident'; value: string; pos: number }
  | { kind: 'punct'; value: string; pos: number }
  | { kind: 'end'; pos: number };

const PUNCT = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '[', ']', '.', ',', '*'];

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "'") {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= src.length) throw new ExpressionError(`unterminated string starting at ${i}`, src);
        if (src[j] === "'") {
          if (src[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += src[j++];
      }
      tokens.push({ kind: 'str', value, pos: i });
      i = j + 1;
      continue;
    }
    const num = /^(?:0x[0-9a-fA-F]+|-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(src.slice(i));
    // A '-' only starts a number where an operand is expected.
    const prev = tokens[tokens.length - 1];
    const operandExpected = !prev || (prev.kind === 'punct' && prev.value !== ')' && prev.value !== ']' && prev.value !== '*');
    if (num && (c !== '-' || operandExpected) && !(prev?.kind === 'punct' && prev.value === '.')) {
      tokens.push({ kind: 'num', value: Number(num[0]), pos: i });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i));
    if (ident) {
      tokens.push({ kind: 'ident', value: ident[0], pos: i });
      i += ident[0].length;
      continue;
    }
    const p = PUNCT.find((op) => src.startsWith(op, i));
    if (!p) throw new ExpressionError(`unexpected character '${c}' at ${i}`, src);
    tokens.push({ kind: 'punct', value: p, pos: i });
    i += p.length;
  }
  tokens.push({ kind: 'end', pos: src.length });
  return tokens;
}

export type Node =
  | { t: 'lit'; value: unknown }
  | { t: 'ctx'; name: string }
  | { t: 'prop'; obj: Node; name: string }
  | { t: 'index'; obj: Node; index: Node }
  | { t: 'filter'; obj: Node }
  | { t: 'not'; expr: Node }
  | { t: 'bin'; op: string; left: Node; right: Node }
  | { t: 'call'; name: string; args: Node[] };

export function parse(src: string): Node {
  const tokens = tokenize(src);
  let k = 0;
  const peek = () => tokens[k]!;
  const isPunct = (v: string) => {
    const t = peek();
    return t.kind === 'punct' && t.value === v;
  };
  const expect = (v: string) => {
    if (!isPunct(v)) throw new ExpressionError(`expected '${v}' at ${peek().pos}`, src);
    k++;
  };
  const binary = (next: () => Node, ops: string[]) => (): Node => {
    let left = next();
    for (;;) {
      const t = peek();
      if (t.kind !== 'punct' || !ops.includes(t.value)) return left;
      k++;
      left = { t: 'bin', op: t.value, left, right: next() };
    }
  };
  const primary = (): Node => {
    const t = peek();
    k++;
    if (t.kind === 'num') return { t: 'lit', value: t.value };
    if (t.kind === 'str') return { t: 'lit', value: t.value };
    if (t.kind === 'punct' && t.value === '(') {
      const e = or();
      expect(')');
      return e;
    }
    if (t.kind === 'ident') {
      if (t.value === 'true' || t.value === 'false') return { t: 'lit', value: t.value === 'true' };
      if (t.value === 'null') return { t: 'lit', value: null };
      if (t.value === 'NaN') return { t: 'lit', value: NaN };
      if (t.value === 'Infinity') return { t: 'lit', value: Infinity };
      if (isPunct('(')) {
        k++;
        const args: Node[] = [];
        if (!isPunct(')')) {
          args.push(or());
          while (isPunct(',')) {
            k++;
            args.push(or());
          }
        }
        expect(')');
        return { t: 'call', name: t.value.toLowerCase(), args };
      }
      return { t: 'ctx', name: t.value };
    }
    throw new ExpressionError(t.kind === 'end' ? 'unexpected end' : `unexpected '${'value' in t ? t.value : ''}' at ${t.pos}`, src);
  };
  const postfix = (): Node => {
    let e = primary();
    for (;;) {
      if (isPunct('.')) {
        k++;
        const t = peek();
        k++;
        if (t.kind === 'ident') e = { t: 'prop', obj: e, name: t.value };
        else if (t.kind === 'punct' && t.value === '*') e = { t: 'filter', obj: e };
        else throw new ExpressionError(`expected a property name at ${t.pos}`, src);
      } else if (isPunct('[')) {
        k++;
        if (isPunct('*')) {
          k++;
          e = { t: 'filter', obj: e };
        } else e = { t: 'index', obj: e, index: or() };
        expect(']');
      } else return e;
    }
  };
  const unary = (): Node => {
    if (isPunct('!')) {
      k++;
      return { t: 'not', expr: unary() };
    }
    return postfix();
  };
  const cmp = binary(unary, ['<', '<=', '>', '>=']);
  const eq = binary(cmp, ['==', '!=']);
  const and = binary(eq, ['&&']);
  const or = binary(and, ['||']);
  const tree = or();
  if (peek().kind !== 'end') throw new ExpressionError(`unexpected token at ${peek().pos}`, src);
  return tree;
}

// ---- values -------------------------------------------------------------

/** Arrays produced by the `.*` filter: property access maps over them. */
const filtered = new WeakSet<unknown[]>();
const markFiltered = (a: unknown[]) => {
  filtered.add(a);
  return a;
};

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function toNumber(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === '') return 0;
    if (/^0x[0-9a-f]+$/i.test(s)) return parseInt(s, 16);
    if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s) && s !== 'Infinity' && s !== '-Infinity') return NaN;
    return Number(s);
  }
  return NaN;
}

/** How a value appears when interpolated into a string (GitHub's rules). */
export function toStr(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : String(v);
  return Array.isArray(v) ? 'Array' : 'Object';
}

export function truthy(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (typeof v === 'string') return v !== '';
  return true;
}

const kind = (v: unknown) => (v === null || v === undefined ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export function looseEq(a: unknown, b: unknown): boolean {
  const ka = kind(a);
  const kb = kind(b);
  if (ka === kb) {
    if (ka === 'string') return (a as string).toUpperCase() === (b as string).toUpperCase();
    if (ka === 'null') return true;
    if (ka === 'object' || ka === 'array') return a === b;
    return a === b;
  }
  if (ka === 'object' || ka === 'array' || kb === 'object' || kb === 'array') return false;
  return toNumber(a) === toNumber(b);
}

function compare(op: string, a: unknown, b: unknown): boolean {
  let x: number | string;
  let y: number | string;
  if (typeof a === 'string' && typeof b === 'string') {
    x = a.toUpperCase();
    y = b.toUpperCase();
  } else {
    x = toNumber(a);
    y = toNumber(b);
  }
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    default:
      return x >= y;
  }
}

/** Property lookup: exact name first, then case-insensitively (contexts are case-insensitive). */
function getProp(obj: unknown, name: string): unknown {
  if (Array.isArray(obj) && filtered.has(obj)) return markFiltered(obj.map((o) => getProp(o, name)).filter((v) => v !== null && v !== undefined));
  if (!isObj(obj)) return null;
  if (Object.prototype.hasOwnProperty.call(obj, name)) return obj[name] ?? null;
  const lower = name.toLowerCase();
  for (const key of Object.keys(obj)) if (key.toLowerCase() === lower) return obj[key] ?? null;
  return null;
}

export interface EvalHooks {
  /** Status functions; default: success() true, failure() false, cancelled() false. */
  success?: () => boolean;
  failure?: () => boolean;
  cancelled?: () => boolean;
  hashFiles?: (patterns: string[]) => string;
}

function formatString(src: string, fmt: string, args: unknown[]): string {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c === '{' && fmt[i + 1] === '{') {
      out += '{';
      i++;
    } else if (c === '}' && fmt[i + 1] === '}') {
      out += '}';
      i++;
    } else if (c === '{') {
      const m = /^\{(\d+)\}/.exec(fmt.slice(i));
      if (!m) throw new ExpressionError(`format(): invalid placeholder in '${fmt}'`, src);
      const n = Number(m[1]);
      if (n >= args.length) throw new ExpressionError(`format(): '${fmt}' needs argument {${n}}, only ${args.length} given`, src);
      out += toStr(args[n]);
      i += m[0].length - 1;
    } else if (c === '}') throw new ExpressionError(`format(): unbalanced '}' in '${fmt}'`, src);
    else out += c;
  }
  return out;
}

const ARITY: Record<string, [number, number]> = {
  contains: [2, 2],
  startswith: [2, 2],
  endswith: [2, 2],
  format: [1, Infinity],
  join: [1, 2],
  tojson: [1, 1],
  fromjson: [1, 1],
  hashfiles: [1, Infinity],
  success: [0, 0],
  failure: [0, 0],
  always: [0, 0],
  cancelled: [0, 0],
};

export function evaluateNode(node: Node, ctx: Record<string, unknown>, hooks: EvalHooks, src: string): unknown {
  const ev = (n: Node) => evaluateNode(n, ctx, hooks, src);
  switch (node.t) {
    case 'lit':
      return node.value;
    case 'ctx': {
      const v = getProp(ctx, node.name);
      if (v === null && !Object.keys(ctx).some((k) => k.toLowerCase() === node.name.toLowerCase())) {
        throw new ExpressionError(`unknown context '${node.name}' (available: ${Object.keys(ctx).join(', ')})`, src);
      }
      return v;
    }
    case 'prop':
      return getProp(ev(node.obj), node.name);
    case 'index': {
      const obj = ev(node.obj);
      const idx = ev(node.index);
      if (Array.isArray(obj)) {
        if (filtered.has(obj) && typeof idx === 'string') return getProp(obj, idx);
        const n = toNumber(idx);
        return Number.isInteger(n) && n >= 0 && n < obj.length ? (obj[n] ?? null) : null;
      }
      return getProp(obj, toStr(idx));
    }
    case 'filter': {
      const obj = ev(node.obj);
      return markFiltered(Array.isArray(obj) ? [...obj] : isObj(obj) ? Object.values(obj) : []);
    }
    case 'not':
      return !truthy(ev(node.expr));
    case 'bin': {
      if (node.op === '&&') {
        const l = ev(node.left);
        return truthy(l) ? ev(node.right) : l;
      }
      if (node.op === '||') {
        const l = ev(node.left);
        return truthy(l) ? l : ev(node.right);
      }
      const l = ev(node.left);
      const r = ev(node.right);
      if (node.op === '==') return looseEq(l, r);
      if (node.op === '!=') return !looseEq(l, r);
      return compare(node.op, l, r);
    }
    case 'call': {
      const arity = ARITY[node.name];
      if (!arity) throw new ExpressionError(`unknown function '${node.name}'`, src);
      if (node.args.length < arity[0] || node.args.length > arity[1]) {
        throw new ExpressionError(`${node.name}() takes ${arity[0] === arity[1] ? arity[0] : `${arity[0]}+`} argument(s), got ${node.args.length}`, src);
      }
      const args = () => node.args.map(ev);
      switch (node.name) {
        case 'success':
          return hooks.success ? hooks.success() : true;
        case 'failure':
          return hooks.failure ? hooks.failure() : false;
        case 'cancelled':
          return hooks.cancelled ? hooks.cancelled() : false;
        case 'always':
          return true;
        case 'contains': {
          const [hay, needle] = args();
          if (Array.isArray(hay)) return hay.some((x) => looseEq(x, needle));
          return toStr(hay).toUpperCase().includes(toStr(needle).toUpperCase());
        }
        case 'startswith': {
          const [s, p] = args();
          return toStr(s).toUpperCase().startsWith(toStr(p).toUpperCase());
        }
        case 'endswith': {
          const [s, p] = args();
          return toStr(s).toUpperCase().endsWith(toStr(p).toUpperCase());
        }
        case 'format': {
          const [fmt, ...rest] = args();
          return formatString(src, toStr(fmt), rest);
        }
        case 'join': {
          const [arr, sep] = args();
          const separator = node.args.length > 1 ? toStr(sep) : ',';
          return Array.isArray(arr) ? arr.map(toStr).join(separator) : toStr(arr);
        }
        case 'tojson':
          return JSON.stringify(args()[0] ?? null, null, 2);
        case 'fromjson': {
          const s = toStr(args()[0]);
          try {
            return JSON.parse(s);
          } catch {
            throw new ExpressionError(`fromJSON(): not valid JSON: ${s.length > 80 ? `${s.slice(0, 80)}…` : s}`, src);
          }
        }
        case 'hashfiles': {
          if (!hooks.hashFiles) throw new ExpressionError('hashFiles() is only available in steps', src);
          return hooks.hashFiles(args().map(toStr));
        }
      }
      throw new ExpressionError(`unknown function '${node.name}'`, src);
    }
  }
}

const cache = new Map<string, Node>();

/** Evaluates one expression (the text between `${{` and `}}`). */
export function evaluate(src: string, ctx: Record<string, unknown>, hooks: EvalHooks = {}): unknown {
  let tree = cache.get(src);
  if (!tree) {
    tree = parse(src);
    cache.set(src, tree);
  }
  return evaluateNode(tree, ctx, hooks, src);
}

/** Whether an expression (text without `${{ }}`) calls a status function. */
export function usesStatusFunction(src: string): boolean {
  return tokenize(src).some(
    (t, i, all) =>
      t.kind === 'ident' &&
      /^(success|failure|always|cancelled)$/i.test(t.value) &&
      all[i + 1]?.kind === 'punct' &&
      (all[i + 1] as { value: string }).value === '(',
  );
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

/** Deeply evaluates strings inside a YAML value (mappings and sequences kept). */
export function evaluateDeep(value: unknown, ctx: Record<string, unknown>, hooks: EvalHooks = {}): unknown {
  if (typeof value === 'string') return evaluateValue(value, ctx, hooks);
  if (Array.isArray(value)) return value.map((v) => evaluateDeep(v, ctx, hooks));
  if (isObj(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateDeep(v, ctx, hooks)]));
  return value;
}

/**
 * Evaluates an `if:` condition as GitHub does: the `${{ }}` wrapper is optional,
 * and a condition without a status function is implicitly `success() && (…)`.
 */
export function evaluateCondition(condition: unknown, ctx: Record<string, unknown>, hooks: EvalHooks): boolean {
  if (condition === undefined || condition === null || condition === '') return hooks.success ? hooks.success() : true;
  if (typeof condition === 'boolean' || typeof condition === 'number') {
    return truthy(condition) && (hooks.success ? hooks.success() : true);
  }
  let src = String(condition).trim();
  const parts = splitTemplate(src);
  if (parts.length === 1 && 'expr' in parts[0]!) src = parts[0].expr;
  else if (parts.some((p) => 'expr' in p)) {
    // Text around an expression makes the whole condition a (truthy) string, as on GitHub.
    return truthy(interpolate(src, ctx, hooks)) && (hooks.success ? hooks.success() : true);
  }
  const value = evaluate(src, ctx, hooks);
  if (usesStatusFunction(src)) return truthy(value);
  return (hooks.success ? hooks.success() : true) && truthy(value);
}
