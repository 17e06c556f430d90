/**
 * The GitHub runner's protocol, implemented directly: workflow commands on
 * stdout (`::error::`, `::add-mask::`, `::group::`), and the GITHUB_OUTPUT /
 * GITHUB_STATE / GITHUB_STEP_SUMMARY files. It replaces @actions/core on the
 * hot path because loading @actions/core pulls in its OIDC HTTP client (undici)
 * and alone costs about 3× a bare `node` start; this module costs nothing.
 * Semantics follow the runner's documentation for workflow commands.
 */
import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';

export interface AnnotationProperties {
  title?: string;
  file?: string;
  line?: number;
  col?: number;
  endLine?: number;
  endColumn?: number;
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

function command(name: string, props: Record<string, string | number | undefined>, message: string): void {
  const p = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  process.stdout.write(`::${name}${p ? ` ${p}` : ''}::${escapeData(message)}${EOL}`);
}

/** Appends `name<<delimiter` blocks to a runner file (GITHUB_OUTPUT, GITHUB_STATE, GITHUB_ENV). */
function appendKeyValue(file: string, name: string, value: string): void {
  const delimiter = `ghadelimiter_${randomUUID()}`;
  if (name.includes(delimiter) || value.includes(delimiter)) throw new Error('unexpected delimiter collision');
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8');
}

export function info(message: string): void {
  process.stdout.write(message + EOL);
}
export function debug(message: string): void {
  command('debug', {}, message);
}
export function notice(message: string, props: AnnotationProperties = {}): void {
  command('notice', annotation(props), message);
}
export function warning(message: string, props: AnnotationProperties = {}): void {
  command('warning', annotation(props), message);
}
export function error(message: string, props: AnnotationProperties = {}): void {
  command('error', annotation(props), message);
}
function annotation(p: AnnotationProperties): Record<string, string | number | undefined> {
  return { title: p.title, file: p.file, line: p.line, col: p.col, endLine: p.endLine, endColumn: p.endColumn };
}

/** Reports the step as failed: an error annotation and exit code 1. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  error(message);
}

/** Masks a value in all later log output; each line of a multi-line secret is masked. */
export function setSecret(value: string): void {
  for (const line of value.split(/\r?\n/)) if (line.trim() !== '') command('add-mask', {}, line);
}

export function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT;
  if (file) appendKeyValue(file, name, value);
  else command('set-output', { name }, value);
}

/** Saves state for this action's `post:` step (read there with getState). */
export function saveState(name: string, value: string): void {
  const file = process.env.GITHUB_STATE;
  if (file) appendKeyValue(file, name, value);
  else command('save-state', { name }, value);
}
export function getState(name: string): string {
  return process.env[`STATE_${name}`] ?? '';
}

export function startGroup(name: string): void {
  command('group', {}, name);
}
export function endGroup(): void {
  command('endgroup', {}, '');
}
/** Runs `fn` inside a collapsible log group. */
export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  startGroup(name);
  try {
    return await fn();
  } finally {
    endGroup();
  }
}

/** Appends Markdown to the job summary; a no-op outside a runner. */
export function appendSummary(markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, markdown.endsWith(EOL) ? markdown : markdown + EOL, 'utf8');
}
