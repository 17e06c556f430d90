import * as core from './core';

/** Escapes text for the job summary's HTML/Markdown. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export type Cell = string | number | boolean | null | undefined;

/** A GitHub-flavoured Markdown table; every cell is escaped, pipes included. */
export function markdownTable(headers: string[], rows: Cell[][]): string {
  const cell = (c: Cell) =>
    escapeHtml(c === null || c === undefined ? '' : String(c))
      .replace(/\|/g, '\\|')
      .replace(/\r?\n/g, '<br>');
  const line = (cells: Cell[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), `|${headers.map(() => ' --- ').join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * A job summary built from Markdown parts, written once at the end of a run.
 * Does nothing outside a runner (no GITHUB_STEP_SUMMARY), so local runs and
 * unit tests need no set-up.
 */
export class Summary {
  private readonly parts: string[] = [];

  heading(text: string, level = 2): this {
    this.parts.push(`${'#'.repeat(level)} ${escapeHtml(text)}`);
    return this;
  }
  text(markdown: string): this {
    this.parts.push(markdown);
    return this;
  }
  table(headers: string[], rows: Cell[][]): this {
    this.parts.push(markdownTable(headers, rows));
    return this;
  }
  details(title: string, body: string): this {
    this.parts.push(`<details><summary>${escapeHtml(title)}</summary>\n\n${body}\n\n</details>`);
    return this;
  }
  toString(): string {
    return `${this.parts.join('\n\n')}\n`;
  }
  /** Appends to the job summary (a no-op outside a runner). */
  write(): void {
    core.appendSummary(this.toString());
  }
}

/** Sets outputs; objects and arrays become compact JSON. */
export function setOutputs<T extends object>(outputs: T): void {
  for (const [name, value] of Object.entries(outputs)) {
    if (value === undefined) continue;
    core.setOutput(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
}
