import { describe, expect, it } from '@jest/globals';
import { InputError, Inputs, parseDuration, parseKeyValues, parseYaml, formatDuration } from '@switchyard/kit';

const reader = (values: Record<string, string>) => new Inputs((name) => values[name] ?? '');

describe('Inputs', () => {
  it('reads strings, with required and pattern checks naming the input and value', () => {
    const r = reader({ image: 'Bad Name', tag: 'v1' });
    expect(r.string('tag')).toBe('v1');
    expect(r.string('missing', { default: 'd' })).toBe('d');
    expect(() => r.string('missing', { required: true })).toThrow("Input 'missing': is required but was not set");
    expect(() => r.string('image', { pattern: /^[a-z]+$/, patternHint: 'lowercase' })).toThrow(`Input 'image': "Bad Name" is not valid: expected lowercase`);
  });

  it('parses ints with bounds', () => {
    const r = reader({ n: '5', neg: '-1', big: '99', text: '5x' });
    expect(r.int('n', { min: 1, max: 10 })).toBe(5);
    expect(r.int('unset', { default: 3 })).toBe(3);
    expect(() => r.int('neg', { min: 0 })).toThrow("Input 'neg': -1 is below the minimum 0");
    expect(() => r.int('big', { max: 64 })).toThrow("Input 'big': 99 is above the maximum 64");
    expect(() => r.int('text', { default: 1 })).toThrow(`Input 'text': "5x" is not a whole number`);
  });

  it('accepts only true/false as booleans', () => {
    const r = reader({ a: 'true', b: 'FALSE', c: 'yes', d: '1' });
    expect(r.bool('a', { default: false })).toBe(true);
    expect(r.bool('b', { default: true })).toBe(false);
    expect(r.bool('unset', { default: true })).toBe(true);
    expect(() => r.bool('c', { default: false })).toThrow(`Input 'c': "yes" is not a boolean: use true or false`);
    expect(() => r.bool('d', { default: false })).toThrow(InputError);
  });

  it('accepts exactly the spellings the runner toolkit accepts', () => {
    const r = reader({ t1: 'true', t2: 'True', t3: 'TRUE', f1: 'false', f2: 'False', f3: 'FALSE', odd: 'tRuE', odd2: 'fAlse' });
    expect(['t1', 't2', 't3'].map((n) => r.bool(n, { default: false }))).toEqual([true, true, true]);
    expect(['f1', 'f2', 'f3'].map((n) => r.bool(n, { default: true }))).toEqual([false, false, false]);
    expect(() => r.bool('odd', { default: false })).toThrow(`Input 'odd': "tRuE" is not a boolean: use true or false`);
    expect(() => r.bool('odd2', { default: false })).toThrow(InputError);
  });

  it('checks enums', () => {
    const r = reader({ mode: 'flip' });
    expect(r.enum('unset', ['status', 'switch'] as const, { default: 'status' })).toBe('status');
    expect(() => r.enum('mode', ['status', 'switch'] as const)).toThrow(`Input 'mode': "flip" is not one of status, switch`);
  });

  it('parses durations and rejects negative or malformed ones', () => {
    const r = reader({ t: '1m30s', neg: '-5s', bad: '5 minutes', zero: '0s' });
    expect(r.duration('t')).toBe(90_000);
    expect(r.duration('unset', { default: '2m' })).toBe(120_000);
    expect(() => r.duration('neg')).toThrow(`Input 'neg': "-5s" is negative`);
    expect(() => r.duration('bad')).toThrow(`Input 'bad': "5 minutes" is not a duration`);
    expect(() => r.duration('zero', { min: 1 })).toThrow(`Input 'zero': "0s" is shorter than the minimum`);
  });

  it('parses URLs', () => {
    const r = reader({ u: 'http://127.0.0.1:8080/x', bad: 'not a url', ftp: 'ftp://h/x' });
    expect(r.url('u')?.port).toBe('8080');
    expect(r.url('unset')).toBeUndefined();
    expect(() => r.url('bad')).toThrow(`Input 'bad': "not a url" is not a valid absolute URL`);
    expect(() => r.url('ftp')).toThrow(`has protocol ftp:`);
  });

  it('splits lists and key=value lines', () => {
    const r = reader({ l: 'a\n\n  b  \n# comment\nc', c: 'a, b,c' });
    expect(r.list('l')).toEqual(['a', 'b', 'c']);
    expect(r.list('c', { commas: true })).toEqual(['a', 'b', 'c']);
    expect([...parseKeyValues('build-args', ['A=1', 'B=x=y'])]).toEqual([
      ['A', '1'],
      ['B', 'x=y'],
    ]);
    expect(() => parseKeyValues('build-args', ['=1'])).toThrow(`Input 'build-args': "=1" is not KEY=value`);
  });
});

describe('durations', () => {
  it.each([
    ['90', 90_000],
    ['250ms', 250],
    ['1h', 3_600_000],
    ['1.5s', 1500],
    ['2m5s', 125_000],
  ])('%s → %d ms', (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(['', 'abc', '5x', '1m 30s', 's'])('rejects %j', (text) => expect(parseDuration(text)).toBeUndefined());
  it('formats for people', () => {
    expect(formatDuration(850)).toBe('850ms');
    expect(formatDuration(12_340)).toBe('12.3s');
    expect(formatDuration(125_000)).toBe('2m05s');
  });
});

describe('parseYaml', () => {
  it('parses valid YAML', async () => {
    await expect(parseYaml('checks', '- url: /a\n  status: 200\n')).resolves.toEqual([{ url: '/a', status: 200 }]);
  });
  it('says where malformed YAML breaks', async () => {
    await expect(parseYaml('checks', '- url: /a\n  status: [200\n')).rejects.toThrow(/^Input 'checks': invalid YAML at line \d+, column \d+/);
  });
  it('rejects duplicate keys', async () => {
    await expect(parseYaml('checks', 'a: 1\na: 2\n')).rejects.toThrow(/Input 'checks': invalid YAML at line 2/);
  });
});
