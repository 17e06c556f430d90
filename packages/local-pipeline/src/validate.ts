// Validates a workflow file with GitHub's own workflow parser (@actions/workflow-parser, the
// schema and checks behind GitHub's workflow editor) before anything runs: unknown keys (`wiht:`),
// missing `runs-on`, contexts used where GitHub does not allow them (`secrets` in `if:`),
// values of the wrong type (`timeout-minutes: soon`), duplicate step ids, unknown events
// (`on: pusj`), broken expressions. Each finding carries file:line:column.
import { readFileSync } from 'node:fs';
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';

export interface WorkflowProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export const formatProblem = (p: WorkflowProblem) => `${p.file}:${p.line}:${p.column}: ${p.message}`;

interface ParserError {
  rawMessage?: string;
  message: string;
  range?: { start: { line: number; column: number } };
}

/** Validates workflow text; `file` is the name findings carry (a path relative to the repository, say). */
export async function validateWorkflowText(text: string, file: string): Promise<WorkflowProblem[]> {
  const parsed = parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter());
  // The conversion adds the checks that need the whole model (job graph, step ids, expression contexts).
  if (parsed.value) await convertWorkflowTemplate(parsed.context, parsed.value);
  const seen = new Set<string>();
  const out: WorkflowProblem[] = [];
  for (const e of parsed.context.errors.getErrors() as ParserError[]) {
    const line = e.range?.start.line ?? 1;
    const column = e.range?.start.column ?? 1;
    // Messages carry "<file> (Line: n, Col: m): " in front; the position is kept apart.
    const message = (e.rawMessage ?? e.message).replace(/^.*?\(Line: \d+, Col: \d+\): /, '').replace(new RegExp(`^${escape(file)}: `), '');
    const key = `${line}:${column}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ file, line, column, message: message.trim() });
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const validateWorkflowFile = (path: string, file = path) => validateWorkflowText(readFileSync(path, 'utf8'), file);
