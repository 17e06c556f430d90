import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { addSecret, core, markdownTable, Masker, redact, Summary } from '@switchyard/kit';
import { parseCommands, parseKeyValueFile } from '@switchyard/testkit';

// The runner protocol is tested the way actions/toolkit tests it: real files, real stdout.
describe('runner protocol', () => {
  let dir: string;
  let out: string[];
  const saved = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'core-'));
    for (const f of ['output', 'state', 'summary']) writeFileSync(join(dir, f), '');
    process.env.GITHUB_OUTPUT = join(dir, 'output');
    process.env.GITHUB_STATE = join(dir, 'state');
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary');
    out = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.env = { ...saved };
    process.exitCode = undefined;
  });

  it('writes multi-line outputs and state with a delimiter the runner parses', () => {
    core.setOutput('report', 'line 1\nline 2');
    core.setOutput('passed', 'true');
    core.saveState('key-dir', '/tmp/x');
    expect(parseKeyValueFile(readFileSync(join(dir, 'output'), 'utf8'))).toEqual({ report: 'line 1\nline 2', passed: 'true' });
    expect(parseKeyValueFile(readFileSync(join(dir, 'state'), 'utf8'))).toEqual({ 'key-dir': '/tmp/x' });
  });

  it('escapes annotations and sets the exit code on failure', () => {
    core.setFailed('2 checks failed:\n- a: 100%');
    core.warning('careful', { file: 'a,b.yml', line: 3 });
    const { annotations } = parseCommands(out.join(''));
    expect(annotations).toEqual([
      { level: 'error', message: '2 checks failed:\n- a: 100%', properties: {} },
      { level: 'warning', message: 'careful', properties: { file: 'a,b.yml', line: '3' } },
    ]);
    expect(out.join('')).toContain('::error::2 checks failed:%0A- a: 100%25');
    expect(process.exitCode).toBe(1);
  });

  it('masks secrets with the runner and redacts them from our own text', () => {
    addSecret('s3cr3t/pw');
    addSecret('-----BEGIN KEY-----\nabc123\n-----END KEY-----');
    const { masks } = parseCommands(out.join(''));
    expect(masks).toEqual(expect.arrayContaining(['s3cr3t/pw', 's3cr3t%2Fpw', 'abc123']));
    expect(redact('mysql://u:s3cr3t/pw@h/db and s3cr3t%2Fpw')).toBe('mysql://u:***@h/db and ***');
  });

  it('appends the summary and escapes user text in tables', () => {
    new Summary()
      .heading('Result')
      .table(['Check', 'Reason'], [['<script>', 'a | b\nc']])
      .write();
    const md = readFileSync(join(dir, 'summary'), 'utf8');
    expect(md).toContain('## Result');
    expect(md).toContain('| &lt;script&gt; | a \\| b<br>c |');
    expect(markdownTable(['a'], [[null]])).toBe('| a |\n| --- |\n|  |');
  });
});

describe('Masker (the pure masking rule addSecret and the local runner share)', () => {
  it('masks a value and its URL-encoded form, longest first, without printing anything', () => {
    const write = jest.spyOn(process.stdout, 'write');
    const m = new Masker();
    expect(m.add('p@ss/word')).toEqual(['p@ss/word', 'p%40ss%2Fword']);
    expect(m.add('p@ss/word')).toEqual([]);
    m.add('p@ss');
    expect(m.redact('mysql://u:p%40ss%2Fword@h and p@ss/word and p@ss')).toBe('mysql://u:***@h and *** and ***');
    expect(m.reveals('x p@ss y')).toBe(true);
    expect(m.reveals('nothing here')).toBe(false);
    m.add('ab');
    expect(m.redact('ab')).toBe('ab');
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
  });
});
