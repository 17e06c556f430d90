import * as core from './core';
import type { getExecOutput as GetExecOutput } from '@actions/exec';
import { redact } from './secrets';
import { errorMessage, Failure } from './errors';

export interface ExecOptions {
  cwd?: string;
  /** Extra environment, merged over process.env. */
  env?: Record<string, string | undefined>;
  /** Data written to the process's stdin (use this for passwords, never argv). */
  input?: string;
  /** Stream output to the log as it comes (default false: captured, shown on failure). */
  stream?: boolean;
  /** Return non-zero exits instead of throwing. */
  allowFailure?: boolean;
  /** Do not echo the command (for frequent, read-only queries such as polls). */
  quiet?: boolean;
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export class ExecError extends Failure {
  override readonly name: string = 'ExecError';
  constructor(
    readonly command: string,
    readonly result: ExecResult,
  ) {
    const tail = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-15).join('\n');
    super(`${command} exited with code ${result.code}${tail ? `:\n${redact(tail)}` : ''}`);
  }
}

/** The command as a person would type it, quoted where needed and with secrets redacted. */
export function describeCommand(cmd: string, args: readonly string[]): string {
  const q = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return redact([cmd, ...args].map(q).join(' '));
}

/**
 * Runs a program with an argument array — never through a shell, so inputs
 * cannot inject commands. Output is captured (and streamed if asked);
 * registered secrets are redacted from everything we print.
 */
export async function execute(cmd: string, args: readonly string[], opts: ExecOptions = {}): Promise<ExecResult> {
  const command = describeCommand(cmd, args);
  if (!opts.quiet) core.info(`$ ${command}`);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...opts.env })) if (v !== undefined) env[k] = v;
  const write = (chunk: Buffer) => process.stdout.write(redact(chunk.toString()));
  let r: Awaited<ReturnType<typeof GetExecOutput>>;
  // Loaded on first use, so an action that fails on its inputs never pays for it.
  const { getExecOutput } = await import('@actions/exec');
  try {
    r = await getExecOutput(cmd, [...args], {
      cwd: opts.cwd,
      env,
      input: opts.input === undefined ? undefined : Buffer.from(opts.input),
      silent: true,
      ignoreReturnCode: true,
      listeners: opts.stream ? { stdout: write, stderr: write } : {},
    });
  } catch (e) {
    // The program could not be started at all (not installed, not on PATH).
    throw new ExecError(command, { code: 127, stdout: '', stderr: `${cmd}: ${errorMessage(e)}` });
  }
  const result: ExecResult = { code: r.exitCode, stdout: r.stdout, stderr: r.stderr };
  if (result.code !== 0 && !opts.allowFailure) throw new ExecError(command, result);
  return result;
}
