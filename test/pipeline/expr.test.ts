import { describe, expect, it } from '@jest/globals';
import {
  evaluate,
  evaluateCondition,
  evaluateDeep,
  evaluateValue,
  ExpressionError,
  interpolate,
  splitTemplate,
  tokenize,
  usesStatusFunction,
} from '../../packages/local-pipeline/src/expr';

const ctx = {
  github: { event_name: 'push', ref: 'refs/heads/main', sha: 'abc123', event: { inputs: { target: 'uat' } } },
  inputs: { target: 'prod', canary: true, replicas: 3, empty: '' },
  needs: { build: { result: 'success', outputs: { digest: 'sha256:1', 'image-ref': 'r@sha256:1' } } },
  steps: { 'smoke-idle': { outcome: 'failure', conclusion: 'success', outputs: { passed: 'false' } } },
  matrix: { service: 'catalog' },
  env: { STACK: 'shop-qa' },
  vars: {},
  list: ['catalog', 'cart', 'orders'],
  objs: { a: { name: 'x', n: 1 }, b: { name: 'y', n: 2 } },
};
const ev = (src: string) => evaluate(src, ctx);

describe('tokenizer and parser', () => {
  it('reads literals of every kind', () => {
    expect(ev("'it''s'")).toBe("it's");
    expect(ev('42')).toBe(42);
    expect(ev('-2.5')).toBe(-2.5);
    expect(ev('0x1F')).toBe(31);
    expect(ev('1e3')).toBe(1000);
    expect(ev('true')).toBe(true);
    expect(ev('null')).toBe(null);
  });

  it('reads hyphenated names and index access', () => {
    expect(ev('needs.build.outputs.image-ref')).toBe('r@sha256:1');
    expect(ev("needs['build'].outputs['digest']")).toBe('sha256:1');
    expect(ev('steps.smoke-idle.outcome')).toBe('failure');
    expect(ev('list[1]')).toBe('cart');
    expect(ev('list[7]')).toBe(null);
  });

  it('has no arithmetic: a minus after an operand is an error, not a negative number', () => {
    expect(tokenize('x == -1').map((t) => t.kind)).toEqual(['ident', 'punct', 'num', 'end']);
    expect(() => ev('inputs.replicas -1')).toThrow(ExpressionError);
    expect(() => ev('inputs.replicas -1')).toThrow("unexpected character '-' at 16");
  });

  it('reports syntax errors with the expression', () => {
    expect(() => ev("'open")).toThrow("unterminated string starting at 0 in expression `'open`");
    expect(() => ev('a ==')).toThrow(/unexpected end/);
    expect(() => ev('inputs.target = 1')).toThrow(/unexpected character '='/);
    expect(() => ev('nope.x')).toThrow(/unknown context 'nope'/);
    expect(() => ev('frobnicate(1)')).toThrow(/unknown function 'frobnicate'/);
    expect(() => ev('contains(1)')).toThrow(/contains\(\) takes 2 argument/);
  });
});

describe('operators', () => {
  it('compares loosely with GitHub coercion rules', () => {
    expect(ev("inputs.target == 'PROD'")).toBe(true); // strings: case-insensitive
    expect(ev("inputs.replicas == '3'")).toBe(true); // number vs string → numbers
    expect(ev('inputs.canary == 1')).toBe(true);
    expect(ev("null == ''")).toBe(true); // both coerce to 0
    expect(ev("'abc' == 0")).toBe(false); // NaN
    expect(ev('needs == needs')).toBe(true);
    expect(ev("needs != 'x'")).toBe(true);
    expect(ev('inputs.replicas > 2 && inputs.replicas <= 3')).toBe(true);
    expect(ev("'b' > 'A'")).toBe(true);
  });

  it('returns operands from && and ||, with precedence ! > comparison > && > ||', () => {
    expect(ev("inputs.empty || 'fallback'")).toBe('fallback');
    expect(ev("inputs.target && 'yes'")).toBe('yes');
    expect(ev("inputs.empty && 'yes'")).toBe('');
    expect(ev('false || true && false')).toBe(false);
    expect(ev('!(false || true) || !false')).toBe(true);
    expect(ev('!inputs.empty')).toBe(true);
  });

  it('filters objects and arrays with .*', () => {
    expect(ev('objs.*.name')).toEqual(['x', 'y']);
    expect(ev("contains(objs.*.name, 'Y')")).toBe(true);
    expect(ev('needs.*.result')).toEqual(['success']);
  });
});

describe('functions', () => {
  it('contains, startsWith, endsWith are case-insensitive; contains searches arrays', () => {
    expect(ev("contains(github.ref, 'MAIN')")).toBe(true);
    expect(ev("contains(list, 'cart')")).toBe(true);
    expect(ev("contains(list, 'car')")).toBe(false);
    expect(ev("startsWith(github.ref, 'refs/heads/')")).toBe(true);
    expect(ev("endsWith(needs.build.outputs.digest, ':1')")).toBe(true);
  });

  it('format, join, toJSON, fromJSON', () => {
    expect(ev("format('{0}-{1} {{literal}}', matrix.service, inputs.replicas)")).toBe('catalog-3 {literal}');
    expect(() => ev("format('{1}', 'a')")).toThrow(/needs argument \{1\}/);
    expect(ev("join(list, ' | ')")).toBe('catalog | cart | orders');
    expect(ev('join(list)')).toBe('catalog,cart,orders');
    expect(ev('toJSON(matrix)')).toBe('{\n  "service": "catalog"\n}');
    expect(ev('fromJSON(\'{"a":[1,2]}\').a[1]')).toBe(2);
    expect(ev("fromJSON('true')")).toBe(true);
    expect(() => ev("fromJSON('nope')")).toThrow(/fromJSON\(\): not valid JSON: nope/);
  });

  it('status functions come from hooks; hashFiles needs one', () => {
    expect(evaluate('success()', ctx, { success: () => false })).toBe(false);
    expect(evaluate('failure() && always()', ctx, { failure: () => true })).toBe(true);
    expect(evaluate('cancelled()', ctx)).toBe(false);
    expect(() => ev("hashFiles('**/x')")).toThrow(/only available in steps/);
    expect(evaluate("hashFiles('a', 'b')", ctx, { hashFiles: (p) => p.join('+') })).toBe('a+b');
  });
});

describe('templates and conditions', () => {
  it('splits templates, respecting }} inside string literals', () => {
    expect(splitTemplate("a ${{ format('}}{0}', 1) }} b")).toEqual([{ text: 'a ' }, { expr: "format('}}{0}', 1)" }, { text: ' b' }]);
    expect(() => splitTemplate('x ${{ y')).toThrow(/missing closing/);
  });

  it('keeps the type of a lone expression and stringifies interpolations like GitHub', () => {
    expect(evaluateValue('${{ fromJSON(\'["a","b"]\') }}', ctx)).toEqual(['a', 'b']);
    expect(evaluateValue('${{ inputs.canary }}', ctx)).toBe(true);
    expect(interpolate('stack-${{ matrix.service }}-${{ inputs.canary }}-${{ null }}-${{ list }}', ctx)).toBe('stack-catalog-true--Array');
    expect(evaluateDeep({ a: ['${{ env.STACK }}', 1], b: { c: '${{ inputs.replicas }}' } }, ctx)).toEqual({ a: ['shop-qa', 1], b: { c: 3 } });
  });

  it('adds an implicit success() unless a status function is used', () => {
    const failed = { success: () => false, failure: () => true };
    expect(evaluateCondition("inputs.target == 'prod'", ctx, failed)).toBe(false);
    expect(evaluateCondition("${{ failure() && inputs.target == 'prod' }}", ctx, failed)).toBe(true);
    expect(evaluateCondition('always()', ctx, failed)).toBe(true);
    expect(evaluateCondition(undefined, ctx, failed)).toBe(false);
    expect(evaluateCondition(undefined, ctx, { success: () => true })).toBe(true);
    expect(evaluateCondition("steps.smoke-idle.outputs.passed == 'false'", ctx, { success: () => true })).toBe(true);
    expect(usesStatusFunction("contains('failure()', 'x')")).toBe(false);
    expect(usesStatusFunction('!cancelled()')).toBe(true);
  });
});
