import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { addSecret, describeCommand, ExecError, execute } from '@switchyard/kit';

describe('execute (exec with argument arrays)', () => {
  let out: string[];
  beforeEach(() => {
    out = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('passes arguments verbatim: shell metacharacters are never interpreted', async () => {
    const evil = '$(touch /tmp/pwned); `id` && echo hacked';
    const r = await execute('printf', ['%s', evil]);
    expect(r.stdout).toBe(evil);
    expect(r.code).toBe(0);
  });

  it('feeds stdin (the way to hand over a password) and merges env', async () => {
    const r = await execute('sh', ['-c', 'read line; echo "$line:$GREETING"'], { input: 'from-stdin\n', env: { GREETING: 'hi' } });
    expect(r.stdout.trim()).toBe('from-stdin:hi');
  });

  it('throws an ExecError with the exit code and output tail, secrets redacted', async () => {
    addSecret('hunter2-password');
    const e = await execute('sh', ['-c', 'echo "login failed for hunter2-password" >&2; exit 3', 'hunter2-password']).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ExecError);
    expect((e as ExecError).result.code).toBe(3);
    expect((e as Error).message).toBe(`sh -c 'echo "login failed for ***" >&2; exit 3' *** exited with code 3:\nlogin failed for ***`);
    expect(out.filter((l) => !l.startsWith('::add-mask::')).join('')).not.toContain('hunter2-password');
  });

  it('returns non-zero exits with allowFailure', async () => {
    const r = await execute('sh', ['-c', 'exit 7'], { allowFailure: true });
    expect(r.code).toBe(7);
  });

  it('quotes the echoed command like a shell would', () => {
    expect(describeCommand('docker', ['build', '-t', 'a b', "it's"])).toBe(`docker build -t 'a b' 'it'\\''s'`);
  });
});

describe('execute, quietly and with a missing program', () => {
  let out: string[];
  beforeEach(() => {
    out = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('does not echo the command with quiet: true', async () => {
    const r = await execute('printf', ['polled'], { quiet: true });
    expect(r.stdout).toBe('polled');
    expect(out.join('')).toBe('');
  });

  it('reports a program that cannot be started as an ExecError with code 127', async () => {
    const e = await execute('switchyard-no-such-program', ['x'], { quiet: true }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ExecError);
    expect((e as ExecError).result.code).toBe(127);
    expect((e as Error).message).toMatch(/^switchyard-no-such-program x exited with code 127:\nswitchyard-no-such-program: /);
  });
});
