import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import {
  ConfigurationError,
  core,
  ExecError,
  Failure,
  InputError,
  mapConcurrent,
  retry,
  RetryError,
  runAction,
  stateSlot,
  WaitTimeoutError,
} from '@switchyard/kit';
import { parseCommands, parseKeyValueFile } from '@switchyard/testkit';

describe('error classes', () => {
  it('tells the user’s fault from a reported failure', () => {
    const input = new InputError('image', '"x y" is not an image reference');
    expect(input).toBeInstanceOf(ConfigurationError);
    expect(input).toBeInstanceOf(Failure);
    expect(new ExecError('docker ps', { code: 1, stdout: '', stderr: 'boom' })).not.toBeInstanceOf(ConfigurationError);
    expect(new WaitTimeoutError('late', '')).toBeInstanceOf(Failure);
    expect(new WaitTimeoutError('late', '')).not.toBeInstanceOf(ConfigurationError);
  });

  it('retry retries a failed command by default but never a configuration error', async () => {
    const sleep = async () => undefined;
    let calls = 0;
    const flaky = await retry(
      async () => {
        if (++calls < 3) throw new ExecError('docker push x', { code: 1, stdout: '', stderr: 'connection reset' });
        return 'pushed';
      },
      { label: 'push', maxAttempts: 5, sleep },
    );
    expect([flaky, calls]).toEqual(['pushed', 3]);
    calls = 0;
    const bad = await retry(
      async () => {
        calls++;
        throw new ConfigurationError('no such file');
      },
      { label: 'read', maxAttempts: 5, sleep },
    ).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ConfigurationError);
    expect(bad).not.toBeInstanceOf(RetryError);
    expect(calls).toBe(1);
  });
});

describe('mapConcurrent', () => {
  it('stops starting items after the first failure and throws it once the in-flight calls settle', async () => {
    const started: number[] = [];
    const settled: number[] = [];
    const e = await mapConcurrent([0, 1, 2, 3, 4, 5, 6, 7], 2, async (n) => {
      started.push(n);
      await new Promise((r) => setTimeout(r, n === 1 ? 30 : 5));
      settled.push(n);
      if (n === 0) throw new Error('item 0 failed');
      return n;
    }).catch((x: unknown) => x);
    expect((e as Error).message).toBe('item 0 failed');
    expect(started).toEqual([0, 1]);
    expect(settled.sort()).toEqual([0, 1]);
  });

  it('keeps input order', async () => {
    expect(await mapConcurrent([30, 10, 20], 3, async (ms) => new Promise<number>((r) => setTimeout(() => r(ms), ms)))).toEqual([30, 10, 20]);
  });
});

describe('runAction with a post stage', () => {
  let dir: string;
  let out: string[];
  const saved = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'run-'));
    writeFileSync(join(dir, 'state'), '');
    process.env.GITHUB_STATE = join(dir, 'state');
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

  it('runs main first, hands state to post, and runs post in the post stage', async () => {
    const slot = stateSlot('workDir');
    const seen: string[] = [];
    const main = async () => {
      seen.push('main');
      slot.save('/tmp/w');
    };
    const post = async () => {
      seen.push(`post ${slot.read()}`);
    };
    await runAction(main, post);
    const state = parseKeyValueFile(readFileSync(join(dir, 'state'), 'utf8'));
    expect(state).toEqual({ isPost: 'true', workDir: '/tmp/w' });
    for (const [k, v] of Object.entries(state)) process.env[`STATE_${k}`] = v;
    await runAction(main, post);
    expect(seen).toEqual(['main', 'post /tmp/w']);
  });

  it('reports a Failure as one annotation with its hint, and a bug with the word bug', async () => {
    await runAction(async () => {
      throw new Failure('deploy failed', { hint: 'check the node' });
    });
    await runAction(async () => {
      throw new TypeError('x is undefined');
    });
    const { annotations } = parseCommands(out.join(''));
    expect(annotations.map((a) => a.message)).toEqual(['deploy failed\nHint: check the node', expect.stringContaining('this is a bug in Switchyard')]);
    expect(process.exitCode).toBe(1);
  });
});

describe('annotations', () => {
  it('carry endColumn', () => {
    const out: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    core.error('bad key', { file: 'w.yml', line: 3, col: 5, endLine: 3, endColumn: 9 });
    jest.restoreAllMocks();
    expect(out.join('')).toContain('::error file=w.yml,line=3,col=5,endLine=3,endColumn=9::bad key');
  });
});
