// Expressions through GitHub's evaluator (@actions/expressions). Expected values follow GitHub's
// documented semantics (docs.github.com, "Evaluate expressions in workflows and actions":
// literals, operators and loose equality, object filters, functions, case(), status checks)
// and, where the docs are silent, the runner's own rules (ExpressionUtility.ParseNumber, G15 numbers).
import { describe, expect, it } from '@jest/globals';
import {
  evaluate,
  evaluateCondition,
  evaluateDeep,
  evaluateValue,
  ExpressionError,
  interpolate,
  looseEq,
  parseNumber,
  splitTemplate,
  toStr,
  usesStatusFunction,
} from '../../packages/local-pipeline/src/expr';

const ctx = {
  github: { event_name: 'push', ref: 'refs/heads/main', sha: 'abc123', event: { issue: { labels: [{ name: 'bug' }, { name: 'help wanted' }] } } },
  inputs: { target: 'prod', canary: true, replicas: 3, empty: '' },
  needs: { build: { result: 'success', outputs: { digest: 'sha256:1', 'image-ref': 'r@sha256:1' } }, test: { result: 'failure', outputs: {} } },
  steps: { 'smoke-idle': { outcome: 'failure', conclusion: 'success', outputs: { passed: 'false' } } },
  matrix: { service: 'catalog' },
  env: { STACK: 'shop-qa' },
  vars: {},
  fruits: [
    { name: 'apple', quantity: 1 },
    { name: 'orange', quantity: 2 },
    { name: 'pear', quantity: 1 },
  ],
  vegetables: {
    scallions: { colors: ['green', 'white', 'red'], ediblePortions: ['roots', 'stalks'] },
    beets: { colors: ['purple', 'red', 'gold', 'white', 'pink'], ediblePortions: ['roots', 'stems', 'leaves'] },
    artichokes: { colors: ['green', 'purple', 'red', 'black'], ediblePortions: ['hearts', 'stems', 'leaves'] },
  },
  list: ['catalog', 'cart', 'orders'],
};
const ev = (src: string) => evaluate(src, ctx);

// [expression, expected value]
const documented: Array<[string, unknown]> = [
  // Literals: null, boolean, numbers (integer, float, hex, exponent), strings with '' escapes.
  ['null', null],
  ['false', false],
  ['711', 711],
  ['-9.2', -9.2],
  ['0xff', 255],
  ['-2.99e-2', -0.0299],
  ["'It''s open source!'", "It's open source!"],
  ['+1', 1],
  ['.5', 0.5],
  ['0o17', 15],
  ['-Infinity', -Infinity],
  // Operators: strings compare case-insensitively; loose equality coerces to numbers.
  ["'ABC' == 'abc'", true],
  ["'b' > 'A'", true],
  ["1 == '1'", true],
  ["'' == 0", true],
  ['null == 0', true],
  ['true == 1', true],
  ['false == 0', true],
  ["'abc' == 0", false], // a non-numeric string is NaN
  ['NaN == NaN', false],
  ['NaN != NaN', true],
  ["fromJSON('[]') == fromJSON('[]')", false], // arrays are equal only as the same instance
  ['github == github', true],
  ["' 0xff ' == 255", true],
  ['inputs.replicas > 2 && inputs.replicas <= 3', true],
  // && and || return an operand: the documented ternary idiom.
  ["github.ref == 'refs/heads/main' && 'value_for_main_branch' || 'value_for_other_branches'", 'value_for_main_branch'],
  ["inputs.empty || 'fallback'", 'fallback'],
  ["inputs.empty && 'yes'", ''],
  ['!(false || true) || !false', true],
  // Falsy values: false, 0, -0, '', null (and NaN).
  ['!0', true],
  ['!-0', true],
  ["!''", true],
  ['!null', true],
  ['!NaN', true],
  ["!'false'", false],
  // Property and index access; missing properties are null.
  ['needs.build.outputs.image-ref', 'r@sha256:1'],
  ["needs['build'].outputs['digest']", 'sha256:1'],
  ['NEEDS.Build.RESULT', 'success'], // context and property names are case-insensitive
  ['list[1]', 'cart'],
  ['list[7]', null],
  ['github.nope.deeper', null],
  // Object filters.
  ['fruits.*.name', ['apple', 'orange', 'pear']],
  ['fruits[*].quantity', [1, 2, 1]],
  ['needs.*.result', ['success', 'failure']],
  ['vegetables.*.ediblePortions.*', ['roots', 'stalks', 'roots', 'stems', 'leaves', 'hearts', 'stems', 'leaves']],
  ['fruits.*.nope', []],
  ['inputs.target.*', []],
  // Functions.
  ["contains('Hello world', 'llo')", true],
  ["contains('Hello world', 'LLO')", true],
  ["contains(github.event.issue.labels.*.name, 'bug')", true],
  ['contains(fromJSON(\'["push", "pull_request"]\'), github.event_name)', true],
  ["contains(list, 'car')", false], // arrays: whole elements only
  ["startsWith('Hello world', 'He')", true],
  ["endsWith('Hello world', 'LD')", true],
  ["format('Hello {0} {1} {2}', 'Mona', 'the', 'Octocat')", 'Hello Mona the Octocat'],
  ["format('{{Hello {0} {1} {2}!}}', 'Mona', 'the', 'Octocat')", '{Hello Mona the Octocat!}'],
  ["join(github.event.issue.labels.*.name, ', ')", 'bug, help wanted'],
  ['join(list)', 'catalog,cart,orders'],
  ["join('abc')", 'abc'],
  ['toJSON(matrix)', '{\n  "service": "catalog"\n}'],
  ['fromJSON(\'{"a":[1,2]}\').a[1]', 2],
  ["fromJSON('true')", true],
  // case(pred1, val1, pred2, val2, …, default)
  ["case(github.ref == 'refs/heads/main', 'production', github.ref == 'refs/heads/staging', 'staging', 'development')", 'production'],
  ["case(false, 'a', false, 'b', 'default')", 'default'],
  ["case(false, 'a', 1 == 1, 'b', 'default')", 'b'],
  // Number formatting: at most 15 significant digits; integers without a fraction.
  ["format('{0}', fromJSON('0.30000000000000004'))", '0.3'],
  ["format('{0}', 2.0)", '2'],
  ["format('{0}', -Infinity)", '-Infinity'],
  ["format('{0}', null)", ''],
  ["format('{0}', fromJSON('[1]'))", 'Array'],
  ["format('{0}', github)", 'Object'],
];

describe('expressions, as GitHub documents them', () => {
  it('has at least 40 documented cases', () => expect(documented.length).toBeGreaterThanOrEqual(40));
  it.each(documented)('%s', (src, expected) => {
    expect(ev(src)).toEqual(expected);
  });
});

describe('errors GitHub reports when the workflow is read, not when the branch is taken', () => {
  it.each([
    ['false && contians(github.ref, 1)', /Unrecognized function: 'contians'/],
    ['nosuchcontext.foo', /Unrecognized named-value: 'nosuchcontext'/],
    ['contains(1)', /Too few parameters supplied: 'contains'/],
    ["startsWith('a', 'b', 'c')", /Too many parameters supplied: 'startsWith'/],
    ["case(true, 'a', false, 'b')", /Even number of parameters supplied/],
    ['"double quotes" == \'x\'', /Unexpected symbol/],
    ['inputs.target = 1', /Unexpected symbol/],
    ["'open", /Unexpected symbol/],
    ['a ==', /Unexpected end of expression|Unrecognized named-value/],
  ])('%s', (src, message) => {
    expect(() => ev(src)).toThrow(ExpressionError);
    expect(() => ev(src)).toThrow(message);
  });

  it('names the expression, and the contexts available', () => {
    expect(() => ev('nope.x')).toThrow(/available here: github, inputs, .*in expression `nope.x`$/);
  });

  it('rejects a bad format string and bad JSON when evaluated', () => {
    expect(() => ev("format('{1}', 'a')")).toThrow(/references more arguments than were supplied/);
    expect(() => ev("fromJSON('nope')")).toThrow(/Error parsing JSON/);
  });
});

describe('where the JS package deviates from the runner, we follow the runner', () => {
  it("unescapes every '' in a string, not only the first", () => {
    expect(ev("'a''b''c'")).toBe("a'b'c");
    expect(ev("format('{0}''s and {1}''s', 'Mona', 'Hubot')")).toBe("Mona's and Hubot's");
  });

  it('does not read 0b binary (or upper-case 0X / 0O) numbers: NaN in coercion, a syntax error as a literal', () => {
    expect(() => ev('0b101')).toThrow(/Unexpected symbol: '0b101'/);
    expect(() => ev('0X1F')).toThrow(/Unexpected symbol/);
    expect(ev("'0b101' == 5")).toBe(false);
    expect(ev("'0O17' == 15")).toBe(false);
    expect(ev("'0o17' == 15")).toBe(true);
    expect(parseNumber('0b101')).toBeNaN();
    expect(parseNumber(' 0x10 ')).toBe(16);
    expect(parseNumber('0xFFFFFFFF')).toBe(-1); // 32-bit, as the runner's Int32 parse
    expect(parseNumber('0x100000000')).toBeNaN();
    expect(parseNumber('1e3')).toBe(1000);
    expect(parseNumber('')).toBe(0);
  });
});

describe('status functions and hashFiles come from the host', () => {
  it('calls the hooks', () => {
    expect(evaluate('success()', ctx, { success: () => false })).toBe(false);
    expect(evaluate('failure() && always()', ctx, { failure: () => true })).toBe(true);
    expect(evaluate("hashFiles('a', 'b')", ctx, { hashFiles: (p) => p.join('+') })).toBe('a+b');
  });

  it('knows hashFiles only in steps and status functions only in conditions', () => {
    expect(() => ev("hashFiles('**/x')")).toThrow(/hashFiles\(\) is only available in steps/);
    expect(() => ev('success()')).toThrow(/status functions are only available in if:/);
  });
});

describe('coercion helpers', () => {
  it('formats values for interpolation and compares loosely', () => {
    expect(toStr(3)).toBe('3');
    expect(toStr(null)).toBe('');
    expect(toStr(['a'])).toBe('Array');
    expect(toStr({})).toBe('Object');
    expect(looseEq('PROD', 'prod')).toBe(true);
    expect(looseEq(3, '3')).toBe(true);
    expect(looseEq({}, {})).toBe(false);
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
    expect(evaluateCondition('!cancelled()', ctx, failed)).toBe(true);
    expect(evaluateCondition(undefined, ctx, failed)).toBe(false);
    expect(evaluateCondition(undefined, ctx, { success: () => true })).toBe(true);
    expect(evaluateCondition("steps.smoke-idle.outputs.passed == 'false'", ctx, { success: () => true })).toBe(true);
    expect(usesStatusFunction("contains('failure()', 'x')")).toBe(false);
    expect(usesStatusFunction('!Cancelled()')).toBe(true);
  });
});
