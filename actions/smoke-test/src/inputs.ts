import { readFileSync } from 'node:fs';
import { parseChecks, type Check } from '@switchyard/http-checks';
import { InputError, Inputs as Reader, parseYaml, show, type InputSource } from '@switchyard/kit';

/** smoke-test's inputs, typed; names are action.yml's in camelCase. */
export interface Inputs {
  checks: Check[];
  checksFile: string;
  baseUrl: URL | undefined;
  hostHeader: string;
  resolve: Map<string, string>;
  expectVersion: string | undefined;
  timeout: number;
  requestTimeout: number;
  concurrency: number;
  failOnError: boolean;
}

/** What the action sets; names are action.yml's outputs. */
export interface Outputs {
  passed: boolean;
  'failed-checks': string[];
  report: unknown[];
}

export async function getInputs(source?: InputSource): Promise<Inputs> {
  const r = new Reader(source);
  const inline = r.raw('checks');
  const checksFile = r.string('checks-file');
  if (inline && checksFile) throw new InputError('checks-file', `is set together with checks: give one of them`);
  if (!inline && !checksFile) throw new InputError('checks', 'is required (or give checks-file)');
  let doc: unknown;
  if (checksFile) {
    let text: string;
    try {
      text = readFileSync(checksFile, 'utf8');
    } catch {
      throw new InputError('checks-file', `${show(checksFile)} cannot be read: no such file`);
    }
    doc = await parseYaml('checks-file', text, checksFile);
  } else {
    doc = await parseYaml('checks', inline);
  }
  const baseUrl = r.url('base-url');
  const expectVersion = r.optionalString('expect-version');
  const hostHeader = r.string('host-header', { pattern: /^[A-Za-z0-9.-]+(:\d+)?$/, patternHint: 'a host name, optionally with :port' });
  const resolve = new Map<string, string>();
  for (const line of r.list('resolve')) {
    const m = /^([A-Za-z0-9.-]+):(\d{1,5}):(\[[0-9a-fA-F:]+\]|[0-9.]+|[0-9a-fA-F:]+)$/.exec(line);
    if (!m) throw new InputError('resolve', `${show(line)} is not host:port:address`);
    resolve.set(`${m[1]}:${m[2]}`, m[3]!.replace(/^\[|\]$/g, ''));
  }
  const checks = parseChecks(doc, { input: checksFile ? 'checks-file' : 'checks', baseUrl, expectVersion });
  return {
    checks,
    checksFile,
    baseUrl,
    hostHeader,
    resolve,
    expectVersion,
    timeout: r.duration('timeout', { default: '60s', min: 1 }),
    requestTimeout: r.duration('request-timeout', { default: '10s', min: 1 }),
    concurrency: r.int('concurrency', { default: 8, min: 1, max: 64 }),
    failOnError: r.bool('fail-on-error', { default: true }),
  };
}
