/**
 * Reads the migration files: `V<version>__<description>.sql` (versioned, applied
 * once, in numeric version order), `R__<name>.sql` (repeatable, re-applied when
 * its checksum changes) and the seed directory's `*.sql` (QA data, applied after
 * migrations in file-name order, re-applied when changed). Every mistake in the
 * directory is reported before anything touches the database.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, show } from '@switchyard/kit';
import type { MigrationFile, MigrationKind, MigrationPhase } from './model';
import { parseSql, SqlSyntaxError } from './sql';

const VERSIONED = /^V(\d+(?:[._]\d+)*)__(.+)\.sql$/;
const REPEATABLE = /^R__(.+)\.sql$/;

/** Splits "1_2" / "1.2" into digit strings without leading zeros; trailing zero parts dropped (1.0 = 1). */
export function versionParts(version: string): string[] {
  const parts = version.split(/[._]/).map((p) => p.replace(/^0+(?=\d)/, ''));
  while (parts.length > 1 && parts[parts.length - 1] === '0') parts.pop();
  return parts;
}

/** The canonical form of a version ("01_10_0" → "1.10"). */
export const normalizeVersion = (version: string) => versionParts(version).join('.');

/** Parts per version seen: sorting and planning compare each version many times. */
const partsSeen = new Map<string, string[]>();
const partsOf = (v: string) => partsSeen.get(v) ?? partsSeen.set(v, versionParts(v)).get(v)!;

/** Numeric comparison, part by part: 1.2 < 1.10 < 2; works for timestamps of any length. */
export function compareVersions(a: string, b: string): number {
  const pa = partsOf(a);
  const pb = partsOf(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '0';
    const y = pb[i] ?? '0';
    if (x.length !== y.length) return x.length - y.length;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** A valid version as an input value ("1.2", "1_2", "20261126"). */
export const VERSION_PATTERN = /^\d+(?:[._]\d+)*$/;

/** What a file name says, or undefined when it is not a migration name. */
export function parseFileName(
  name: string,
): { kind: 'versioned'; version: string; description: string } | { kind: 'repeatable'; description: string } | undefined {
  const v = VERSIONED.exec(name);
  if (v) return { kind: 'versioned', version: normalizeVersion(v[1]!), description: v[2]!.replace(/_/g, ' ').trim() };
  const r = REPEATABLE.exec(name);
  if (r) return { kind: 'repeatable', description: r[1]!.replace(/_/g, ' ').trim() };
  return undefined;
}

/** Files that are not read and not errors: dotfiles (.gitkeep) and Markdown notes. */
const ignored = (name: string) => name.startsWith('.') || /\.md$/i.test(name);

function listDir(input: string, dir: string): string[] {
  let entries;
  try {
    if (!statSync(dir).isDirectory()) throw new InputError(input, `${show(dir)} is not a directory`);
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(input, `${show(dir)} does not exist or cannot be read`);
  }
  const dirs = entries.filter((e) => e.isDirectory() && !ignored(e.name)).map((e) => e.name);
  if (dirs.length)
    throw new InputError(
      input,
      `${show(dir)} contains sub-directories (${dirs.map((d) => show(d)).join(', ')}): only the files directly in it are read, so move them up or elsewhere`,
    );
  return entries.filter((e) => !e.isDirectory() && !ignored(e.name)).map((e) => e.name);
}

/** The header marker of a contract migration: a comment line before the first statement. */
export const PHASE_MARKER = /^\s*(?:--|#)\s*init-db:\s*(\S*)/i;

/**
 * A migration's phase from its header: `-- init-db: contract` on a comment line before the
 * first statement marks it contract; without one it is expand. (Comments are outside the
 * checksum, so marking an applied file is not drift.)
 */
export function phaseOf(input: string, name: string, text: string, firstLine: number): MigrationPhase {
  const header = text.split(/\r?\n/).slice(0, Math.max(0, firstLine - 1));
  for (const line of header) {
    const m = PHASE_MARKER.exec(line);
    if (!m) continue;
    const value = m[1]!.toLowerCase();
    if (value === 'contract' || value === 'expand') return value;
    throw new InputError(
      input,
      `${name}: header ${show(line.trim())} names phase ${show(m[1])}; write -- init-db: contract (or leave the marker out for expand)`,
    );
  }
  return 'expand';
}

function load(input: string, dir: string, name: string, kind: MigrationKind, description: string, version?: string): MigrationFile {
  const path = join(dir, name);
  const text = readFileSync(path, 'utf8');
  const parsed = (() => {
    try {
      return parseSql(text);
    } catch (e) {
      if (e instanceof SqlSyntaxError) throw new InputError(input, `${name}: ${e.message}`);
      throw e;
    }
  })();
  const phase = phaseOf(input, name, text, parsed.statements[0]?.line ?? Number.MAX_SAFE_INTEGER);
  return { kind, script: name, path, version, description, checksum: parsed.checksum, statements: parsed.statements, phase };
}

/** Reads migrations-dir: versioned files sorted by version, then repeatables sorted by name. */
export function readMigrations(dir: string, input = 'migrations-dir'): MigrationFile[] {
  const names = listDir(input, dir).sort();
  const malformed: string[] = [];
  const versioned: MigrationFile[] = [];
  const repeatable: MigrationFile[] = [];
  for (const name of names) {
    const p = parseFileName(name);
    if (!p || !p.description) malformed.push(name);
    else if (p.kind === 'versioned') versioned.push(load(input, dir, name, 'versioned', p.description, p.version));
    else repeatable.push(load(input, dir, name, 'repeatable', p.description));
  }
  if (malformed.length) {
    throw new InputError(
      input,
      `malformed migration file name${malformed.length > 1 ? 's' : ''} in ${show(dir)}: ${malformed.map((m) => show(m)).join(', ')}; expected V<version>__<description>.sql (e.g. V1_2__add_orders.sql) or R__<name>.sql`,
    );
  }
  versioned.sort((a, b) => compareVersions(a.version!, b.version!));
  for (let i = 1; i < versioned.length; i++) {
    const [a, b] = [versioned[i - 1]!, versioned[i]!];
    if (a.version === b.version)
      throw new InputError(input, `two files have version ${a.version}: ${show(a.script)} and ${show(b.script)}; give each migration its own version`);
  }
  return [...versioned, ...repeatable];
}

/** Reads seed-dir: every *.sql file, in file-name order. */
export function readSeeds(dir: string, input = 'seed-dir'): MigrationFile[] {
  const names = listDir(input, dir).sort();
  const other = names.filter((n) => !n.endsWith('.sql'));
  if (other.length) throw new InputError(input, `${show(dir)} holds files that are not .sql: ${other.map((o) => show(o)).join(', ')}`);
  return names.map((name) => load(input, dir, name, 'seed', name.replace(/\.sql$/, '').replace(/_/g, ' ')));
}
