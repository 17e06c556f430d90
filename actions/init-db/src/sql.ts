/**
 * A small MySQL/MariaDB lexer that does two jobs in one pass over a migration
 * file, the way the `mysql` command-line client reads it:
 *
 * - splits it into statements on the current delimiter (`;`, or whatever a
 *   `DELIMITER xx` line sets, for procedures and triggers), never inside a
 *   string ('…', "…", `…`, with backslash and doubled-quote escapes) or a
 *   comment (`-- `, `#`, `/* … *\/`);
 * - builds the text the checksum is computed over: line endings normalised,
 *   comments removed, and every run of whitespace outside strings collapsed to
 *   one space. So comment-only and whitespace-only edits keep the checksum;
 *   any change to a statement, a string literal or an identifier changes it.
 *
 * Executable comments (`/*! … *\/`, `/*M! … *\/`) and optimizer hints
 * (`/*+ … *\/`) are code to the server: they are kept and count in the checksum.
 * Backslash escapes in strings are read as with the default SQL mode (not
 * NO_BACKSLASH_ESCAPES).
 */
import { createHash } from 'node:crypto';
import type { Statement } from './model';

export interface ParsedSql {
  statements: Statement[];
  /** The text the checksum is computed over (see the module comment). */
  normalized: string;
  /** sha256 (hex) of `normalized`. */
  checksum: string;
}

/** A file the splitter cannot read (an unterminated string or comment), with the line. */
export class SqlSyntaxError extends Error {
  override readonly name = 'SqlSyntaxError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
const DELIMITER_LINE = /DELIMITER[ \t]+(\S+)[^\n]*(?:\n|$)/iy;

/** Normalises line endings (CRLF, CR → LF) and drops a byte-order mark. */
export function normalizeNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

export function parseSql(input: string): ParsedSql {
  const text = normalizeNewlines(input);
  const n = text.length;
  const newlines: number[] = [];
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === 10) newlines.push(i);
  const lineAt = (pos: number) => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };

  const statements: Statement[] = [];
  let norm = '';
  const space = () => {
    if (norm !== '' && !norm.endsWith(' ')) norm += ' ';
  };
  let delimiter = ';';
  let start = -1; // first significant character of the current statement
  let end = -1; // end (exclusive) of its last significant token
  const significant = (from: number, to: number) => {
    if (start < 0) start = from;
    end = to;
  };
  const finish = () => {
    if (start >= 0) statements.push({ index: statements.length + 1, line: lineAt(start), sql: text.slice(start, end) });
    start = -1;
    end = -1;
  };

  let i = 0;
  while (i < n) {
    const c = text[i]!;
    // A client-side DELIMITER command, only where a statement may begin.
    if (start < 0 && (c === 'D' || c === 'd')) {
      DELIMITER_LINE.lastIndex = i;
      const m = DELIMITER_LINE.exec(text);
      if (m) {
        delimiter = m[1]!;
        space();
        norm += `DELIMITER ${delimiter}`;
        space();
        i = DELIMITER_LINE.lastIndex;
        continue;
      }
    }
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      for (;;) {
        if (j >= n) throw new SqlSyntaxError(`unterminated ${c === '`' ? 'quoted identifier' : 'string'} starting here`, lineAt(i));
        const d = text[j]!;
        if (d === '\\' && c !== '`') j += 2;
        else if (d === c && text[j + 1] === c) j += 2;
        else if (d === c) break;
        else j++;
      }
      norm += text.slice(i, j + 1);
      significant(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '#' || (c === '-' && text[i + 1] === '-' && (i + 2 >= n || isSpace(text[i + 2])))) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol;
      space();
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) throw new SqlSyntaxError('unterminated /* comment starting here', lineAt(i));
      const executable = text[i + 2] === '!' || text[i + 2] === '+' || text.startsWith('M!', i + 2);
      if (executable) {
        norm += text.slice(i, close + 2);
        significant(i, close + 2);
      } else space();
      i = close + 2;
      continue;
    }
    if (text.startsWith(delimiter, i)) {
      norm = norm.trimEnd() + (delimiter === ';' ? ';' : ` ${delimiter}`);
      space();
      finish();
      i += delimiter.length;
      continue;
    }
    if (isSpace(c)) {
      space();
      i++;
      continue;
    }
    norm += c;
    significant(i, i + 1);
    i++;
  }
  finish();
  const normalized = norm.trim();
  return { statements, normalized, checksum: createHash('sha256').update(normalized).digest('hex') };
}

/** The statement's first line, for listings ("CREATE TABLE orders ("), shortened. */
export function firstLine(sql: string, max = 100): string {
  const line = (sql.split('\n')[0] ?? '').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
