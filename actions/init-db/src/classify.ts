/**
 * Zero-downtime classification of a statement, read at parser level (no
 * server round trip): in blue-green both colours run on one database while
 * traffic moves, so each statement is one of
 *
 * - additive: the running code does not notice (CREATE TABLE, ADD COLUMN that
 *   is nullable or has a default, ADD INDEX, CREATE VIEW / TRIGGER …);
 * - data: rows written or changed with a WHERE (a backfill);
 * - locking: the server copies or rebuilds the table and blocks writes on
 *   MySQL 8 and MariaDB 10.11 (column type changes, primary-key changes,
 *   engine or character-set conversion, FULLTEXT/SPATIAL, foreign keys …);
 * - incompatible: code that is running breaks (RENAME TABLE / COLUMN, CHANGE /
 *   MODIFY that narrows a type or adds NOT NULL without a default, DROP DEFAULT,
 *   ADD COLUMN NOT NULL without a default, a new CHECK);
 * - destructive: something is removed (DROP TABLE / COLUMN / INDEX / TRIGGER …,
 *   TRUNCATE, UPDATE or DELETE without WHERE).
 *
 * When the current columns are known (information_schema, read once), MODIFY
 * and CHANGE are compared with them: widening and relaxing NOT NULL are
 * additive, narrowing is incompatible.
 */
import type { LintFinding, MigrationFile, StatementClass } from './model';

/** Worst first, for sorting and for a statement's overall class. */
export const SEVERITY: Record<StatementClass, number> = { additive: 0, data: 1, locking: 2, incompatible: 3, destructive: 4 };
export const worst = (classes: StatementClass[]): StatementClass => classes.reduce<StatementClass>((a, c) => (SEVERITY[c] > SEVERITY[a] ? c : a), 'additive');

export interface Classification {
  class: StatementClass;
  /** Each finding that is not additive, or the one additive description. */
  reasons: string[];
  /** ALTER TABLE / CREATE INDEX: the online-DDL clauses can be appended. */
  onlineDdl: boolean;
}

/** A column as information_schema.COLUMNS describes it. */
export interface ColumnInfo {
  type: string;
  nullable: boolean;
  hasDefault: boolean;
}
/** Current columns by `table.column` (lower case). */
export type Columns = Map<string, ColumnInfo>;

interface Token {
  /** Upper-cased word, the identifier's name (unquoted), or a punctuation character; strings are "'". */
  t: string;
  /** Original spelling (identifiers keep their case). */
  raw: string;
  quoted: boolean;
}

/** Words, quoted identifiers, strings and punctuation; comments dropped, executable comments read as code. */
export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = sql.length;
  while (i < n) {
    const c = sql[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '#' || (c === '-' && sql[i + 1] === '-')) {
      const e = sql.indexOf('\n', i);
      i = e < 0 ? n : e;
    } else if (c === '/' && sql[i + 1] === '*') {
      if (sql[i + 2] === '!' || sql.startsWith('M!', i + 2)) {
        i += sql[i + 2] === '!' ? 3 : 4;
        while (/\d/.test(sql[i] ?? '')) i++; // version number of /*!50100 … */
      } else {
        const e = sql.indexOf('*/', i + 2);
        i = e < 0 ? n : e + 2;
      }
    } else if (c === '*' && sql[i + 1] === '/') {
      i += 2; // end of an executable comment
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < n && sql[j] !== c) j += sql[j] === '\\' && c !== '`' ? 2 : 1;
      const text = sql.slice(i + 1, j);
      out.push(c === '`' ? { t: text.toUpperCase(), raw: text, quoted: true } : { t: "'", raw: text, quoted: true });
      i = j + 1;
    } else if (/[A-Za-z0-9_$@]/.test(c)) {
      let j = i;
      while (j < n && /[A-Za-z0-9_$@.]/.test(sql[j]!)) j++;
      const raw = sql.slice(i, j);
      out.push({ t: raw.toUpperCase(), raw, quoted: false });
      i = j;
    } else {
      out.push({ t: c, raw: c, quoted: false });
      i++;
    }
  }
  return out;
}

/** Splits tokens on commas outside parentheses. */
function clauses(tokens: Token[]): Token[][] {
  const out: Token[][] = [[]];
  let depth = 0;
  for (const tok of tokens) {
    if (!tok.quoted && tok.t === '(') depth++;
    if (!tok.quoted && tok.t === ')') depth--;
    if (!tok.quoted && tok.t === ',' && depth === 0) out.push([]);
    else out[out.length - 1]!.push(tok);
  }
  return out.filter((c) => c.length > 0);
}

const word = (tok: Token | undefined, ...words: string[]) => tok !== undefined && !tok.quoted && words.includes(tok.t);
const name = (tok: Token | undefined) => (tok ? tok.raw.replace(/^.*\./, '') : '?');
const has = (tokens: Token[], w: string) => tokens.some((t) => !t.quoted && t.t === w);
const hasSeq = (tokens: Token[], ...ws: string[]) => tokens.some((_, i) => ws.every((w, k) => word(tokens[i + k], w)));

/** Reads a column definition: its type (as written, lower case), NOT NULL, DEFAULT, and what makes NOT NULL harmless. */
function columnDef(def: Token[]) {
  const typeEnd = def.findIndex(
    (t, i) => i > 0 && !t.quoted && /^[A-Z]/.test(t.t) && !['UNSIGNED', 'ZEROFILL', 'BINARY'].includes(t.t) && def[i - 1]?.t !== '(',
  );
  const typeTokens = def.slice(0, typeEnd < 0 ? def.length : typeEnd);
  return {
    type: typeTokens
      .map((t) => t.raw)
      .join('')
      .toLowerCase()
      .replace(/unsigned/, ' unsigned'),
    notNull: hasSeq(def, 'NOT', 'NULL'),
    hasDefault: has(def, 'DEFAULT') || has(def, 'AUTO_INCREMENT') || has(def, 'AS') || has(def, 'GENERATED'),
  };
}

const INT_RANK: Record<string, number> = { tinyint: 1, smallint: 2, mediumint: 3, int: 4, integer: 4, bigint: 5 };

/** Whether a new type holds every value of the old one (same family, not shorter); undefined when it cannot be told. */
export function widens(from: string, to: string): boolean | undefined {
  const parse = (t: string) => {
    const m = /^([a-z]+)(?:\((\d+)(?:,(\d+))?\))?( unsigned)?/.exec(t.replace(/\s+/g, ' ').trim());
    return m ? { base: m[1]!, len: m[2] ? Number(m[2]) : undefined, scale: m[3] ? Number(m[3]) : undefined, unsigned: !!m[4] } : undefined;
  };
  const a = parse(from);
  const b = parse(to);
  if (!a || !b) return undefined;
  if (a.base in INT_RANK && b.base in INT_RANK)
    return INT_RANK[b.base]! >= INT_RANK[a.base]! + (a.unsigned && !b.unsigned ? 1 : 0) && (!b.unsigned || a.unsigned);
  const text = ['char', 'varchar'];
  if (text.includes(a.base) && text.includes(b.base)) return (b.len ?? 1) >= (a.len ?? 1);
  const blobs = ['tinytext', 'text', 'mediumtext', 'longtext'];
  if (blobs.includes(a.base) && blobs.includes(b.base)) return blobs.indexOf(b.base) >= blobs.indexOf(a.base);
  if (a.base === 'decimal' && b.base === 'decimal') return (b.len ?? 10) - (b.scale ?? 0) >= (a.len ?? 10) - (a.scale ?? 0) && (b.scale ?? 0) >= (a.scale ?? 0);
  if (a.base === b.base && a.len === b.len && a.scale === b.scale && a.unsigned === b.unsigned) return true;
  if (a.base !== b.base) return false;
  return undefined;
}

/** Same type as written (length, scale, sign): a change that leaves the type alone. */
const sameType = (from: string, to: string) => from.replace(/\s+/g, '').replace(/^int\(\d+\)/, 'int') === to.replace(/\s+/g, '').replace(/^int\(\d+\)/, 'int');

function alterClause(table: string, c: Token[], columns: Columns | undefined, out: [StatementClass, string][]): void {
  const at = (i: number) => c[i];
  const first = at(0);
  if (!first) return;
  const push = (cls: StatementClass, why: string): void => void out.push([cls, why]);
  if (word(first, 'ALGORITHM', 'LOCK')) return;
  if (word(first, 'ADD')) {
    let i = 1;
    if (word(at(i), 'COLUMN')) i++;
    if (word(at(i), 'IF') && word(at(i + 1), 'NOT') && word(at(i + 2), 'EXISTS')) i += 3;
    const k = at(i);
    if (word(k, 'INDEX', 'KEY', 'UNIQUE')) return push('additive', `adds index on ${table}`);
    if (word(k, 'FULLTEXT', 'SPATIAL'))
      return push('locking', `adds a ${k!.t} index to ${table}: the server blocks writes while it builds it (LOCK=NONE is refused)`);
    if (word(k, 'PRIMARY')) return push('locking', `adds a primary key to ${table}: the table is rebuilt`);
    if (word(k, 'CONSTRAINT', 'FOREIGN', 'CHECK')) {
      if (has(c, 'FOREIGN')) return push('locking', `adds a foreign key to ${table}: the server copies the table (INPLACE needs foreign_key_checks=0)`);
      if (has(c, 'CHECK'))
        return push('incompatible', `adds a CHECK constraint to ${table}: running code’s writes that break it fail, and every row is checked`);
      if (has(c, 'UNIQUE')) return push('additive', `adds unique key on ${table}`);
      if (has(c, 'PRIMARY')) return push('locking', `adds a primary key to ${table}: the table is rebuilt`);
    }
    if (word(k, 'PARTITION')) return push('locking', `adds a partition to ${table}`);
    if (k?.t === '(') return push('additive', `adds columns to ${table}`);
    const def = columnDef(c.slice(i + 1));
    if (def.notNull && !def.hasDefault)
      return push('incompatible', `adds NOT NULL column ${table}.${name(k)} without a default: running code’s INSERTs that do not name it fail`);
    return push('additive', `adds column ${table}.${name(k)}`);
  }
  if (word(first, 'DROP')) {
    let i = 1;
    const k = at(i);
    if (word(k, 'PRIMARY')) return push('locking', `drops the primary key of ${table}: the table is copied`);
    if (word(k, 'INDEX', 'KEY'))
      return push('destructive', `drops index ${table}.${name(at(i + 1 + (word(at(i + 1), 'IF') ? 2 : 0)))}: queries that use it slow down`);
    if (word(k, 'FOREIGN', 'CONSTRAINT', 'CHECK')) return push('additive', `drops a constraint of ${table} (relaxes)`);
    if (word(k, 'PARTITION')) return push('destructive', `drops a partition of ${table} and its rows`);
    if (word(k, 'COLUMN')) i++;
    if (word(at(i), 'IF') && word(at(i + 1), 'EXISTS')) i += 2;
    return push('destructive', `drops column ${table}.${name(at(i))}: code that reads or writes it fails`);
  }
  if (word(first, 'RENAME')) {
    if (word(at(1), 'COLUMN')) return push('incompatible', `renames column ${table}.${name(at(2))} to ${name(at(4))}: running code uses the old name`);
    if (word(at(1), 'INDEX', 'KEY')) return push('additive', `renames an index of ${table}`);
    return push('incompatible', `renames table ${table} to ${name(at(word(at(1), 'TO', 'AS') ? 2 : 1))}: running code uses the old name`);
  }
  if (word(first, 'MODIFY', 'CHANGE')) {
    let i = 1;
    if (word(at(i), 'COLUMN')) i++;
    if (word(at(i), 'IF') && word(at(i + 1), 'EXISTS')) i += 2;
    const old = name(at(i));
    const renamed = first.t === 'CHANGE' ? name(at(i + 1)) : old;
    const def = columnDef(c.slice(i + (first.t === 'CHANGE' ? 2 : 1)));
    if (renamed.toLowerCase() !== old.toLowerCase()) push('incompatible', `renames column ${table}.${old} to ${renamed}: running code uses the old name`);
    const current = columns?.get(`${table}.${old}`.toLowerCase());
    if (def.notNull && !def.hasDefault && (!current || current.nullable))
      push('incompatible', `makes ${table}.${renamed} NOT NULL without a default: running code that writes no value (or NULL) fails`);
    if (current) {
      const wider = widens(current.type, def.type);
      if (sameType(current.type, def.type)) {
        if (!def.notNull && !current.nullable) push('additive', `lets ${table}.${renamed} be NULL`);
        else push('additive', `changes attributes of ${table}.${renamed}`);
      } else if (wider === false)
        push('incompatible', `narrows ${table}.${renamed} from ${current.type} to ${def.type}: values running code writes may no longer fit`);
      else push('locking', `changes the type of ${table}.${renamed} from ${current.type} to ${def.type}: the table is copied, writes wait`);
    } else push('locking', `changes column ${table}.${renamed} (${def.type}): a type change copies the table, writes wait`);
    return;
  }
  if (word(first, 'ALTER')) {
    const i = word(at(1), 'COLUMN') ? 2 : 1;
    if (word(at(i + 1), 'DROP') && word(at(i + 2), 'DEFAULT'))
      return push('incompatible', `drops the default of ${table}.${name(at(i))}: running code’s INSERTs that do not name it fail`);
    return push('additive', `changes the default of ${table}.${name(at(i))}`);
  }
  if (word(first, 'ENGINE', 'CONVERT', 'FORCE', 'ROW_FORMAT', 'ORDER') || (word(first, 'DEFAULT') && has(c, 'CHARSET')))
    return push('locking', `rebuilds ${table} (${c.map((t) => t.raw).join(' ')}): the table is copied, writes wait`);
  if (word(first, 'CHARACTER', 'CHARSET', 'COLLATE')) return push('additive', `changes the default character set of ${table} (new columns only)`);
  if (word(first, 'COMMENT', 'AUTO_INCREMENT')) return push('additive', `changes table options of ${table}`);
  if (word(first, 'PARTITION', 'REMOVE', 'COALESCE', 'REORGANIZE', 'EXCHANGE', 'TRUNCATE')) return push('locking', `repartitions ${table}`);
  push(
    'locking',
    `${c
      .slice(0, 3)
      .map((t) => t.raw)
      .join(' ')} on ${table}: not known to be online`,
  );
}

/** Classifies one statement (see the module comment). */
export function classify(sql: string, columns?: Columns): Classification {
  const tokens = tokenize(sql);
  const t = (i: number) => tokens[i];
  const verdict = (cls: StatementClass, why: string, onlineDdl = false): Classification => ({ class: cls, reasons: [why], onlineDdl });
  const head = t(0)?.t ?? '';
  if (head === 'CREATE') {
    let i = 1;
    if (word(t(i), 'OR') && word(t(i + 1), 'REPLACE')) i += 2;
    while (
      word(t(i), 'DEFINER', '=', 'TEMPORARY', 'ALGORITHM', 'SQL', 'SECURITY', 'INVOKER', 'UNDEFINED', 'MERGE', 'TEMPTABLE', 'AGGREGATE') ||
      t(i)?.raw.includes('@')
    )
      i++;
    const what = t(i)?.t ?? '';
    if (what === 'UNIQUE' || what === 'INDEX') return verdict('additive', 'adds an index', true);
    if (what === 'FULLTEXT' || what === 'SPATIAL') return verdict('locking', `adds a ${what} index: the server blocks writes while it builds it`, true);
    return verdict('additive', `creates ${what.toLowerCase() || 'an object'} ${name(t(i + (word(t(i + 1), 'IF') ? 4 : 1)))}`);
  }
  if (head === 'DROP') {
    const what = t(1)?.t === 'TEMPORARY' ? (t(2)?.t ?? '') : (t(1)?.t ?? '');
    const target = name(tokens.slice(2).find((x) => !word(x, 'IF', 'EXISTS', 'TABLE', 'TEMPORARY', 'VIEW')));
    // No online-DDL clauses here: MariaDB 10.11 refuses them on DROP INDEX (a syntax error); dropping an index is online anyway.
    if (what === 'INDEX') return verdict('destructive', `drops index ${target}: queries that use it slow down`);
    return verdict('destructive', `drops ${what.toLowerCase()} ${target}: code that uses it fails`);
  }
  if (head === 'TRUNCATE') return verdict('destructive', `empties table ${name(tokens.find((x, k) => k > 0 && !word(x, 'TABLE')))}`);
  if (head === 'RENAME') return verdict('incompatible', `renames ${name(t(2))} to ${name(t(4))}: running code uses the old name`);
  if (head === 'DELETE' || head === 'UPDATE') {
    if (!has(tokens, 'WHERE')) return verdict('destructive', `${head} without WHERE changes every row`);
    return verdict('data', head === 'UPDATE' ? 'updates rows (backfill)' : 'deletes some rows');
  }
  if (head === 'INSERT' || head === 'REPLACE' || head === 'LOAD') return verdict('data', 'writes rows');
  if (head === 'ALTER') {
    let i = 1;
    while (word(t(i), 'ONLINE', 'IGNORE')) i++;
    if (!word(t(i), 'TABLE')) {
      const what = t(i)?.t.toLowerCase() ?? '';
      return verdict(what === 'view' ? 'incompatible' : 'additive', `alters ${what} ${name(t(i + 1))}`);
    }
    i++;
    if (word(t(i), 'IF') && word(t(i + 1), 'EXISTS')) i += 2;
    const table = name(t(i));
    const found: [StatementClass, string][] = [];
    for (const c of clauses(tokens.slice(i + 1))) alterClause(table, c, columns, found);
    if (found.length === 0) return verdict('additive', `alters ${table}`, true);
    const cls = worst(found.map(([c]) => c));
    const reasons = found.filter(([c]) => cls === 'additive' || c !== 'additive').map(([, why]) => why);
    return { class: cls, reasons: [...new Set(reasons)], onlineDdl: true };
  }
  return verdict('additive', `${head.toLowerCase() || 'empty'} statement (no schema change)`);
}

/** Functions of a literal row that cannot wait or read anything. */
const CONSTANT_FUNCTIONS = ['NOW', 'CURRENT_TIMESTAMP', 'CURRENT_DATE', 'UTC_TIMESTAMP', 'UUID'];

/**
 * An INSERT or REPLACE … VALUES of literal rows (strings, numbers, NULL, DEFAULT, a few constant
 * functions): it reads no table and calls nothing that could wait, so it runs in a moment, as
 * long as its own text. `INSERT … SELECT`, `ON DUPLICATE KEY UPDATE`, SET and subqueries are not.
 */
export function isLiteralInsert(sql: string): boolean {
  const tokens = tokenize(sql);
  if (!word(tokens[0], 'INSERT', 'REPLACE')) return false;
  const values = tokens.findIndex((t) => word(t, 'VALUES', 'VALUE'));
  if (values < 0 || tokens.slice(0, values).some((t) => word(t, 'SELECT'))) return false;
  return tokens
    .slice(values + 1)
    .every((t) =>
      t.quoted
        ? t.t === "'"
        : /^[(),+-]$/.test(t.t) || /^\d[\d.]*(E[+-]?\d+)?$/.test(t.t) || ['NULL', 'TRUE', 'FALSE', 'DEFAULT', ...CONSTANT_FUNCTIONS].includes(t.t),
    );
}

/**
 * Appends `ALGORITHM=…, LOCK=…` to an ALTER TABLE or CREATE INDEX so the server refuses a
 * plan that would lock or copy the table, instead of taking the lock. Statements that name
 * an algorithm or lock themselves are left as written.
 */
export function withOnlineDdl(sql: string, mode: 'inplace' | 'instant'): string {
  const tokens = tokenize(sql);
  if (tokens.some((x) => word(x, 'ALGORITHM', 'LOCK'))) return sql;
  const clause = mode === 'instant' ? 'ALGORITHM=INSTANT' : 'ALGORITHM=INPLACE, LOCK=NONE';
  // ALTER TABLE takes them as clauses; CREATE INDEX as trailing options.
  return word(tokens[0], 'ALTER') ? `${sql}, ${clause}` : `${sql} ${clause.replace(',', '')}`;
}

/** Every statement of the files, classified: the `lint` output, in apply order. */
export function lint(files: MigrationFile[], columns?: Columns): LintFinding[] {
  return files.flatMap((f) =>
    f.statements.map((s) => {
      const k = classify(s.sql, columns);
      return { script: f.script, statement: s.index, line: s.line, phase: f.phase, class: k.class, reason: k.reasons.join('; ') };
    }),
  );
}

/** Whether the files hold a MODIFY or CHANGE, which the current columns would make more precise. */
export const wantsColumns = (files: MigrationFile[]) => files.some((f) => f.statements.some((s) => /^\s*ALTER\b[\s\S]*\b(MODIFY|CHANGE)\b/i.test(s.sql)));
